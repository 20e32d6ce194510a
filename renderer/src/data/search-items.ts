/**
 * What the search box searches, read from the read model when it opens: responses with
 * their answers' text, CMC plans, stories (the institute's and the library's), and the
 * institutes of the directory. Names are given by the caller (templates' titles,
 * institutes' names), so each item reads as the screens name it.
 */
import { normaliseForSearch } from '@shared/case-studies/search';
import { milestoneLabel } from '@shared/cmc/milestones';
import type { SearchItem } from '@shared/search';
import type { ReadModelDb } from './read-model';

export interface SearchNames {
  /** The institute this computer works for: found even where no directory has been synced. */
  own: string;
  template: (id: string) => string;
  institute: (org: string) => string;
  /** An institute's economy, as far as this computer knows it. */
  economy: (org: string) => string;
  status: (status: string) => string;
  storyPath: (source: 'org' | 'library', id: string) => string;
}

export async function loadSearchItems(readModel: ReadModelDb, names: SearchNames): Promise<SearchItem[]> {
  const [responses, plans, stories, institutes] = await Promise.all([
    readModel.responses.toArray(),
    readModel.cmcPlans.toArray(),
    readModel.caseStudies.toArray(),
    readModel.institutes.toArray(),
  ]);
  const items: SearchItem[] = [];
  for (const row of responses) {
    items.push({
      kind: 'response',
      to: `/questionnaires/${encodeURIComponent(row.id)}`,
      title: `${names.template(row.templateId)} · ${row.cycle}`,
      detail: `${names.institute(row.org)} · ${names.status(row.status)}`,
      text: row.searchText ?? '',
    });
  }
  for (const row of plans) {
    const notes = Object.entries(row.milestones)
      .map(([key, m]) => (m.notes ? `${milestoneLabel(key as keyof typeof row.milestones)} ${m.notes}` : ''))
      .join(' ');
    items.push({
      kind: 'plan',
      to: `/cmc-plans/${encodeURIComponent(row.id)}`,
      title: row.service || row.branch,
      detail: `${names.institute(row.org)} · ${row.area} · ${row.branch}`,
      text: normaliseForSearch(`${row.quantity} ${row.kcdbId} ${notes}`),
    });
  }
  for (const row of stories) {
    items.push({
      kind: 'story',
      to: names.storyPath(row.source, row.id),
      title: row.title,
      detail: `${names.institute(row.org)}${row.economy ? ` · ${row.economy}` : ''}`,
      text: row.searchText,
    });
  }
  // The directory's institutes, and those this computer holds documents of.
  const orgs = new Set([
    names.own,
    ...institutes.map((row) => row.org),
    ...responses.map((r) => r.org),
    ...plans.map((p) => p.org),
  ]);
  const entries = new Map(institutes.map((row) => [row.org, row]));
  for (const org of orgs) {
    items.push({
      kind: 'institute',
      to: `/questionnaires?institute=${encodeURIComponent(org)}`,
      title: names.institute(org),
      detail: entries.get(org)?.economy || names.economy(org),
      text: normaliseForSearch(`${org} ${entries.get(org)?.iso2 ?? ''}`),
    });
  }
  return items;
}
