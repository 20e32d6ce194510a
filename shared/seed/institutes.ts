/**
 * The institutes of a training dataset: the reference list's institutes first (verified
 * entries before inferred ones), then, when more are asked for, invented institutes of
 * invented economies, named so that nobody takes them for real ones.
 *
 * Every training institute's slug starts with `training-`, whatever its name. Training
 * data therefore lives in its own databases (`org-training-…` on a server,
 * `workbench-training-…` in the app) and can never meet a real institute's data: a
 * real workspace refuses a training institute's sign-in and its changes files, and a
 * seeded server's training databases sit apart from any real ones.
 */
import economiesFile from '../../resources/reference/apmp-economies.json' with { type: 'json' };
import { toSlug } from '../ids';
import { listReferenceInstitutes } from '../reference/economies';

export const TRAINING_PREFIX = 'training-';

/** True for the slug of a training institute (the seed's, or the app's practice institute). */
export function isTrainingOrg(slug: string): boolean {
  return slug.startsWith(TRAINING_PREFIX);
}

/** The training slug for a name or a real slug, within the 40 characters a slug may have. */
export function trainingSlug(base: string): string {
  return toSlug('training', base);
}

export interface SeedInstitute {
  slug: string;
  name: string;
  acronym: string;
  economy: string;
  /** ISO 3166 code; invented economies use the user-assigned codes XA–XZ. */
  iso2: string;
  /** True when the reference entry was not read from a source (show it as unverified). */
  inferred: boolean;
  /** True for institutes invented for training when the reference list runs out. */
  fictional: boolean;
  /** The reference list's own slug, for institutes taken from it. */
  referenceSlug?: string;
}

const FICTIONAL_ECONOMIES = [
  'Arvenia',
  'Belmora',
  'Corvania',
  'Dastovia',
  'Elvaria',
  'Fennoria',
  'Galdavia',
  'Harovia',
  'Ilmaris',
  'Jorvania',
  'Kestavia',
  'Lumaria',
  'Morvessa',
  'Norvania',
  'Olvenia',
  'Pelavia',
  'Quorvia',
  'Rovania',
  'Selmaria',
  'Tarvonia',
  'Ulvaria',
  'Valmoria',
  'Wesmaria',
  'Xanthoria',
  'Yarvonia',
  'Zelmoria',
] as const;

const FICTIONAL_NAMES: readonly { name: (economy: string) => string; acronym: string }[] = [
  { name: (e) => `National Metrology Centre of ${e}`, acronym: 'NMC' },
  { name: (e) => `${e} Bureau of Standards and Metrology`, acronym: 'BSM' },
  { name: (e) => `${e} Institute of Measurement Science`, acronym: 'IMS' },
  { name: (e) => `National Measurement Laboratory of ${e}`, acronym: 'NML' },
];

/** The practice institute of the app's training mode. */
export const PRACTICE_INSTITUTE: SeedInstitute = {
  slug: 'training-practice',
  name: 'Practice Metrology Institute',
  acronym: 'PMI',
  economy: 'Practice economy (training data)',
  iso2: 'XX',
  inferred: false,
  fictional: true,
};

function fictionalInstitute(index: number): SeedInstitute {
  const letter = index % 26;
  const round = Math.floor(index / 26);
  const base = FICTIONAL_ECONOMIES[letter] ?? 'Arvenia';
  const economyName = round === 0 ? base : `${base} ${round + 1}`;
  const pattern = FICTIONAL_NAMES[index % FICTIONAL_NAMES.length] ?? FICTIONAL_NAMES[0];
  const iso2 = `X${String.fromCharCode(65 + letter)}`;
  const acronym = `${pattern?.acronym ?? 'NMC'}-${iso2}${round === 0 ? '' : round + 1}`;
  return {
    slug: trainingSlug(`${iso2}${round === 0 ? '' : round + 1}-${pattern?.acronym ?? 'nmc'}`),
    name: `${pattern?.name(economyName) ?? economyName} (training data)`,
    acronym,
    economy: `${economyName} (fictional)`,
    iso2,
    inferred: false,
    fictional: true,
  };
}

/** The reference institutes in the order a dataset takes them: verified entries first. */
export function referenceTrainingInstitutes(): SeedInstitute[] {
  const reference = listReferenceInstitutes(economiesFile);
  const ordered = [...reference.filter((r) => !r.inferred), ...reference.filter((r) => r.inferred)];
  const used = new Set<string>();
  return ordered.map((r) => {
    let slug = trainingSlug(r.slug);
    for (let n = 2; used.has(slug); n++) slug = trainingSlug(`${r.slug.slice(0, 28)}-${n}`);
    used.add(slug);
    return {
      slug,
      name: r.name,
      acronym: r.acronym,
      economy: r.economy,
      iso2: r.iso2,
      inferred: r.inferred,
      fictional: false,
      referenceSlug: r.slug,
    };
  });
}

/** The first `count` institutes of a dataset: reference ones, then invented ones. */
export function seedInstitutes(count: number): SeedInstitute[] {
  const reference = referenceTrainingInstitutes().slice(0, count);
  const extra = Array.from({ length: Math.max(0, count - reference.length) }, (_, i) =>
    fictionalInstitute(i),
  );
  return [...reference, ...extra];
}
