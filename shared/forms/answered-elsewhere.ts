/**
 * Parts of a questionnaire that another part of the app answers, so that the form no longer
 * asks them. The DEC assessment's "support received" table (`support_received`, in both
 * versions of `dec_capacity_needs`) is read from the institute's support ledger (issue 21): the
 * runner shows the ledger's entries for the response's cycle, the return carries them on a
 * sheet the import never reads back, and the consolidated return lists them.
 *
 * Answers stored in such a table before the ledger existed stay in the response as they were:
 * the rules still read them (so they can be shown, read only, and were migrated into ledger
 * entries), but they are not asked, counted, required or checked, and a new cycle does not
 * carry them over.
 */
import type { FormItem, RepeatItem } from './model';

export type AnsweredBy = 'support-ledger';

/** Repeats by name: the same names the ledger's migration reads (shared/funding/ledger-from-answers.ts). */
const ELSEWHERE: Readonly<Record<string, AnsweredBy>> = { support_received: 'support-ledger' };

/**
 * What answers this item instead of the person: only a repeat outside other repeats can be
 * answered elsewhere. Undefined when the form asks it.
 */
export function answeredElsewhere(
  item: FormItem,
  repeats: readonly RepeatItem[] | number = 0,
): AnsweredBy | undefined {
  const depth = typeof repeats === 'number' ? repeats : repeats.length;
  return item.kind === 'repeat' && depth === 0 && Object.hasOwn(ELSEWHERE, item.name)
    ? ELSEWHERE[item.name]
    : undefined;
}

/** What answers a section (a top-level group or repeat) of the form, when another part of the app does. */
export function sectionAnsweredElsewhere(items: readonly FormItem[]): AnsweredBy | undefined {
  for (const item of items) {
    const by = answeredElsewhere(item);
    if (by) return by;
    if (item.kind === 'group') {
      const inner = sectionAnsweredElsewhere(item.items);
      if (inner) return inner;
    }
  }
  return undefined;
}
