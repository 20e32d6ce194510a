/**
 * A funder and its programmes, for the funding map (DEC plan LA1-WP4): who funds
 * developing-economy NMIs, what (metrology areas, SDGs, leverage areas, kinds of support),
 * who is eligible, how to apply, calls with deadlines and contacts. `funder:<uuid>` in the
 * library, written by the secretariat and read by every institute. Programmes and their calls
 * are keyed by id, so that two people editing different programmes offline merge.
 */
import { z } from 'zod';
import { FUNDER_KINDS, SUPPORT_KINDS } from '../../funding/kinds';
import { baseDocShape } from '../base';

export const FUNDER_SCHEMA_VERSION = 1;

const localId = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Use a short id of letters, digits or hyphens');
const text = (max: number) => z.string().max(max, `Keep it under ${max} characters`);

export const callSchema = z.object({
  title: text(200),
  /** yyyy-mm-dd, or what was typed; '' when open-ended. */
  deadline: text(40),
  url: text(500),
});
export type FundingCall = z.infer<typeof callSchema>;

export const programmeSchema = z.object({
  name: text(200),
  /** KCDB area codes, SDG numbers, leverage areas (LA1…LA5) and kinds of support it funds. */
  areas: z.array(z.string().max(10)).max(20),
  sdgs: z.array(z.number().int().min(1).max(17)).max(17),
  leverageAreas: z.array(z.string().regex(/^LA\d$/)).max(5),
  supportKinds: z.array(z.enum(SUPPORT_KINDS)).max(SUPPORT_KINDS.length),
  eligibility: text(4000),
  howToApply: text(4000),
  contacts: text(1000),
  calls: z.record(localId, callSchema),
});
export type Programme = z.infer<typeof programmeSchema>;

export const funderDocSchema = z
  .object({
    ...baseDocShape,
    type: z.literal('funder'),
    schemaVersion: z.literal(FUNDER_SCHEMA_VERSION),
    name: text(200).min(1, 'Give the funder a name'),
    kind: z.enum(FUNDER_KINDS),
    website: text(500),
    contacts: text(1000),
    programmes: z.record(localId, programmeSchema),
  })
  .superRefine((doc, ctx) => {
    if (!/^funder:[a-z0-9-]{1,64}$/.test(doc._id))
      ctx.addIssue({ code: 'custom', path: ['_id'], message: 'The id must be funder:<id>' });
  });
export type FunderDoc = z.infer<typeof funderDocSchema>;

export function emptyProgramme(name = ''): Programme {
  return {
    name,
    areas: [],
    sdgs: [],
    leverageAreas: [],
    supportKinds: [],
    eligibility: '',
    howToApply: '',
    contacts: '',
    calls: {},
  };
}
