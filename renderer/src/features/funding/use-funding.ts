/** What the funding screens read: the four kinds from the read model, needs, who is who. */
import { useMemo } from 'react';
import type { NeedRef } from '@shared/funding/views';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useMatchFactsRows } from '../../data/cmc-hooks';
import { useActivities, useFollowups, useFunders, useSupports } from '../../data/funding-hooks';
import { useInstitutes } from '../institutes/use-institutes';

/** Today as yyyy-mm-dd on this computer's calendar. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function useFunding() {
  const { workspace } = useWorkspace();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const funders = useFunders();
  const activities = useActivities();
  const supports = useSupports();
  const followups = useFollowups();
  const facts = useMatchFactsRows();
  const institutes = useInstitutes();
  // The needs of each institute's latest assessment cycle, named as ledger entries name them.
  const needs = useMemo<NeedRef[]>(() => {
    const latest = new Map<string, number>();
    for (const row of facts ?? []) latest.set(row.org, Math.max(latest.get(row.org) ?? 0, row.cycle));
    return (facts ?? [])
      .filter((row) => row.cycle === latest.get(row.org))
      .flatMap((row) =>
        row.needs
          .filter((n) => n.ref)
          .map((n) => ({
            ref: `${row.id}#${n.ref ?? ''}`,
            org: row.org,
            area: n.area,
            type: n.type,
            ...(n.priority !== undefined ? { priority: n.priority } : {}),
          })),
      );
  }, [facts]);
  return {
    workspace,
    author: workspace.author,
    isSecretariat,
    loading: [funders, activities, supports, followups, facts].some((x) => x === undefined),
    funders: funders ?? [],
    activities: activities ?? [],
    supports: supports ?? [],
    followups: followups ?? [],
    needs,
    institutes,
  };
}
