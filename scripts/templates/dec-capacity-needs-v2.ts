/**
 * Version 2 of the committee's capacity-and-needs assessment (DEC plan LA1-WP3: a
 * questionnaire drawing on tools such as the World Bank–PTB quality infrastructure toolkit,
 * capturing needs for metrology, industrial development and government policy drivers,
 * the support received from different agencies, updated each year with key indicators).
 *
 * Every question that version 1 asked keeps its name (its code), so a new cycle can start
 * from last year's answers and a consolidated return joins both versions by code. Version 1
 * (dec-capacity-needs.ts) stays as it was: responses started on it open on it.
 */
import kcdb from '../../resources/reference/kcdb-areas.json' with { type: 'json' };
import { decCapacityNeeds, list } from './dec-capacity-needs';
import {
  constraintMessage,
  hint,
  label,
  requiredMessage,
  type Row,
  type XlsFormSource,
} from './write-xlsform';

/** A year from 1800 to the current one: institutes older than 1950 exist (1947 is a real answer). */
const ESTABLISHED = {
  constraint: ". >= 1800 and . <= int(format-date(today(), '%Y'))",
  [constraintMessage]: 'Enter a year from 1800 to this year.',
};
const RECENT_YEAR = {
  constraint: ". >= 1950 and . <= int(format-date(today(), '%Y'))",
  [constraintMessage]: 'Enter a year from 1950 to this year.',
};
const COUNT = { constraint: '. >= 0', [constraintMessage]: 'Enter 0 or a positive whole number.' };
const SELECTED_AREA = 'selected-at(${areas_served}, position(..) - 1)';

const v1 = decCapacityNeeds.survey;
/** Version 1's rows from the one named `from` up to, not including, the one named `to`. */
function v1Rows(from: string, to: string): Row[] {
  const start = v1.findIndex((r) => r.name === from);
  const end = v1.findIndex((r, i) => i > start && r.name === to);
  return v1.slice(start, end < 0 ? v1.length : end);
}

const profile: Row[] = v1Rows('legal_status', 'year_established').concat([
  {
    type: 'integer',
    name: 'year_established',
    [label]: 'Year the institute was established',
    ...ESTABLISHED,
  },
  ...v1Rows('staff', 'budget_band'),
  v1.find((r) => r.name === 'budget_band') as Row,
  {
    type: 'select_one yes_no',
    name: 'least_developed',
    [label]: 'Is the economy a least-developed country (UN list)?',
    [hint]: 'The United Nations list of least developed countries.',
  },
]);

const qualityInfrastructure: Row[] = [
  { type: 'begin group', name: 'nqi', [label]: 'National quality infrastructure' },
  {
    type: 'select_one law_status',
    name: 'metrology_law',
    [label]: 'Is there a metrology law or a mandate that names the institute?',
  },
  {
    type: 'text',
    name: 'metrology_law_name',
    [label]: 'Name and year of the law or mandate',
    relevant: "${metrology_law} != 'none' and ${metrology_law} != ''",
  },
  { type: 'text', name: 'standards_body', [label]: 'National standards body' },
  { type: 'text', name: 'accreditation_body', [label]: 'National accreditation body' },
  {
    type: 'select_one ilac_status',
    name: 'accreditation_ilac',
    [label]: 'Status of the accreditation body in ILAC and APAC',
  },
  {
    type: 'select_one legal_metrology',
    name: 'legal_metrology_body',
    [label]: 'Who is the legal metrology authority?',
  },
  {
    type: 'select_multiple conformity',
    name: 'conformity_assessment',
    [label]: 'Conformity assessment available in the economy',
  },
  { type: 'end group', name: 'nqi' },
];

const international: Row[] = [
  { type: 'begin group', name: 'international', [label]: 'International status' },
  { type: 'select_one bipm_status', name: 'bipm_status', [label]: 'The economy and the BIPM' },
  { type: 'select_one yes_no', name: 'cipm_mra', [label]: 'Has the institute signed the CIPM MRA?' },
  { type: 'select_one apmp_membership', name: 'apmp_membership', [label]: 'APMP membership' },
  { type: 'select_one oiml_status', name: 'oiml_status', [label]: 'The economy and the OIML' },
  {
    type: 'text',
    name: 'designated_institutes',
    [label]: 'Designated institutes in the economy (name and areas)',
    [hint]: 'Leave empty if there are none.',
    appearance: 'multiline',
  },
  { type: 'begin repeat', name: 'apmp_role', [label]: 'APMP committee or focus group' },
  { type: 'select_one apmp_body', name: 'apmp_body', [label]: 'Committee or focus group', required: 'yes' },
  { type: 'select_one apmp_role_kind', name: 'apmp_role_kind', [label]: 'Role', required: 'yes' },
  {
    type: 'text',
    name: 'apmp_role_note',
    [label]: 'Comparison piloted (identifier)',
    relevant: "${apmp_role_kind} = 'pilot'",
  },
  { type: 'end repeat', name: 'apmp_role' },
  { type: 'end group', name: 'international' },
];

const services: Row[] = [
  { type: 'begin group', name: 'services', [label]: 'Services and customers per metrology area' },
  v1.find((r) => r.name === 'areas_served') as Row,
  {
    type: 'begin repeat',
    name: 'area_services',
    [label]: 'Services in an area',
    repeat_count: 'count-selected(${areas_served})',
  },
  {
    type: 'select_one kcdb_area',
    name: 'service_area',
    [label]: 'Metrology area',
    calculation: SELECTED_AREA,
    read_only: 'yes',
  },
  ...v1Rows('service_description', 'area_services').filter((r) => r.type !== 'end repeat'),
  {
    type: 'select_one traceability',
    name: 'traceability_source',
    [label]: 'Where does traceability in this area come from?',
  },
  {
    type: 'text',
    name: 'traceability_nmi',
    [label]: 'Which institute calibrates your standards in this area?',
    relevant: "${traceability_source} = 'other_nmi'",
  },
  { type: 'end repeat', name: 'area_services' },
  v1.find((r) => r.name === 'cmcs_published_total') as Row,
  { type: 'end group', name: 'services' },
];

const people: Row[] = [
  { type: 'begin group', name: 'people', [label]: 'Staff qualifications and training' },
  { type: 'integer', name: 'staff_phd', [label]: 'Staff with a doctorate', ...COUNT },
  { type: 'integer', name: 'staff_masters', [label]: "Staff with a master's degree", ...COUNT },
  { type: 'integer', name: 'staff_bachelors', [label]: "Staff with a bachelor's degree", ...COUNT },
  { type: 'begin repeat', name: 'training', [label]: 'Training received' },
  { type: 'select_one training_kind', name: 'training_kind', [label]: 'Kind of training', required: 'yes' },
  { type: 'text', name: 'training_host', [label]: 'Given by (institute or programme)' },
  { type: 'select_one kcdb_area', name: 'training_area', [label]: 'Metrology area', appearance: 'minimal' },
  { type: 'integer', name: 'training_people', [label]: 'People trained', ...COUNT },
  { type: 'end repeat', name: 'training' },
  { type: 'end group', name: 'people' },
];

const digital: Row[] = [
  { type: 'begin group', name: 'digital', [label]: 'Digital services' },
  {
    type: 'select_one digital_status',
    name: 'lims',
    [label]: 'Laboratory information management system (LIMS)',
  },
  {
    type: 'select_one digital_status',
    name: 'digital_certificates',
    [label]: 'Digital calibration certificates',
  },
  { type: 'select_one digital_status', name: 'remote_calibration', [label]: 'Remote calibration' },
  { type: 'end group', name: 'digital' },
];

const drivers: Row[] = [
  { type: 'begin group', name: 'drivers', [label]: 'Demand and policy drivers' },
  { type: 'select_multiple industry', name: 'industries_served', [label]: 'Industries served' },
  { type: 'text', name: 'industries_note', [label]: 'Other industries, or remarks', appearance: 'multiline' },
  {
    type: 'select_multiple programme',
    name: 'government_programmes',
    [label]: 'Government programmes that rely on the institute',
  },
  { type: 'text', name: 'programmes_note', [label]: 'Which programmes?', appearance: 'multiline' },
  {
    type: 'select_multiple trade',
    name: 'trade_requirements',
    [label]: 'Trade requirements that call for measurement',
  },
  { type: 'text', name: 'trade_note', [label]: 'Which requirements?', appearance: 'multiline' },
  { type: 'end group', name: 'drivers' },
];

const needs: Row[] = [
  { type: 'begin group', name: 'needs', [label]: 'Needs' },
  { type: 'begin repeat', name: 'need', [label]: 'Need' },
  ...v1Rows('need_area', 'need').filter((r) => r.type !== 'end repeat'),
  { type: 'end repeat', name: 'need' },
  v1.find((r) => r.name === 'needs_count') as Row,
  { type: 'begin repeat', name: 'general_need', [label]: 'Need outside the metrology areas' },
  { type: 'select_one need_topic', name: 'general_need_topic', [label]: 'Topic', required: 'yes' },
  {
    type: 'integer',
    name: 'general_need_priority',
    [label]: 'Priority (1 = highest, 5 = lowest)',
    required: 'yes',
    constraint: '. >= 1 and . <= 5',
    [constraintMessage]: 'Enter a priority from 1 to 5.',
    [requiredMessage]: 'Give each need a priority from 1 to 5.',
  },
  {
    type: 'text',
    name: 'general_need_description',
    [label]: 'What exactly is needed?',
    appearance: 'multiline',
  },
  { type: 'end repeat', name: 'general_need' },
  { type: 'end group', name: 'needs' },
];

const offers: Row[] = [
  { type: 'begin group', name: 'offers', [label]: 'What the institute can offer other institutes' },
  { type: 'begin repeat', name: 'offer', [label]: 'Offer' },
  { type: 'select_one offer_type', name: 'offer_type', [label]: 'What is offered', required: 'yes' },
  { type: 'select_one kcdb_area', name: 'offer_area', [label]: 'Metrology area', appearance: 'minimal' },
  {
    type: 'text',
    name: 'offer_description',
    [label]: 'Details (who, how long, conditions)',
    appearance: 'multiline',
  },
  { type: 'end repeat', name: 'offer' },
  { type: 'end group', name: 'offers' },
];

const support: Row[] = v1Rows('support', 'indicators').map((row) =>
  row.name === 'support_received' && row.type === 'begin repeat'
    ? { ...row, [label]: 'Support received' }
    : row,
);
// Version 2 also asks which agency gave the support.
support.splice(
  support.findIndex((r) => r.name === 'support_type'),
  0,
  {
    type: 'select_one agency',
    name: 'support_agency',
    [label]: 'Kind of agency',
  },
);

const rest: Row[] = v1Rows('indicators', '__end__').map((row) =>
  row.name === 'qs_approval_year' || row.name === 'peer_review_year' ? { ...row, ...RECENT_YEAR } : row,
);

export const decCapacityNeedsV2: XlsFormSource = {
  settings: { ...decCapacityNeeds.settings, version: '2026.2' },
  survey: [
    ...v1.slice(0, v1.findIndex((r) => r.name === 'profile') + 1),
    ...profile,
    { type: 'end group', name: 'profile' },
    ...qualityInfrastructure,
    ...international,
    ...services,
    ...v1Rows('quality', 'comparisons').map((row) =>
      row.name === 'qs_approval_year' || row.name === 'peer_review_year' ? { ...row, ...RECENT_YEAR } : row,
    ),
    ...v1Rows('comparisons', 'needs'),
    ...people,
    ...digital,
    ...drivers,
    ...needs,
    ...offers,
    ...support,
    ...rest,
  ],
  choices: [
    ...decCapacityNeeds.choices,
    ...list('law_status', [
      ['law', 'Yes, a metrology law'],
      ['decree', 'Yes, a decree or regulation'],
      ['draft', 'A law is being drafted'],
      ['none', 'No'],
    ]),
    ...list('ilac_status', [
      ['ilac_apac_mra', 'Signatory of the ILAC and APAC arrangements'],
      ['apac_mra', 'Signatory of the APAC arrangement only'],
      ['member', 'Member, not yet a signatory'],
      ['none', 'Not a member'],
      ['no_body', 'There is no accreditation body'],
    ]),
    ...list('legal_metrology', [
      ['institute', 'The institute itself'],
      ['other_body', 'Another government body'],
      ['none', 'None yet'],
    ]),
    ...list('conformity', [
      ['testing', 'Testing laboratories'],
      ['inspection', 'Inspection bodies'],
      ['certification', 'Certification bodies'],
      ['calibration', 'Calibration laboratories other than the institute'],
    ]),
    ...list('bipm_status', [
      ['member', 'Member State of the Metre Convention'],
      ['associate', 'Associate of the CGPM'],
      ['none', 'Neither'],
    ]),
    ...list('apmp_membership', [
      ['full', 'Full member'],
      ['associate', 'Associate member'],
      ['none', 'Not a member'],
    ]),
    ...list('oiml_status', [
      ['member', 'Member State'],
      ['corresponding', 'Corresponding member'],
      ['none', 'Neither'],
    ]),
    ...list('apmp_body', [
      ...kcdb.areas.map(
        (area) => [`tc_${area.code}`, `Technical committee: ${area.name} (${area.code})`] as const,
      ),
      ['tcqs', 'Technical committee for quality systems (TCQS)'],
      ['dec', 'Developing Economies Committee (DEC)'],
      ['fg', 'A focus group'],
    ]),
    ...list('apmp_role_kind', [
      ['member', 'Member'],
      ['chair', 'Chair or deputy chair'],
      ['pilot', 'Pilot of a comparison'],
    ]),
    ...list('traceability', [
      ['own_primary', 'Our own primary standards'],
      ['other_nmi', 'Another national metrology institute'],
      ['accredited_lab', 'An accredited calibration laboratory'],
      ['none', 'No traceability yet'],
    ]),
    ...list('training_kind', [
      ['course', 'Course or workshop'],
      ['attachment', 'Attachment at another institute'],
      ['secondment', 'Secondment'],
      ['online', 'Online training'],
    ]),
    ...list('digital_status', [
      ['in_use', 'In use'],
      ['planned', 'Planned'],
      ['none', 'No'],
    ]),
    ...list('industry', [
      ['manufacturing', 'Manufacturing'],
      ['food', 'Food and agriculture'],
      ['health', 'Health and pharmaceuticals'],
      ['energy', 'Energy and utilities'],
      ['oil_gas', 'Oil and gas'],
      ['construction', 'Construction'],
      ['electronics', 'Electronics'],
      ['automotive', 'Automotive'],
      ['environment', 'Environment'],
    ]),
    ...list('programme', [
      ['trade_facilitation', 'Trade facilitation'],
      ['consumer_protection', 'Consumer protection'],
      ['health_safety', 'Health and safety'],
      ['environment', 'Environmental monitoring'],
      ['energy_transition', 'Energy transition'],
      ['industrial_policy', 'Industrial development policy'],
    ]),
    ...list('trade', [
      ['export_markets', 'Requirements of export markets'],
      ['tbt_sps', 'Technical regulations (TBT) or food safety (SPS)'],
      ['free_trade', 'Free trade agreements'],
      ['legal_metrology', 'Legal metrology for trade (prepackages, fuel)'],
    ]),
    ...list('need_topic', [
      ['quality_system', 'Quality system'],
      ['management', 'Management'],
      ['legal_metrology', 'Legal metrology'],
      ['outreach', 'Outreach and awareness'],
      ['other', 'Other'],
    ]),
    ...list('offer_type', [
      ['training_attachment', 'Training attachments'],
      ['calibration', 'Calibrations'],
      ['expert', 'Experts'],
      ['comparison', 'Piloting or linking a comparison'],
      ['other', 'Other'],
    ]),
    ...list('agency', [
      ['rmo', 'APMP or another regional metrology organisation'],
      ['nmi', 'Another national metrology institute'],
      ['bilateral', 'Bilateral development agency (e.g. PTB)'],
      ['multilateral', 'Multilateral organisation (e.g. UNIDO, World Bank)'],
      ['government', 'Own government'],
    ]),
  ],
};
