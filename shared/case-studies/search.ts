/**
 * What the library's list and search read from a story, computed once when it is projected
 * into the read model, and the filter the library applies: by SDG, KCDB area, economy,
 * leverage area, and words anywhere in the text (every word must appear; case and accents
 * do not matter).
 */
import type { CaseStudyDoc } from '../docs/casestudy/schema';
import { storySize, utf8Length } from './photos';
import { openComments, lastStep } from './workflow';
import type { CaseStudyStatus } from './workflow-states';

export interface CaseStudySummary {
  id: string;
  org: string;
  title: string;
  status: CaseStudyStatus;
  economy: string;
  leverageArea: string;
  sdgs: number[];
  areas: string[];
  /** The first words of the context, for the list. */
  excerpt: string;
  /** Normalised text of every section, quote and indicator, for word search. */
  searchText: string;
  photoCount: number;
  /** What sync moves for this story: its JSON and its photos. */
  bytes: number;
  openComments: number;
  updatedAt: string;
  updatedBy: string;
  publishedAt?: string;
}

/** Lower case, no accents, single spaces: how text is compared in search. */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function excerptOf(text: string, words = 40): string {
  const plain = text
    .replace(/[#>*_`~]+/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .split(/\s+/)
    .filter(Boolean);
  return plain.length > words ? `${plain.slice(0, words).join(' ')}…` : plain.join(' ');
}

/** The JSON that sync sends for a story, without its photos' bytes. */
export function textBytesOf(doc: CaseStudyDoc): number {
  const { _attachments: _a, _rev: _r, ...rest } = doc;
  return utf8Length(JSON.stringify(rest));
}

export function summariseCaseStudy(doc: CaseStudyDoc): CaseStudySummary {
  const photos = Object.values(doc.photos);
  const text = [
    doc.title,
    doc.economy,
    doc.context,
    doc.challenge,
    doc.actions,
    doc.partners,
    doc.results,
    doc.impact,
    doc.lessons,
    ...doc.indicators.map((i) => `${i.name} ${i.unit}`),
    ...doc.quotes.map((q) => `${q.text} ${q.who} ${q.role}`),
    ...photos.map((p) => `${p.caption} ${p.credit}`),
  ].join(' ');
  const published = lastStep(doc, 'publish');
  return {
    id: doc._id,
    org: doc.org,
    title: doc.title,
    status: doc.status,
    economy: doc.economy,
    leverageArea: doc.leverageArea,
    sdgs: [...doc.sdgs].sort((a, b) => a - b),
    areas: [...doc.areas],
    excerpt: excerptOf(doc.context || doc.results || doc.challenge),
    searchText: normaliseForSearch(text),
    photoCount: photos.length,
    bytes: storySize(
      textBytesOf(doc),
      photos.map((p) => p.bytes),
    ).total,
    openComments: openComments(doc).length,
    updatedAt: doc.updatedAt,
    updatedBy: doc.updatedBy,
    ...(doc.status === 'published' && published ? { publishedAt: published.at } : {}),
  };
}

export interface LibraryFilter {
  sdg?: number;
  area?: string;
  economy?: string;
  leverageArea?: string;
  text?: string;
}

type Filterable = Pick<
  CaseStudySummary,
  'sdgs' | 'areas' | 'economy' | 'leverageArea' | 'searchText' | 'title'
>;

/** True when a story matches every filter given. */
export function matchesFilter(row: Filterable, filter: LibraryFilter): boolean {
  if (filter.sdg !== undefined && !row.sdgs.includes(filter.sdg)) return false;
  if (filter.area && !row.areas.includes(filter.area)) return false;
  if (filter.economy && row.economy !== filter.economy) return false;
  if (filter.leverageArea && row.leverageArea !== filter.leverageArea) return false;
  const words = normaliseForSearch(filter.text ?? '')
    .split(' ')
    .filter(Boolean);
  return words.every((word) => row.searchText.includes(word));
}
