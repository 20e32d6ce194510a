import { CHECKLIST_KEYS } from '../../../cmc/milestones';
import type { UpgradeStep } from '../../upgrade';

/** "name: value" or "name = value" pieces separated by ";" or new lines; anything else is a name. */
export function parametersFromText(
  text: string,
): { id: string; name: string; value: string; unit: string }[] {
  return text
    .split(/[;\n]/)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .map((piece, i) => {
      const match = /^([^:=]+?)\s*[:=]\s*(.+)$/.exec(piece);
      return {
        id: `p${i + 1}`,
        name: match?.[1] ?? piece,
        value: match?.[2] ?? '',
        unit: '',
      };
    });
}

/**
 * Schema 2 holds a CMC as the KCDB 2.0 does: the free-text parameters become a list, the one
 * uncertainty value becomes a range (from and to the same value, as typed), "relative"
 * becomes the uncertainty's mode, and the new fields (classification below the service,
 * method, the QM and RI fields, review rounds, checklist, re-review date) start empty. Pure
 * and deterministic, so every device upgrading the same revision gets the same plan.
 */
export const kcdbFields: UpgradeStep = {
  from: 1,
  name: 'KCDB 2.0 fields, review rounds and checklist',
  run: (doc) => {
    const { parameters, uncertaintyValue, relative, ...rest }: Record<string, unknown> = doc;
    const value = uncertaintyValue === undefined ? null : uncertaintyValue;
    return {
      ...rest,
      subService: '',
      individualService: '',
      serviceCode: '',
      method: '',
      analyte: '',
      matrix: '',
      crm: '',
      deliveryMechanism: '',
      nuclide: '',
      source: '',
      medium: '',
      parameterList: typeof parameters === 'string' ? parametersFromText(parameters) : [],
      uncertaintyForm: 'range',
      uncertaintyMin: value,
      uncertaintyMax: value,
      uncertaintyMode: relative === true ? 'relative' : 'absolute',
      uncertaintyEquation: '',
      uncertaintyTable: [],
      internationalStandard: '',
      reviewRounds: {},
      checklist: Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, { done: false, note: '' }])),
      maintenanceDue: '',
    };
  },
};
