/**
 * Editing the funding map and DEC activities by field paths, as CMC plans are edited
 * (../cmc/plan-edit.ts): the editor records what a person changed as path → value, and the
 * save re-reads the latest revision and applies only those paths, so an edit made meanwhile
 * on another secretariat computer to other fields (another programme, another call, another
 * result) survives. Values are kept as typed; the repository's schema check decides what may
 * be stored. A path no document has is never written.
 *
 * Funder: `name`, `kind`, `website`, `contacts`; `programmes.<id>` (a whole programme, or null
 * to remove it); `programmes.<id>.<field>`; `programmes.<id>.calls.<id>` (a whole call, or
 * null); `programmes.<id>.calls.<id>.<title|deadline|url>`.
 *
 * Activity: `title`, `objective`, `workPackage` (which sets the leverage area), `lead`,
 * `budget`, `currency`, `funder` (`funder:<id>|<programme id>`), `start`, `end`;
 * `participants.<org>` (an entry, or null); `participants.<org>.people`; `results.<id>` (a whole
 * result, or null); `results.<id>.<field>`, the reached value with its date and source among them.
 */
import { leverageOfWorkPackage } from '../case-studies/leverage';
import type { ActivityDoc, ExpectedResult } from '../docs/activity/schema';
import type { FunderDoc, FundingCall, Programme } from '../docs/funder/schema';

export type FundingChanges = Readonly<Record<string, unknown>>;

const ID = /^[a-z0-9-]{1,64}$/;
const SLUG = /^[a-z0-9-]{1,40}$/;
const FUNDER_FIELDS = new Set(['name', 'kind', 'website', 'contacts']);
const PROGRAMME_FIELDS = new Set([
  'name',
  'areas',
  'sdgs',
  'leverageAreas',
  'supportKinds',
  'eligibility',
  'howToApply',
  'contacts',
]);
const CALL_FIELDS = new Set(['title', 'deadline', 'url']);
const ACTIVITY_FIELDS = new Set(['title', 'objective', 'lead', 'budget', 'currency', 'start', 'end']);
const RESULT_FIELDS = new Set([
  'result',
  'indicator',
  'baseline',
  'target',
  'actual',
  'actualOn',
  'actualSource',
  'unit',
]);

/** Sets or removes (null) one entry of a keyed part, returning a new object. */
function keyed<T>(part: Record<string, T>, id: string, value: unknown): Record<string, T> {
  if (value !== null) return { ...part, [id]: value as T };
  return Object.fromEntries(Object.entries(part).filter(([key]) => key !== id));
}

/** The funder with `changes` applied; the same object when nothing applies. */
export function applyFunderChanges(doc: FunderDoc, changes: FundingChanges): FunderDoc {
  let next = doc;
  for (const [path, value] of Object.entries(changes)) {
    const [head = '', pid = '', field, cid = '', callField, ...rest] = path.split('.');
    if (rest.length > 0) continue;
    if (!pid && FUNDER_FIELDS.has(head)) {
      next = { ...next, [head]: value };
      continue;
    }
    if (head !== 'programmes' || !ID.test(pid)) continue;
    const programme = next.programmes[pid];
    if (field === undefined) {
      next = { ...next, programmes: keyed<Programme>(next.programmes, pid, value) };
      continue;
    }
    if (!programme) continue; // removed meanwhile elsewhere: nothing to change
    let changed: Programme | undefined;
    if (PROGRAMME_FIELDS.has(field) && !cid) changed = { ...programme, [field]: value };
    else if (field === 'calls' && ID.test(cid)) {
      if (callField === undefined)
        changed = { ...programme, calls: keyed<FundingCall>(programme.calls, cid, value) };
      else if (CALL_FIELDS.has(callField) && programme.calls[cid])
        changed = {
          ...programme,
          calls: { ...programme.calls, [cid]: { ...programme.calls[cid], [callField]: value } },
        };
    }
    if (changed) next = { ...next, programmes: { ...next.programmes, [pid]: changed } };
  }
  return next;
}

/** The activity with `changes` applied; the same object when nothing applies. */
export function applyActivityChanges(doc: ActivityDoc, changes: FundingChanges): ActivityDoc {
  let next = doc;
  for (const [path, value] of Object.entries(changes)) {
    const [head = '', id = '', field, ...rest] = path.split('.');
    if (rest.length > 0) continue;
    if (!id && ACTIVITY_FIELDS.has(head)) {
      next = { ...next, [head]: value };
    } else if (!id && head === 'workPackage' && typeof value === 'string') {
      next = { ...next, workPackage: value, leverageArea: value ? (leverageOfWorkPackage(value) ?? '') : '' };
    } else if (!id && head === 'funder' && typeof value === 'string') {
      const [funderId = '', programmeId = ''] = value.split('|');
      next = { ...next, funderId, programmeId };
    } else if (head === 'participants' && SLUG.test(id)) {
      if (field === undefined) next = { ...next, participants: keyed(next.participants, id, value) };
      else if (field === 'people' && next.participants[id])
        next = { ...next, participants: { ...next.participants, [id]: { people: String(value) } } };
    } else if (head === 'results' && ID.test(id)) {
      if (field === undefined) next = { ...next, results: keyed<ExpectedResult>(next.results, id, value) };
      else if (RESULT_FIELDS.has(field) && next.results[id])
        next = { ...next, results: { ...next.results, [id]: { ...next.results[id], [field]: value } } };
    }
  }
  return next;
}

/** What still names a funder (or one of its programmes), so a deletion can say what it leaves. */
export function namesOfFunder(
  funderId: string,
  programmeId: string | undefined,
  named: {
    supports: readonly { funderId: string; programmeId: string }[];
    activities: readonly { funderId: string; programmeId: string }[];
  },
): { supports: number; activities: number } {
  const names = (x: { funderId: string; programmeId: string }) =>
    x.funderId === funderId && (programmeId === undefined || x.programmeId === programmeId);
  return { supports: named.supports.filter(names).length, activities: named.activities.filter(names).length };
}
