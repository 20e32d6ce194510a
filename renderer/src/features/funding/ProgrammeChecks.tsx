/**
 * A programme's metrology areas, leverage areas and kinds of support as three lists of
 * checkboxes, the same when a programme is added and when it is edited.
 */
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVERAGE_AREAS } from '@shared/case-studies/leverage';
import { SUPPORT_KIND_LABELS, SUPPORT_KINDS } from '@shared/funding/kinds';
import { areaOptions } from '../dashboard/dashboard-data';

export type ProgrammeList = 'areas' | 'leverageAreas' | 'supportKinds';

const LISTS: readonly { field: ProgrammeList; choices: readonly { value: string; label: string }[] }[] = [
  { field: 'areas', choices: areaOptions.map((a) => ({ value: a.code, label: `${a.name} (${a.code})` })) },
  {
    field: 'leverageAreas',
    choices: LEVERAGE_AREAS.map((a) => ({ value: a.code, label: `${a.code} — ${a.label}` })),
  },
  { field: 'supportKinds', choices: SUPPORT_KINDS.map((k) => ({ value: k, label: SUPPORT_KIND_LABELS[k] })) },
];

export function ProgrammeChecks({
  checkbox,
  onChange,
}: {
  /** What a checkbox carries besides its value: the form's registration, or whether it starts checked. */
  checkbox: (field: ProgrammeList, value: string) => ComponentProps<'input'>;
  /** Told the list whose boxes changed, with its fieldset. */
  onChange?: (field: ProgrammeList, fieldset: HTMLFieldSetElement) => void;
}) {
  const { t } = useTranslation('funding');
  return LISTS.map(({ field, choices }) => (
    <fieldset key={field} onChange={onChange ? (e) => onChange(field, e.currentTarget) : undefined}>
      <legend>{t(`map.${field}`)}</legend>
      <div className="checks">
        {choices.map((c) => (
          <label key={c.value} className="choice">
            <input type="checkbox" value={c.value} {...checkbox(field, c.value)} /> {c.label}
          </label>
        ))}
      </div>
    </fieldset>
  ));
}
