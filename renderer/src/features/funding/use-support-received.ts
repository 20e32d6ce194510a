/**
 * Support received for the returns (issue 21): an institute's ledger entries of a cycle as the
 * table its return and the consolidated return carry (shared/funding/assessment-support.ts), from
 * the read model, with funders and providing institutes by name.
 */
import { useCallback } from 'react';
import type { TableExport } from '@shared/excel/table-sheet';
import type { AnsweredBy } from '@shared/forms/answered-elsewhere';
import { supportOfCycle, supportReceivedTable } from '@shared/funding/assessment-support';
import { useFunders, useSupports } from '../../data/funding-hooks';
import { useInstitutes } from '../institutes/use-institutes';

export type AnsweredElsewhere = (org: string, cycle: number) => Partial<Record<AnsweredBy, TableExport>>;

export function useSupportReceived(): AnsweredElsewhere {
  const supports = useSupports();
  const funders = useFunders();
  const institutes = useInstitutes();
  return useCallback(
    (org, cycle) => ({
      'support-ledger': supportReceivedTable(
        supportOfCycle(supports ?? [], org, cycle),
        funders ?? [],
        (provider) => institutes.get(provider).name,
        'Support received',
      ),
    }),
    [supports, funders, institutes],
  );
}
