/** What the dashboards share: the KCDB areas for filters and columns, and the DEC questionnaire's id. */
import economiesFile from '../../../../resources/reference/apmp-economies.json';
import kcdb from '../../../../resources/reference/kcdb-areas.json';
import { referenceTaxonomy } from '@shared/cmc/taxonomy';
import { developingEconomies } from '@shared/reference/economies';

export const DEC_TEMPLATE = 'dec_capacity_needs';

export const areaOptions = referenceTaxonomy(kcdb).map((a) => ({ code: a.code, name: a.name }));

/** A metrology area's name, or its code as it is when the taxonomy does not know it. */
export const areaName = (code: string): string => areaOptions.find((a) => a.code === code)?.name ?? code;

/**
 * Which economies count as developing, by ISO code, from the reference list's
 * `developing_economy` flag (most values inferred from a DEC role, and said so on screen).
 */
export const developingByIso = developingEconomies(economiesFile);

/**
 * When the data was read, for the subtitle of a table: ISO to the minute (the exported
 * workbook keeps it so); the screen shows it in the reader's format (Panel.tsx).
 */
export function madeAt(): string {
  return `${new Date().toISOString().slice(0, 16)}Z`;
}
