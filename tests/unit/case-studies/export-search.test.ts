/** The Markdown export of a story, and what the library's search reads from it. */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exportFileStem, markdownZip, storyMarkdown } from '../../../shared/case-studies/export';
import { matchesFilter, normaliseForSearch, summariseCaseStudy } from '../../../shared/case-studies/search';
import { AT, story } from './fixtures';

const names = {
  institute: 'National Metrology Laboratory (NML-ITDI)',
  sdg: (n: number) => `SDG ${n}`,
  area: (code: string) => `Mass (${code})`,
  leverage: (code: string) => `Lever ${code}`,
};

const photo = (caption: string, order: number) => ({
  caption,
  credit: 'NML-ITDI',
  width: 1600,
  height: 1200,
  bytes: 250_000,
  order,
  addedAt: AT,
  addedBy: 'Maria Santos',
});

describe('the Markdown export', () => {
  const doc = story({
    title: 'Rice mills | weigh fairly',
    challenge: '',
    indicators: [{ id: 'i1', name: 'Days | to calibrate', before: '21', after: '3', unit: 'days' }],
    photos: { 'photo-b.jpg': photo('Technicians at work', 2), 'photo-a.jpg': photo('The [trailer]', 1) },
  });

  it('writes the facts, the sections that have text, the indicators as a table, quotes and photos in order', () => {
    const md = storyMarkdown(doc, names);
    expect(
      md.startsWith(
        '# Rice mills | weigh fairly\n\n- **Institute:** National Metrology Laboratory (NML-ITDI)',
      ),
    ).toBe(true);
    expect(md).toContain('- **Sustainable Development Goals:** SDG 2; SDG 9');
    expect(md).not.toContain('## The challenge');
    expect(md).toContain('| Days \\| to calibrate | 21 | 3 | days |');
    expect(md).toContain('> Our customers trust the scale now.\n>\n> — Ana Reyes, Mill owner');
    const photos = [...md.matchAll(/!\[([^\]]*)\]\(photos\/([^)]+)\)/g)].map((m) => [m[1], m[2]]);
    expect(photos).toEqual([
      ['The trailer', 'photo-a.jpg'],
      ['Technicians at work', 'photo-b.jpg'],
    ]);
    expect(md).toContain('*Technicians at work (Photo: NML-ITDI)*');
  });

  it('packs story.md and the photos, unchanged, in one zip', () => {
    const jpeg = new Uint8Array([0xff, 0xd8, 1, 2, 3, 0xff, 0xd9]);
    const files = unzipSync(markdownZip('# Story\n', [{ name: 'photo-a.jpg', bytes: jpeg }]));
    expect(Object.keys(files).sort()).toEqual(['photos/photo-a.jpg', 'story.md']);
    expect(strFromU8(files['story.md'] ?? new Uint8Array())).toBe('# Story\n');
    expect(files['photos/photo-a.jpg']).toEqual(jpeg);
  });

  it('names the file after the title, in plain letters', () => {
    expect(exportFileStem({ title: 'Ação rápida: 42 balanças!', _id: 'casestudy:x:abc' })).toBe(
      'acao-rapida-42-balancas',
    );
    expect(exportFileStem({ title: '   ', _id: 'casestudy:x:0b7c3d2e-1111' })).toBe('case-study-0b7c3d2e');
  });
});

describe('the library search', () => {
  const row = summariseCaseStudy(
    story({
      title: 'Calibração de balanças em Timor',
      context: 'Weighbridges in **Nueva Écija** were never calibrated.',
      photos: { 'photo-a.jpg': photo('The trailer', 1) },
      status: 'published',
      history: [
        { action: 'create', to: 'draft', at: AT, by: 'Maria' },
        { action: 'publish', to: 'published', at: '2026-11-30T10:00:00.000Z', by: 'Sam' },
      ],
    }),
  );

  it('reads every word of the story, without case or accents', () => {
    expect(normaliseForSearch('  Nueva  ÉCIJA — balanças ')).toBe('nueva ecija balancas');
    expect(matchesFilter(row, { text: 'ecija WEIGHBRIDGES' })).toBe(true);
    expect(matchesFilter(row, { text: 'balancas trailer' })).toBe(true);
    expect(matchesFilter(row, { text: 'ecija submarine' })).toBe(false);
    expect(matchesFilter(row, { text: '' })).toBe(true);
  });

  it('filters by SDG, area, economy and leverage area, all at once', () => {
    expect(matchesFilter(row, { sdg: 9, area: 'M', economy: 'Philippines', leverageArea: 'LA2' })).toBe(true);
    expect(matchesFilter(row, { sdg: 3 })).toBe(false);
    expect(matchesFilter(row, { area: 'T' })).toBe(false);
    expect(matchesFilter(row, { economy: 'Fiji' })).toBe(false);
    expect(matchesFilter(row, { leverageArea: 'LA3' })).toBe(false);
  });

  it('lists the excerpt, photo count, sync size and publication time', () => {
    expect(row.excerpt).toBe('Weighbridges in Nueva Écija were never calibrated.');
    expect(row.photoCount).toBe(1);
    expect(row.bytes).toBeGreaterThan(250_000);
    expect(row.bytes).toBeLessThan(260_000);
    expect(row.publishedAt).toBe('2026-11-30T10:00:00.000Z');
  });
});
