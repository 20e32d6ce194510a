/**
 * The options of the selects many forms share, so that a list reads the same on every
 * screen. Each renders only `<option>`s: the form keeps its own `<select>`, id and label.
 * The metrology areas' are beside their data (features/dashboard/AreaOptions.tsx), so that a
 * screen without them does not load the taxonomy.
 */
import { LEVERAGE_AREAS } from '@shared/case-studies/leverage';

/** One option a value of a fixed list (kinds, statuses), each shown by its label. */
export function ChoiceOptions<K extends string>({
  values,
  labels,
}: {
  values: readonly K[];
  labels: Readonly<Record<K, string>> | ((value: K) => string);
}) {
  return values.map((value) => (
    <option key={value} value={value}>
      {typeof labels === 'function' ? labels(value) : labels[value]}
    </option>
  ));
}

/** None, then the DEC plan's work packages grouped by leverage area (LA1–LA5). */
export function WorkPackageOptions() {
  return (
    <>
      <option value="">—</option>
      {LEVERAGE_AREAS.map((a) => (
        <optgroup key={a.code} label={`${a.code} — ${a.label}`}>
          {a.workPackages.map((wp) => (
            <option key={wp.code} value={wp.code}>
              {wp.code}: {wp.activities[0]}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
