/**
 * Projects the library (`workbench-library`, pulled from the server's `dec-library`)
 * into the same read model as the institute's own documents, from its own checkpoint:
 * the institutes' directory, the templates the secretariat publishes, and published case
 * studies. A library document this version cannot read is listed under Settings like any
 * other, its id prefixed with the library's name.
 */
import type { InstituteDoc } from '@shared/docs/institute/schema';
import { isOwnedId, parseDoc } from '@shared/docs/registry';
import { toErrorData } from '@shared/errors';
import { LIBRARY_DB } from '@shared/sync/names';
import { caseStudyKey, toCaseStudyRow } from './case-study-rows';
import { ChangesFollower, type ChangeRow, type FollowerTarget } from './changes-follower';
import { toProviderSummaryRow, toTaxonomyRow } from './cmc-rows';
import type { LocalDb } from './pouch';
import { toTemplateRow } from './projector';
import type { InstituteRow, ReadModelDb } from './read-model';

export const LIBRARY_CHECKPOINT_KEY = 'checkpoint:library';

/** The key of a library document's entry in the read model's `problems` table. */
export function libraryProblemId(id: string): string {
  return `${LIBRARY_DB}/${id}`;
}

export function toInstituteRow(doc: InstituteDoc): InstituteRow {
  return {
    id: doc._id,
    org: doc.org,
    name: doc.name,
    acronym: doc.acronym,
    economy: doc.economy,
    ...(doc.iso2 ? { iso2: doc.iso2 } : {}),
    inferred: doc.inferred,
    source: doc.source,
    updatedAt: doc.updatedAt,
  };
}

/** The CMC plans feature's library rows (taxonomy, provider summaries) of a document. */
async function removeCmcRows(rm: ReadModelDb, id: string): Promise<void> {
  await rm.taxonomy.delete(id);
  await rm.providerSummaries.delete(id);
}

const target: FollowerTarget = {
  tables: (rm) => [
    rm.institutes,
    rm.libraryTemplates,
    rm.taxonomy,
    rm.providerSummaries,
    rm.caseStudies,
    rm.problems,
  ],
  apply: async (rm, changes: readonly ChangeRow[]) => {
    for (const change of changes) {
      if (!isOwnedId(change.id)) continue;
      const problemId = libraryProblemId(change.id);
      if (change.deleted || !change.doc) {
        await rm.institutes.delete(change.id);
        await rm.libraryTemplates.delete(change.id);
        await removeCmcRows(rm, change.id);
        await rm.caseStudies.delete(caseStudyKey('library', change.id));
        await rm.problems.delete(problemId);
        continue;
      }
      try {
        const doc = parseDoc(change.doc);
        if (doc.type === 'institute') await rm.institutes.put(toInstituteRow(doc));
        if (doc.type === 'template') await rm.libraryTemplates.put(toTemplateRow(doc));
        if (doc.type === 'taxonomy') await rm.taxonomy.put(toTaxonomyRow(doc));
        if (doc.type === 'capability') await rm.providerSummaries.put(toProviderSummaryRow(doc));
        if (doc.type === 'casestudy') await rm.caseStudies.put(toCaseStudyRow(doc, 'library'));
        await rm.problems.delete(problemId);
      } catch (error) {
        await rm.institutes.delete(change.id);
        await rm.libraryTemplates.delete(change.id);
        await removeCmcRows(rm, change.id);
        await rm.caseStudies.delete(caseStudyKey('library', change.id));
        await rm.problems.put({ id: problemId, message: toErrorData(error).message });
      }
    }
  },
};

export class LibraryProjector extends ChangesFollower {
  constructor(library: LocalDb, readModel: ReadModelDb) {
    super(library, readModel, LIBRARY_CHECKPOINT_KEY, target);
  }
}
