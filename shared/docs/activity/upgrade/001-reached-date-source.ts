import type { UpgradeStep } from '../../upgrade';

/**
 * Schema 2 says when an expected result's reached value was recorded and where it comes from
 * (a follow-up, a report, a visit…), so that a figure against a target can be checked. A value
 * recorded before has neither: both start empty, and the value stays as it was.
 */
export const reachedDateSource: UpgradeStep = {
  from: 1,
  name: 'date and source of a reached value',
  run: (doc) => {
    const results = doc['results'];
    if (!results || typeof results !== 'object' || Array.isArray(results)) return doc;
    return {
      ...doc,
      results: Object.fromEntries(
        Object.entries(results as Record<string, unknown>).map(([id, result]) => [
          id,
          result && typeof result === 'object'
            ? { actualOn: '', actualSource: '', ...(result as Record<string, unknown>) }
            : result,
        ]),
      ),
    };
  },
};
