/**
 * The "leverage areas" of the committee's strategic plan, which a story names. The plan's
 * own list is not in the reference data shipped with the app, so this list is PROVISIONAL:
 * written for this project from the committee's published aims (capability, quality
 * infrastructure, people, industry and trade, cooperation, awareness), and flagged
 * `inferred` so every screen says so. Stored stories keep the code; a code this list no
 * longer knows is shown as it is.
 */
export interface LeverageArea {
  code: string;
  label: string;
  inferred: true;
}

export const LEVERAGE_AREAS: readonly LeverageArea[] = [
  { code: 'capability', label: 'Measurement capability and CMCs', inferred: true },
  {
    code: 'quality-infrastructure',
    label: 'Quality infrastructure: accreditation, standards, legal metrology',
    inferred: true,
  },
  { code: 'people', label: 'People: training and retaining staff', inferred: true },
  { code: 'industry-trade', label: 'Services to industry, trade and regulators', inferred: true },
  { code: 'cooperation', label: 'Regional cooperation and partnerships', inferred: true },
  { code: 'awareness', label: 'Awareness of metrology among decision makers', inferred: true },
];

export function leverageLabel(code: string): string {
  return LEVERAGE_AREAS.find((a) => a.code === code)?.label ?? code;
}
