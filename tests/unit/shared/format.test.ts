import { describe, expect, it } from 'vitest';
import { formatter } from '@shared/format';

describe('one format for dates, times and numbers', () => {
  const manila = formatter('en-GB', 'Asia/Manila');
  const lima = formatter('en-US', 'America/Lima');

  it('shows a calendar day as that day everywhere, never the day before west of Greenwich', () => {
    expect(manila.date('2026-12-06')).toBe('6 Dec 2026');
    expect(lima.date('2026-12-06')).toBe('Dec 6, 2026');
  });

  it('shows a moment in the computer’s own zone, to the minute', () => {
    expect(manila.dateTime('2026-12-06T07:43:01.000Z')).toBe('6 Dec 2026, 15:43');
    expect(lima.dateTime('2026-12-06T03:10:00.000Z')).toBe('Dec 5, 2026, 10:10 PM');
  });

  it('says only the time for a moment of today', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(manila.when('2026-12-06T07:43:00Z', now)).toBe('15:43');
    expect(manila.when('2026-12-05T07:43:00Z', now)).toBe('5 Dec 2026, 15:43');
  });

  it('keeps text that is not an ISO date as typed', () => {
    expect(manila.date('06')).toBe('06');
    expect(manila.date('2026')).toBe('2026');
    expect(manila.date('next spring')).toBe('next spring');
  });

  it('formats the ISO dates inside a caption, leaving the rest', () => {
    expect(manila.inText('NML · 2026-12-06T07:43Z')).toBe('NML · 6 Dec 2026, 15:43');
    expect(manila.inText('due 2026-12-20, see plan 12')).toBe('due 20 Dec 2026, see plan 12');
  });

  it('groups digits as the locale does', () => {
    expect(formatter('en-GB').number(13275)).toBe('13,275');
    expect(formatter('de-DE').number(13275.5)).toBe('13.275,5');
  });
});
