/**
 * The one search box (Ctrl+K): questionnaires and their answers, CMC plans, stories and
 * institutes, found by words in what this computer holds. Every word must appear, case and
 * accents ignored (the library's rule, ./case-studies/search.ts); what matches in the title
 * comes first. Pure: the renderer builds the items from the read model.
 */
import { normaliseForSearch } from './case-studies/search';

export type SearchKind = 'response' | 'plan' | 'story' | 'institute';

export interface SearchItem {
  kind: SearchKind;
  /** Where to go: the app's path. */
  to: string;
  title: string;
  /** A line under the title (institute, cycle, status…). */
  detail: string;
  /** Normalised text searched besides the title and detail (answers, sections, notes). */
  text: string;
}

export interface SearchHit extends SearchItem {
  /** A few words of `text` around the first word found there, when the title did not have them all. */
  excerpt?: string;
}

const EXCERPT_WORDS = 8;

function excerptAround(text: string, word: string): string | undefined {
  const at = text.indexOf(word);
  if (at < 0) return undefined;
  const words = (part: string) => part.split(' ').filter(Boolean);
  const before = words(text.slice(0, at)).slice(-EXCERPT_WORDS / 2);
  const after = words(text.slice(at)).slice(0, EXCERPT_WORDS);
  return `${at > 0 ? '… ' : ''}${[...before, ...after].join(' ')} …`;
}

export function search(
  items: readonly SearchItem[],
  query: string,
  limit = 30,
): { hits: SearchHit[]; total: number } {
  const words = normaliseForSearch(query).split(' ').filter(Boolean);
  if (words.length === 0) return { hits: [], total: 0 };
  const ranked: { hit: SearchHit; score: number }[] = [];
  for (const item of items) {
    const heading = normaliseForSearch(`${item.title} ${item.detail}`);
    const all = `${heading} ${item.text}`;
    if (!words.every((word) => all.includes(word))) continue;
    const inTitle = words.filter((word) => heading.includes(word)).length;
    const missing = words.find((word) => !heading.includes(word));
    const excerpt = missing ? excerptAround(item.text, missing) : undefined;
    ranked.push({ hit: { ...item, ...(excerpt ? { excerpt } : {}) }, score: inTitle });
  }
  ranked.sort((a, b) => b.score - a.score || a.hit.title.localeCompare(b.hit.title));
  return { hits: ranked.slice(0, limit).map((r) => r.hit), total: ranked.length };
}

/** The text of a response's answers for search: strings as they are, lists joined. */
export function answersText(values: readonly unknown[]): string {
  const parts: string[] = [];
  for (const value of values) {
    if (typeof value === 'string') parts.push(value);
    else if (typeof value === 'number') parts.push(String(value));
    else if (Array.isArray(value)) parts.push(value.filter((v) => typeof v === 'string').join(' '));
  }
  return normaliseForSearch(parts.join(' ')).slice(0, 20_000);
}
