/**
 * A form's languages, as its columns name them (`label::Swahili (sw)`, `label::中文`):
 * which one to show a person, and which way it is written.
 */
import type { Template } from './model';

/** The code in a column's language (`Swahili (sw)` → `sw`), lower-cased; undefined without one. */
export function languageCode(language: string): string | undefined {
  return /\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)*)\)\s*$/.exec(language)?.[1]?.toLowerCase();
}

/**
 * The form language to show: the one asked for when the form has it (the same column, or
 * another with the same code), else the form's default language.
 */
export function formLanguage(template: Template, wanted: string | undefined): string {
  if (wanted) {
    if (template.languages.includes(wanted)) return wanted;
    const code = languageCode(wanted) ?? wanted.toLowerCase();
    const same = template.languages.find((l) => languageCode(l) === code);
    if (same) return same;
  }
  return template.languages.includes(template.defaultLanguage)
    ? template.defaultLanguage
    : (template.languages[0] ?? template.defaultLanguage);
}

const RTL_CODES = new Set([
  'ar',
  'arc',
  'ckb',
  'dv',
  'fa',
  'ha-arab',
  'he',
  'iw',
  'ks',
  'ku-arab',
  'ps',
  'sd',
  'ug',
  'ur',
  'yi',
]);
/** Letters of scripts written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko. */
const RTL_LETTER = /[\u0590-\u07FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LETTER = /\p{L}/u;

/**
 * Which way a language is written: from its code when the column gives one, else from the
 * first letter of its name or of a sample of its text (`label::العربية` has no code).
 */
export function textDirection(language: string, sample = ''): 'rtl' | 'ltr' {
  const code = languageCode(language);
  if (code) return RTL_CODES.has(code) || RTL_CODES.has(code.split('-')[0] ?? '') ? 'rtl' : 'ltr';
  for (const ch of `${language}${sample}`) {
    if (RTL_LETTER.test(ch)) return 'rtl';
    if (LETTER.test(ch)) return 'ltr';
  }
  return 'ltr';
}

/** A language as a person reads it in a list: the column's name, or "Default" for unnamed columns. */
export function languageName(language: string, defaultName: string): string {
  return language === 'default' ? defaultName : language;
}
