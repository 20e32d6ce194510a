import { RETIRED_LEVERAGE_AREAS } from '../../../case-studies/leverage';
import type { UpgradeStep } from '../../upgrade';

/**
 * Schema 2 tags stories with the DEC plan's leverage areas (LA1–LA5). A story tagged with one
 * of the six provisional areas moves to the nearest leverage area, or is left untagged with
 * the old area kept in words (`leverageAreaFormer`), so that nothing said is lost.
 */
export const planLeverageAreas: UpgradeStep = {
  from: 1,
  name: 'leverage areas of the DEC plan',
  run: (doc) => {
    const code = typeof doc['leverageArea'] === 'string' ? doc['leverageArea'] : '';
    const retired = Object.hasOwn(RETIRED_LEVERAGE_AREAS, code) ? RETIRED_LEVERAGE_AREAS[code] : undefined;
    if (!retired) return { ...doc, leverageArea: code, leverageAreaFormer: '' };
    return retired.to
      ? { ...doc, leverageArea: retired.to, leverageAreaFormer: '' }
      : { ...doc, leverageArea: '', leverageAreaFormer: retired.label };
  },
};
