import { describe, expect, it } from 'vitest';
import { answersText, search, type SearchItem } from '@shared/search';

const items: SearchItem[] = [
  {
    kind: 'response',
    to: '/questionnaires/r1',
    title: 'DEC capacity and needs assessment · 2026',
    detail: 'NML-ITDI · Draft',
    text: answersText(['Ministry of Commerce', 12, ['M', 'T'], null, 'Calibración de balanzas']),
  },
  {
    kind: 'plan',
    to: '/cmc-plans/p1',
    title: 'Calibration of weights',
    detail: 'NML · M · Mass standards',
    text: '',
  },
  {
    kind: 'institute',
    to: '/questionnaires?institute=kriss',
    title: 'KRISS',
    detail: 'Korea',
    text: 'kriss kr',
  },
];

describe('the search box', () => {
  it('finds by every word, in any case and without accents, titles first', () => {
    expect(search(items, 'CALIBRACION balanzas').hits.map((h) => h.to)).toEqual(['/questionnaires/r1']);
    expect(search(items, 'calibration').hits.map((h) => h.to)).toEqual(['/cmc-plans/p1']);
    expect(search(items, 'korea').hits.map((h) => h.kind)).toEqual(['institute']);
    expect(search(items, 'mass ministry').total).toBe(0);
  });

  it('shows a few words around an answer that matched', () => {
    const [hit] = search(items, 'commerce').hits;
    expect(hit?.excerpt).toMatch(/ministry of commerce 12/);
  });

  it('says nothing for an empty box', () => {
    expect(search(items, '   ')).toEqual({ hits: [], total: 0 });
  });
});
