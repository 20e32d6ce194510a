/**
 * The seed generators, one module per document type, and the functions that run them.
 *
 * Adding a generator (e.g. for `cmcplan` or `casestudy`):
 * 1. Write `shared/seed/<type>/index.ts` exporting a `SeedGenerator` (./context.ts):
 *    `{ type: 'cmcplan', summary: '…', forInstitute(ctx, earlier) { … } }`. Take every
 *    random choice from `ctx.rng('<your part>', …)`: streams are named by the seed, your
 *    type, the institute and your parts, so your numbers never shift anyone else's.
 *    Date documents inside `ctx.window(cycle)` (never after `ctx.asOfMs`), write them as
 *    `ctx.people` (staff names), make ids with the helpers of shared/ids.ts and
 *    `rng.uuid()`, and put photos inline as `_attachments: { 'photo-1.jpg': {
 *    content_type, data: toBase64(bytes) } }`.
 * 2. Add it to `seedGenerators` below, after the generators whose documents it reads
 *    from `earlier`.
 * 3. tests/unit/seed/generator.test.ts then checks it like the others: deterministic for
 *    a seed, every document passing `parseDoc` and the server's `validate_doc_update`
 *    (so the type must be in shared/docs/registry.ts and shared/sync/doc-rules.ts).
 *    Add a test of what makes your documents realistic (e.g. every stage present).
 * The `workbench seed` command, the app's training mode and the benches then write your
 * documents with no further change.
 */
import { instituteContext, libraryContext, type SeedDoc, type SeedGenerator, type SeedPlan } from './context';
import type { SeedInstitute } from './institutes';
import { caseStudySeed } from './casestudy';
import { cmcPlanSeed } from './cmcplan';
import { exchangeCopySeed, exchangeSeed, offerSeed } from './den2den';
import { eventSeed } from './events';
import { activitySeed, followupSeed, funderSeed, supportSeed } from './funding';
import { responseSeed } from './response';

export const seedGenerators: readonly SeedGenerator[] = [
  responseSeed,
  cmcPlanSeed,
  caseStudySeed,
  funderSeed,
  activitySeed,
  supportSeed,
  followupSeed,
  eventSeed,
  offerSeed,
  exchangeSeed,
  exchangeCopySeed,
];

/** Every document of one institute, generator by generator in registry order. */
export function generateInstituteDocs(
  plan: SeedPlan,
  institute: SeedInstitute,
  generators: readonly SeedGenerator[] = seedGenerators,
): SeedDoc[] {
  const docs: SeedDoc[] = [];
  for (const generator of generators) {
    if (!generator.forInstitute) continue;
    docs.push(...generator.forInstitute(instituteContext(plan, institute, generator.type), docs));
  }
  return docs;
}

/** The library documents of the dataset (published case studies, directories, …). */
export function generateLibraryDocs(
  plan: SeedPlan,
  generators: readonly SeedGenerator[] = seedGenerators,
): SeedDoc[] {
  return generators.flatMap((g) => (g.forLibrary ? g.forLibrary(libraryContext(plan, g.type)) : []));
}
