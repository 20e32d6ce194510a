/**
 * The KCDB 2.0 holds CMCs in three families, each with its own fields and its own upload
 * template: general physics (AUV, EM, L, M, PR, T, TF), chemistry and biology (QM) and
 * ionizing radiation (RI). What each family adds to the fields every CMC has is taken from
 * the KCDB 2.0 CMC record as the BIPM's KCDB API returns it (read in the MSLNZ msl-kcdb
 * client, facts only): for QM the analyte, its matrix, the measurement technique, whether the
 * service is a certified reference material and its delivery mechanism; for RI the nuclide
 * (or radiation), the source and the medium.
 */
export type CmcFamily = 'physics' | 'chembio' | 'radiation';

export const FAMILIES: readonly { family: CmcFamily; label: string; areas: readonly string[] }[] = [
  { family: 'physics', label: 'General physics', areas: ['AUV', 'EM', 'L', 'M', 'PR', 'T', 'TF'] },
  { family: 'chembio', label: 'Chemistry and biology', areas: ['QM'] },
  { family: 'radiation', label: 'Ionizing radiation', areas: ['RI'] },
];

export function familyOf(area: string): CmcFamily {
  if (area === 'QM') return 'chembio';
  if (area === 'RI') return 'radiation';
  return 'physics';
}

export function familyLabel(family: CmcFamily): string {
  return FAMILIES.find((f) => f.family === family)?.label ?? family;
}

/** Fields that only one family has; every other field belongs to all. */
export const FAMILY_FIELDS: Readonly<Record<CmcFamily, readonly string[]>> = {
  physics: [],
  chembio: ['analyte', 'matrix', 'crm', 'deliveryMechanism'],
  radiation: ['nuclide', 'source', 'medium'],
};

/** True when a plan in `area` shows and exports `field`. */
export function fieldApplies(area: string, field: string): boolean {
  const own = FAMILY_FIELDS[familyOf(area)];
  const anyFamily = Object.values(FAMILY_FIELDS).some((fields) => fields.includes(field));
  return !anyFamily || own.includes(field);
}
