import { areaOptions } from './dashboard-data';

/** The metrology areas of the reference taxonomy, as "Mass and Related Quantities (M)". */
export function AreaOptions() {
  return areaOptions.map((a) => (
    <option key={a.code} value={a.code}>
      {a.name} ({a.code})
    </option>
  ));
}
