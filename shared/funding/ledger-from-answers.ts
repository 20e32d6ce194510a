/**
 * The assessment's "support received" answers (the `support_received` repeat of the DEC
 * questionnaire: provider, type, days, and in version 2 the kind of agency) as ledger entries,
 * so that the ledger holds every support an institute has reported and the assessment reads it
 * from there. Nothing is lost: the provider goes to `funderText` as written, the days and the
 * kind of agency to the results, and `fromAnswer` names the response and row it came from. Ids are derived from the response and the row, so
 * two computers migrating the same answers write the same documents.
 */
import type { ResponseDoc } from '../docs/response/schema';
import { SUPPORT_SCHEMA_VERSION, type SupportDoc } from '../docs/support/schema';
import { instanceIds } from '../forms/rules';
import { supportId } from '../ids';
import { SUPPORT_KINDS, type SupportKind } from './kinds';

/** Version 2's `agency` list, as its labels say it. */
const AGENCIES: Readonly<Record<string, string>> = {
  rmo: 'APMP or another regional metrology organisation',
  nmi: 'another national metrology institute',
  bilateral: 'a bilateral development agency',
  multilateral: 'a multilateral organisation',
  government: 'own government',
};

/** The days and kind of agency answered, in words, so that nothing answered is lost. */
function said(days: unknown, agency: unknown, cycle: number): string {
  const parts = [
    typeof days === 'number' || typeof days === 'string' ? `${String(days)} days of support` : '',
    typeof agency === 'string' && agency ? `kind of agency: ${AGENCIES[agency] ?? agency}` : '',
  ].filter(Boolean);
  if (parts.length === 0) return `From the ${cycle} assessment`;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} (from the ${cycle} assessment)`;
}

export function ledgerFromAnswers(response: ResponseDoc, at: string, by: string): SupportDoc[] {
  const value = (key: string) => response.answers[key]?.value;
  return instanceIds(value('support_received')).flatMap((row): SupportDoc[] => {
    const at_ = (name: string) => value(`support_received#${row}/${name}`);
    const provider = at_('support_provider');
    const type = at_('support_type');
    const days = at_('support_days');
    const agency = at_('support_agency');
    if (typeof provider !== 'string' && typeof type !== 'string') return [];
    const kind: SupportKind = (SUPPORT_KINDS as readonly string[]).includes(String(type))
      ? (type as SupportKind)
      : 'training';
    const slug = `a${response.cycle}-${row}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    return [
      {
        _id: supportId(response.org, slug),
        type: 'support',
        schemaVersion: SUPPORT_SCHEMA_VERSION,
        org: response.org,
        createdAt: at,
        updatedAt: at,
        updatedBy: by,
        funderId: '',
        programmeId: '',
        funderText: typeof provider === 'string' ? provider : '',
        provider: '',
        kind,
        amount: null,
        currency: '',
        start: `${response.cycle}-01-01`,
        end: `${response.cycle}-12-31`,
        area: '',
        needs: [],
        status: 'received',
        results: said(days, agency, response.cycle),
        fromAnswer: `${response._id}#${row}`,
      },
    ];
  });
}
