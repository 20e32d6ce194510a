/**
 * A story as Markdown with its photos, for people who publish it elsewhere (a newsletter,
 * a website, a report): `story.md` and `photos/photo-….jpg` in one .zip. The text is the
 * author's Markdown, as written; the facts and tables are written out as Markdown too.
 */
import { strToU8, zipSync } from 'fflate';
import type { CaseStudyDoc } from '../docs/casestudy/schema';
import { TEXT_SECTIONS, type TextSection } from './sections';

export const SECTION_TITLES: Readonly<Record<TextSection, string>> = {
  context: 'Context',
  challenge: 'The challenge',
  actions: 'What was done',
  partners: 'With whom',
  results: 'Results',
  impact: 'Impact on the economy and society',
  lessons: 'Lessons',
};

export interface ExportNames {
  institute: string;
  sdg(number: number): string;
  area(code: string): string;
  leverage(code: string): string;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** Photos in the order the story shows them. */
export function orderedPhotos(doc: Pick<CaseStudyDoc, 'photos'>): [string, CaseStudyDoc['photos'][string]][] {
  return Object.entries(doc.photos).sort(
    ([na, a], [nb, b]) => a.order - b.order || a.addedAt.localeCompare(b.addedAt) || na.localeCompare(nb),
  );
}

export function storyMarkdown(doc: CaseStudyDoc, names: ExportNames): string {
  const lines: string[] = [`# ${doc.title || 'Untitled story'}`, ''];
  const facts: [string, string][] = [
    ['Institute', names.institute],
    ['Economy', doc.economy],
    ['Leverage area', doc.leverageArea ? names.leverage(doc.leverageArea) : ''],
    ['Sustainable Development Goals', doc.sdgs.map((n) => names.sdg(n)).join('; ')],
    ['Metrology areas (KCDB)', doc.areas.map((a) => names.area(a)).join('; ')],
  ];
  for (const [label, value] of facts) if (value) lines.push(`- **${label}:** ${value}`);
  lines.push('');
  const photos = orderedPhotos(doc);
  for (const section of TEXT_SECTIONS) {
    const text = doc[section].trim();
    const table = section === 'results' && doc.indicators.length > 0;
    if (!text && !table) continue;
    lines.push(`## ${SECTION_TITLES[section]}`, '');
    if (text) lines.push(text, '');
    if (table) {
      lines.push('| Indicator | Before | After | Unit |', '| --- | --- | --- | --- |');
      for (const i of doc.indicators) {
        lines.push(`| ${cell(i.name)} | ${cell(i.before)} | ${cell(i.after)} | ${cell(i.unit)} |`);
      }
      lines.push('');
    }
  }
  const quotes = doc.quotes.filter((q) => q.text.trim());
  if (quotes.length > 0) {
    lines.push('## In their words', '');
    for (const q of quotes) {
      lines.push(
        ...q.text
          .trim()
          .split('\n')
          .map((l) => `> ${l}`),
      );
      const who = [q.who, q.role].filter((s) => s.trim()).join(', ');
      if (who) lines.push('>', `> — ${who}`);
      lines.push('');
    }
  }
  if (photos.length > 0) {
    lines.push('## Photos', '');
    for (const [name, meta] of photos) {
      const alt = meta.caption.replace(/[[\]]/g, '') || 'Photo';
      lines.push(`![${alt}](photos/${name})`, '');
      const credit = meta.credit ? ` (Photo: ${meta.credit})` : '';
      if (meta.caption || credit) lines.push(`*${meta.caption}${credit}*`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name made from a story's title: letters, digits and hyphens. */
export function exportFileStem(doc: Pick<CaseStudyDoc, 'title' | '_id'>): string {
  const stem = doc.title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || `case-study-${doc._id.split(':').at(-1)?.slice(0, 8) ?? 'story'}`;
}

/** `story.md` and its photos in one zip (photos are stored as they are: JPEG does not compress). */
export function markdownZip(
  markdown: string,
  photos: readonly { name: string; bytes: Uint8Array }[],
): Uint8Array {
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { 'story.md': strToU8(markdown) };
  for (const photo of photos) files[`photos/${photo.name}`] = [photo.bytes, { level: 0 }];
  return zipSync(files, { level: 6 });
}
