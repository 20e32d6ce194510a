/** Small pieces the CMC plan screens share: the feature's tabs, stage and due words, the institute filter. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useSearchParams } from 'react-router';
import { milestoneLabel, type MilestoneKey } from '@shared/cmc/milestones';
import { stageIndex, stageLabel, type Stage } from '@shared/cmc/stage';
import { useWorkspace } from '../../app/workspace-context';
import { CmcRepository } from '../../data/cmc-repository';
import type { InstituteDirectory } from '../institutes/directory-view';
import { instituteLabel } from '../institutes/directory-view';

export function useCmcRepository(): CmcRepository {
  const { workspace } = useWorkspace();
  return useMemo(() => new CmcRepository(workspace.repository, workspace.author), [workspace]);
}

export function CmcNav() {
  const { t } = useTranslation('cmcPlans');
  const links = [
    { to: '/cmc-plans', label: t('nav.plans'), end: true },
    { to: '/cmc-plans/timeline', label: t('nav.timeline'), end: false },
    { to: '/cmc-plans/matching', label: t('nav.matching'), end: false },
    { to: '/cmc-plans/taxonomy', label: t('nav.taxonomy'), end: false },
  ];
  return (
    <nav className="cmc-tabs no-print" aria-label={t('nav.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <NavLink to={link.to} end={link.end}>
              {link.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * "Step 3 of 9: Staff trained", or "Published in the KCDB": the one wording of a stage for
 * every screen (lists, pipeline, editor, summary, dashboards), from shared/cmc/stage.ts.
 */
export function useStageText(): (stage: Stage) => string {
  const { t } = useTranslation('cmcPlans');
  return (stage) =>
    stage === 'complete'
      ? stageLabel(stage)
      : t('stage.step', { n: stageIndex(stage) + 1, label: stageLabel(stage) });
}

export function milestoneName(key: MilestoneKey | ''): string {
  return key ? milestoneLabel(key) : '';
}

/** Whole days from today (local calendar) to an ISO date; negative when past. */
export function daysFrom(today: string, iso: string): number {
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Today as yyyy-mm-dd in the computer's own time zone (a milestone is due on a local day). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export type DueKind = 'overdue' | 'soon' | 'later';

export function dueKind(days: number): DueKind {
  return days < 0 ? 'overdue' : days <= 30 ? 'soon' : 'later';
}

/** "overdue by 12 days" / "due in 5 days", shown in words and not by colour alone. */
export function DueTag({ days }: { days: number }) {
  const { t } = useTranslation('cmcPlans');
  const kind = dueKind(days);
  if (kind === 'later') return null;
  const text =
    kind === 'overdue'
      ? t('due.overdue', { count: -days })
      : days === 0
        ? t('due.today')
        : t('due.soon', { count: days });
  return (
    <span className={`due-tag ${kind}`}>
      <span aria-hidden="true">{kind === 'overdue' ? '! ' : '◷ '}</span>
      {text}
    </span>
  );
}

export function UnverifiedBadge() {
  const { t } = useTranslation('cmcPlans');
  return <span className="badge inferred">{t('unverified')}</span>;
}

/**
 * The institute shown, where this computer holds several institutes' plans (the
 * secretariat's): '' for all. Kept in the address, like the questionnaires list's filter.
 */
export function useInstituteFilter(orgs: readonly string[]): {
  several: boolean;
  shown: string;
  set: (org: string) => void;
} {
  const [params, setParams] = useSearchParams();
  const { author } = useWorkspace().workspace;
  // Another institute's plans are named as such, even when they are the only ones here.
  const several = orgs.some((org) => org !== author.org);
  const shown = several ? (params.get('institute') ?? '') : '';
  return {
    several,
    shown,
    set: (org) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (org) next.set('institute', org);
          else next.delete('institute');
          return next;
        },
        { replace: true },
      ),
  };
}

export function InstituteFilter({
  orgs,
  institutes,
  shown,
  onChange,
}: {
  orgs: readonly string[];
  institutes: InstituteDirectory;
  shown: string;
  onChange: (org: string) => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const options = [...orgs].map((org) => institutes.get(org)).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <div className="field no-print">
      <label htmlFor="cmc-institute-filter">{t('institute')}</label>
      <select id="cmc-institute-filter" value={shown} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('allInstitutes')}</option>
        {options.map((info) => (
          <option key={info.org} value={info.org}>
            {instituteLabel(info)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A file name part for a plan's service: letters, digits and hyphens. */
export function fileSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'plan'
  );
}
