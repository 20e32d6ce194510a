/**
 * Units a CMC may state: SI base and derived units with SI prefixes, the non-SI units
 * accepted for use with the SI (SI Brochure, 9th edition, table 8), and the ratio units
 * CMCs use (%, mol/mol…), combined with `·`, `*`, `/` and exponents (`m/s^2`, `m·s⁻²`,
 * `kg/m³`). Anything else is reported with examples, never silently accepted.
 */

/** Units that take SI prefixes. */
const PREFIXABLE = [
  'm',
  'g',
  's',
  'A',
  'K',
  'mol',
  'cd', // base (kg is k + g)
  'rad',
  'sr',
  'Hz',
  'N',
  'Pa',
  'J',
  'W',
  'C',
  'V',
  'F',
  'Ω',
  'S',
  'Wb',
  'T',
  'H',
  'lm',
  'lx',
  'Bq',
  'Gy',
  'Sv',
  'kat',
  'L',
  'l',
  't',
  'eV',
  'Da',
  'bar',
];
/** Units used as they are, without prefixes. */
const PLAIN = [
  '°C',
  'min',
  'h',
  'd',
  '°',
  "'",
  '"',
  'ha',
  'au',
  'Np',
  'B',
  'dB',
  '%',
  'ppm',
  'ppb',
  '1',
  'rpm',
  'mmHg',
  'inHg',
  'psi',
  'lb',
  'in',
  'ft', // seen in CMCs of institutes that serve industry
];
const PREFIXES = [
  'Q',
  'R',
  'Y',
  'Z',
  'E',
  'P',
  'T',
  'G',
  'M',
  'k',
  'h',
  'da',
  'd',
  'c',
  'm',
  'µ',
  'μ',
  'u',
  'n',
  'p',
  'f',
  'a',
  'z',
  'y',
  'r',
  'q',
];

const SYMBOLS = new Set<string>(PLAIN);
for (const unit of PREFIXABLE) {
  SYMBOLS.add(unit);
  for (const prefix of PREFIXES) SYMBOLS.add(prefix + unit);
}

const SUPERSCRIPTS: Record<string, string> = {
  '⁻': '-',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
};

function isTerm(term: string): boolean {
  const plain = term.replace(/[⁻¹²³⁴⁵⁶]+$/, (sup) => `^${[...sup].map((c) => SUPERSCRIPTS[c]).join('')}`);
  const match = /^(.+?)(?:\^(-?\d+))?$/.exec(plain);
  if (!match) return false;
  const symbol = match[1] ?? '';
  return SYMBOLS.has(symbol);
}

/** True when `text` is a unit the app knows, e.g. `mg`, `µmol/mol`, `m/s²`, `N·m`, `%`. */
export function isKnownUnit(text: string): boolean {
  const unit = text.trim();
  if (!unit) return false;
  const terms = unit.split(/\s*[·*./⋅]\s*|\s+/);
  // A lone "." could be a typo; only "N.m"-style products are allowed.
  return terms.length > 0 && terms.every((term) => term !== '' && isTerm(term));
}

export const UNIT_EXAMPLES = 'kg, mg, Pa, kPa, °C, K, m, mm, V, Ω, µmol/mol, m/s², %';
