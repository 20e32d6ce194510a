/**
 * Units a CMC may state, as the SI Brochure (9th edition, 2019) sorts them:
 *
 * - **SI**: the base units and the 22 derived units with special names (table 4), with the SI
 *   prefixes (table 7), and their products, quotients and powers (`m/s²`, `N·m`, `µmol/mol`);
 *   the ratio `1` and `%` for quantities of dimension one.
 * - **Accepted for use with the SI** (table 8): min, h, d, au, °, ′, ″, ha, L (l), t, Da, eV,
 *   and the logarithmic units Np, B and dB.
 * - **Not SI**: units still seen in calibration of industry's instruments (bar, mmHg, psi,
 *   lb, in, ft, rpm, ppm…). Accepted only with a visible "not SI" flag and the SI
 *   equivalent, because the KCDB states CMCs in SI units.
 *
 * Anything else is reported with examples, never silently accepted.
 */

/** SI base and derived units with special names; all take prefixes (kg is k + g). */
const SI_PREFIXABLE = [
  'm',
  'g',
  's',
  'A',
  'K',
  'mol',
  'cd',
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
];
/** SI symbols used without prefixes: degree Celsius, and the ratios of dimension one. */
const SI_PLAIN = ['°C', '%', '1'];

/** Table 8: accepted for use with the SI. L, l, t, eV, Da, Np and B take prefixes. */
const ACCEPTED_PREFIXABLE = ['L', 'l', 't', 'eV', 'Da', 'Np', 'B'];
const ACCEPTED_PLAIN = ['min', 'h', 'd', 'au', '°', "'", '′', '"', '″', 'ha'];

/** Units that are not SI, with their SI equivalent in words (exact where the definition is). */
export const NOT_SI: Readonly<Record<string, string>> = {
  bar: '1 bar = 100 kPa',
  mbar: '1 mbar = 100 Pa',
  mmHg: '1 mmHg ≈ 133.322 Pa',
  inHg: '1 inHg ≈ 3386.39 Pa',
  Torr: '1 Torr ≈ 133.322 Pa',
  atm: '1 atm = 101.325 kPa',
  psi: '1 psi ≈ 6.894 76 kPa',
  kgf: '1 kgf = 9.806 65 N',
  lb: '1 lb = 0.453 592 37 kg',
  oz: '1 oz ≈ 28.3495 g',
  in: '1 in = 25.4 mm',
  ft: '1 ft = 0.3048 m',
  rpm: '1 rpm = 1 min⁻¹ = 1/60 s⁻¹',
  '°F': 't/°C = (t/°F − 32) × 5/9',
  Å: '1 Å = 0.1 nm',
  cal: '1 cal = 4.184 J',
  Ci: '1 Ci = 37 GBq',
  ppm: '1 ppm = 10⁻⁶ (write µmol/mol, mg/kg or µL/L, whichever is meant)',
  ppb: '1 ppb = 10⁻⁹ (write nmol/mol, µg/kg or nL/L, whichever is meant)',
};

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

type Kind = 'si' | 'accepted' | 'not-si';
const SYMBOLS = new Map<string, Kind>();
function add(units: readonly string[], kind: Kind, prefixed: boolean) {
  for (const unit of units) {
    if (!SYMBOLS.has(unit)) SYMBOLS.set(unit, kind);
    if (prefixed)
      for (const prefix of PREFIXES) if (!SYMBOLS.has(prefix + unit)) SYMBOLS.set(prefix + unit, kind);
  }
}
// SI first: where a symbol could be read two ways, the SI reading wins; then the not-SI units
// people mean (ft is a foot, not a femtotonne), then the accepted ones.
add(SI_PLAIN, 'si', false);
add(SI_PREFIXABLE, 'si', true);
add(Object.keys(NOT_SI), 'not-si', false);
add(ACCEPTED_PLAIN, 'accepted', false);
add(ACCEPTED_PREFIXABLE, 'accepted', true);

const SUPERSCRIPTS: Record<string, string> = {
  '⁻': '-',
  '¹': '1',
  '²': '2',
  '³': '3',
  '⁴': '4',
  '⁵': '5',
  '⁶': '6',
};

function symbolOf(term: string): string | undefined {
  const plain = term.replace(/[⁻¹²³⁴⁵⁶]+$/, (sup) => `^${[...sup].map((c) => SUPERSCRIPTS[c]).join('')}`);
  return /^(.+?)(?:\^(-?\d+))?$/.exec(plain)?.[1];
}

export interface UnitStatus {
  /** The worst of the terms: unknown, then not SI, then accepted, then SI. */
  kind: Kind | 'unknown';
  /** For each term that is not SI: the symbol and its SI equivalent. */
  notSi: { symbol: string; equivalent: string }[];
}

/** How the SI Brochure sorts a unit such as `mg`, `µmol/mol`, `m/s²`, `N·m`, `%`, `bar`. */
export function unitStatus(text: string): UnitStatus {
  const unit = text.trim();
  if (!unit) return { kind: 'unknown', notSi: [] };
  const terms = unit.split(/\s*[·*./⋅]\s*|\s+/);
  let kind: UnitStatus['kind'] = 'si';
  const notSi: UnitStatus['notSi'] = [];
  for (const term of terms) {
    const symbol = term === '' ? undefined : symbolOf(term);
    const found = symbol === undefined ? undefined : SYMBOLS.get(symbol);
    if (!found || symbol === undefined) return { kind: 'unknown', notSi: [] };
    if (found === 'not-si') {
      kind = 'not-si';
      notSi.push({ symbol, equivalent: NOT_SI[symbol] ?? '' });
    } else if (found === 'accepted' && kind === 'si') kind = 'accepted';
  }
  return { kind, notSi };
}

/** True when `text` is a unit the app knows (SI, accepted, or not SI with its equivalent). */
export function isKnownUnit(text: string): boolean {
  return unitStatus(text).kind !== 'unknown';
}

/** The "not SI" flag for a unit, in words, or undefined for SI and accepted units. */
export function notSiFlag(text: string): string | undefined {
  const status = unitStatus(text);
  if (status.kind !== 'not-si') return undefined;
  return `Not SI: ${status.notSi.map((n) => n.equivalent).join('; ')}`;
}

export const UNIT_EXAMPLES = 'kg, mg, Pa, kPa, °C, K, m, mm, V, Ω, µmol/mol, m/s², %';
