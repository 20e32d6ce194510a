/**
 * Dates, times and numbers as people read them, decided in one place. Every screen formats
 * through these (renderer/src/app/format.ts binds them to the computer's locale), so a date
 * reads the same on every screen; files keep ISO dates (Excel cells, exported tables, the
 * hidden sheets), never these.
 *
 * A calendar day written `yyyy-mm-dd` (a milestone's planned date, a workshop's last day) is
 * shown as that day wherever the computer is: it is formatted in UTC, the zone it was parsed
 * in, never shifted to the day before west of Greenwich. A moment (`…T…Z`) is shown in the
 * computer's own time zone.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export interface Formatter {
  /** A day: "6 Dec 2026" (en-GB), "Dec 6, 2026" (en-US). */
  date(iso: string): string;
  /** A moment: the day and the time to the minute. */
  dateTime(iso: string): string;
  /** A moment's time to the minute. */
  time(iso: string): string;
  /** A moment, briefly: the time alone when it is today, else the day and the time. */
  when(iso: string, now?: Date): string;
  /** A month of a day, for axes: "Dec 2026", or "Dec" without the year. */
  month(iso: string, withYear: boolean): string;
  number(value: number, fractionDigits?: number): string;
  /**
   * A text with the ISO days and moments in it shown in this format ("made 2026-12-06T07:43Z"
   * → "made Dec 6, 2026, 3:43 PM"): for texts, such as a table's caption, that a file keeps in ISO.
   */
  inText(text: string): string;
}

/** Only ISO days and moments are dates; anything else (a date typed as "06") is shown as typed. */
function parse(iso: string): { date: Date; day: boolean } | undefined {
  const day = DAY.test(iso);
  if (!day && !MOMENT.test(iso)) return undefined;
  const date = new Date(day ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? undefined : { date, day };
}

/**
 * Formats for a locale (a BCP 47 tag; undefined is the computer's own) and, for tests, a
 * time zone (undefined is the computer's own).
 */
export function formatter(locale?: string, timeZone?: string): Formatter {
  const zone = timeZone ? { timeZone } : {};
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const localDayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', ...zone });
  const momentFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', ...zone });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...zone });
  const monthFormat = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  const monthYearFormat = new Intl.DateTimeFormat(locale, {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const numbers = new Map<number, Intl.NumberFormat>();
  const dayKey = new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', ...zone });
  return {
    date: (iso) => {
      const parsed = parse(iso);
      if (!parsed) return iso;
      return (parsed.day ? dayFormat : localDayFormat).format(parsed.date);
    },
    dateTime: (iso) => {
      const parsed = parse(iso);
      if (!parsed) return iso;
      return parsed.day ? dayFormat.format(parsed.date) : momentFormat.format(parsed.date);
    },
    time: (iso) => {
      const parsed = parse(iso);
      return parsed ? timeFormat.format(parsed.date) : iso;
    },
    when: (iso, now = new Date()) => {
      const parsed = parse(iso);
      if (!parsed) return iso;
      if (parsed.day) return dayFormat.format(parsed.date);
      const today = dayKey.format(now) === dayKey.format(parsed.date);
      return (today ? timeFormat : momentFormat).format(parsed.date);
    },
    month: (iso, withYear) => {
      const parsed = parse(iso);
      if (!parsed) return iso;
      return (withYear ? monthYearFormat : monthFormat).format(parsed.date);
    },
    inText(text) {
      return text.replace(/\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z)?/g, (found) =>
        this.dateTime(found),
      );
    },
    number: (value, fractionDigits) => {
      const key = fractionDigits ?? -1;
      let format = numbers.get(key);
      if (!format) {
        format = new Intl.NumberFormat(
          locale,
          fractionDigits === undefined
            ? { maximumFractionDigits: 6 }
            : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits },
        );
        numbers.set(key, format);
      }
      return format.format(value);
    },
  };
}

/** True for a calendar day written `yyyy-mm-dd`. */
export function isDay(text: string): boolean {
  return DAY.test(text);
}
