/**
 * The committee's capacity-and-needs assessment, built from what its plan names:
 * institute profile, services and customers per KCDB area, CMCs, quality system,
 * comparisons, facilities and equipment gaps, needs with type and priority, support
 * received, key annual indicators, national priorities and the SDGs they serve.
 */
import kcdb from '../../resources/reference/kcdb-areas.json' with { type: 'json' };
import sdgs from '../../resources/reference/sdgs.json' with { type: 'json' };
import {
  constraintMessage,
  hint,
  label,
  requiredMessage,
  type Row,
  type XlsFormSource,
} from './write-xlsform';

const YEAR_RULE = '. >= 1950 and . <= 2100';
export const COUNT = { constraint: '. >= 0', [constraintMessage]: 'Enter 0 or a positive whole number.' };

export function list(listName: string, entries: readonly (readonly [string, string])[]): Row[] {
  return entries.map(([name, text]) => ({ list_name: listName, name, [label]: text }));
}

export const needTypes = [
  ['training', 'Training'],
  ['equipment', 'Equipment'],
  ['traceability', 'Traceability (calibration of our standards)'],
  ['comparison', 'Participation in a comparison'],
  ['peer_review', 'Peer review or on-site assessment'],
  ['quality_system', 'Quality system'],
] as const;

export const decCapacityNeeds: XlsFormSource = {
  settings: {
    form_title: 'DEC capacity and needs assessment',
    form_id: 'dec_capacity_needs',
    version: '2026.1',
    default_language: 'English (en)',
  },
  survey: [
    { type: 'start', name: 'started' },
    { type: 'end', name: 'ended' },
    { type: 'username', name: 'answered_by' },

    { type: 'begin group', name: 'profile', [label]: 'Institute profile' },
    {
      type: 'select_one legal_status',
      name: 'legal_status',
      [label]: 'Legal status of the institute',
      required: 'yes',
    },
    {
      type: 'text',
      name: 'legal_status_other',
      [label]: 'Describe the legal status',
      relevant: "${legal_status} = 'other'",
      required: 'yes',
    },
    {
      type: 'text',
      name: 'parent_body',
      [label]: 'Parent body (ministry or agency)',
      [hint]: 'The body the institute reports to.',
    },
    {
      type: 'integer',
      name: 'year_established',
      [label]: 'Year the institute was established',
      constraint: YEAR_RULE,
      [constraintMessage]: 'Enter a year from 1950 to 2100.',
    },
    { type: 'begin group', name: 'staff', [label]: 'Staff by category (head count)' },
    { type: 'integer', name: 'staff_scientists', [label]: 'Scientists and engineers', ...COUNT },
    { type: 'integer', name: 'staff_technicians', [label]: 'Technicians', ...COUNT },
    { type: 'integer', name: 'staff_support', [label]: 'Administration and support', ...COUNT },
    {
      type: 'calculate',
      name: 'staff_total',
      calculation:
        'coalesce(${staff_scientists}, 0) + coalesce(${staff_technicians}, 0) + coalesce(${staff_support}, 0)',
    },
    { type: 'note', name: 'staff_total_note', [label]: 'Total staff: ${staff_total}' },
    { type: 'end group', name: 'staff' },
    {
      type: 'select_one budget_band',
      name: 'budget_band',
      [label]: 'Annual budget (US dollar equivalent)',
      [hint]: 'Operating and capital budget together.',
    },
    { type: 'end group', name: 'profile' },

    { type: 'begin group', name: 'services', [label]: 'Services and customers per metrology area' },
    {
      type: 'select_multiple kcdb_area',
      name: 'areas_served',
      [label]: 'In which metrology areas does the institute offer calibration or measurement services?',
      required: 'yes',
    },
    {
      type: 'begin repeat',
      name: 'area_services',
      [label]: 'Services in one area',
      repeat_count: 'count-selected(${areas_served})',
    },
    { type: 'select_one kcdb_area', name: 'service_area', [label]: 'Metrology area', required: 'yes' },
    {
      type: 'text',
      name: 'service_description',
      [label]: 'Main services offered in this area',
      appearance: 'multiline',
    },
    {
      type: 'integer',
      name: 'service_customers',
      [label]: 'Customers served in this area last year',
      ...COUNT,
    },
    { type: 'integer', name: 'cmcs_published', [label]: 'CMCs published in the KCDB in this area', ...COUNT },
    {
      type: 'integer',
      name: 'cmcs_planned',
      [label]: 'CMCs planned in this area in the next three years',
      ...COUNT,
    },
    { type: 'end repeat', name: 'area_services' },
    { type: 'calculate', name: 'cmcs_published_total', calculation: 'sum(${cmcs_published})' },
    { type: 'end group', name: 'services' },

    { type: 'begin group', name: 'quality', [label]: 'Quality system' },
    {
      type: 'select_one qs_status',
      name: 'iso17025',
      [label]: 'Is the quality system based on ISO/IEC 17025 in place?',
      required: 'yes',
    },
    {
      type: 'select_one yes_no',
      name: 'qs_rmo_approved',
      [label]: 'Has the RMO approved the quality system?',
      relevant: "${iso17025} = 'implemented'",
    },
    {
      type: 'integer',
      name: 'qs_approval_year',
      [label]: 'Year of the RMO approval',
      relevant: "${qs_rmo_approved} = 'yes'",
      constraint: YEAR_RULE,
      [constraintMessage]: 'Enter a year from 1950 to 2100.',
    },
    {
      type: 'integer',
      name: 'peer_review_year',
      [label]: 'Year of the last peer review or on-site assessment',
      [hint]: 'Leave empty if there has been none.',
      constraint: YEAR_RULE,
      [constraintMessage]: 'Enter a year from 1950 to 2100.',
    },
    { type: 'end group', name: 'quality' },

    { type: 'begin group', name: 'comparisons', [label]: 'Comparisons' },
    {
      type: 'integer',
      name: 'comparisons_5y',
      [label]: 'Key and supplementary comparisons taken part in, last five years',
      ...COUNT,
    },
    {
      type: 'select_multiple kcdb_area',
      name: 'comparison_areas',
      [label]: 'In which areas?',
      relevant: '${comparisons_5y} > 0',
    },
    { type: 'end group', name: 'comparisons' },

    { type: 'begin group', name: 'facilities', [label]: 'Facilities and equipment' },
    {
      type: 'text',
      name: 'facility_gaps',
      [label]: 'Gaps in laboratory facilities (environment, space, power)',
      appearance: 'multiline',
    },
    {
      type: 'text',
      name: 'equipment_gaps',
      [label]: 'Gaps in equipment and reference standards',
      appearance: 'multiline',
    },
    { type: 'end group', name: 'facilities' },

    { type: 'begin group', name: 'needs', [label]: 'Needs' },
    { type: 'begin repeat', name: 'need', [label]: 'One need' },
    { type: 'select_one kcdb_area', name: 'need_area', [label]: 'Metrology area', required: 'yes' },
    { type: 'select_one need_type', name: 'need_type', [label]: 'Type of need', required: 'yes' },
    {
      type: 'integer',
      name: 'need_priority',
      [label]: 'Priority (1 = highest, 5 = lowest)',
      required: 'yes',
      constraint: '. >= 1 and . <= 5',
      [constraintMessage]: 'Enter a priority from 1 to 5.',
      [requiredMessage]: 'Give each need a priority from 1 to 5.',
    },
    { type: 'text', name: 'need_description', [label]: 'What exactly is needed?', appearance: 'multiline' },
    { type: 'end repeat', name: 'need' },
    { type: 'calculate', name: 'needs_count', calculation: 'count(${need_area})' },
    { type: 'end group', name: 'needs' },

    { type: 'begin group', name: 'support', [label]: 'Support received in the last cycle' },
    { type: 'begin repeat', name: 'support_received', [label]: 'One support received' },
    { type: 'text', name: 'support_provider', [label]: 'Provider (institute or programme)', required: 'yes' },
    { type: 'select_one need_type', name: 'support_type', [label]: 'Type of support' },
    {
      type: 'decimal',
      name: 'support_days',
      [label]: 'Days of support',
      constraint: '. > 0 and . <= 365',
      [constraintMessage]: 'Enter more than 0 and at most 365 days.',
    },
    { type: 'end repeat', name: 'support_received' },
    { type: 'end group', name: 'support' },

    { type: 'begin group', name: 'indicators', [label]: 'Key annual indicators (last calendar year)' },
    { type: 'integer', name: 'ind_calibrations', [label]: 'Calibration certificates issued', ...COUNT },
    { type: 'integer', name: 'ind_customers', [label]: 'Customers served', ...COUNT },
    { type: 'integer', name: 'ind_staff_trained', [label]: 'Staff trained', ...COUNT },
    { type: 'integer', name: 'ind_cmcs_submitted', [label]: 'CMCs submitted for review', ...COUNT },
    { type: 'integer', name: 'ind_cmcs_published', [label]: 'CMCs published', ...COUNT },
    { type: 'end group', name: 'indicators' },

    { type: 'begin group', name: 'priorities', [label]: 'National priorities' },
    {
      type: 'text',
      name: 'national_priorities',
      [label]: 'Which national priorities does the institute serve?',
      appearance: 'multiline',
    },
    {
      type: 'select_multiple sdg',
      name: 'sdgs',
      [label]: 'Which Sustainable Development Goals do they serve?',
    },
    { type: 'end group', name: 'priorities' },
  ],
  choices: [
    ...list('legal_status', [
      ['government_agency', 'Government agency'],
      ['ministry_laboratory', 'Laboratory within a ministry'],
      ['statutory_body', 'Statutory body'],
      ['university', 'University or research institute'],
      ['private', 'Private company designated by the government'],
      ['other', 'Other'],
    ]),
    ...list('budget_band', [
      ['lt_100k', 'Less than 100 000'],
      ['100k_500k', '100 000 to 500 000'],
      ['500k_2m', '500 000 to 2 million'],
      ['2m_10m', '2 million to 10 million'],
      ['gt_10m', 'More than 10 million'],
      ['unknown', 'Not known'],
    ]),
    ...list(
      'kcdb_area',
      kcdb.areas.map((area) => [area.code, `${area.name} (${area.code})`] as const),
    ),
    ...list('need_type', needTypes),
    ...list('qs_status', [
      ['none', 'No'],
      ['developing', 'Being developed'],
      ['implemented', 'Yes, implemented'],
    ]),
    ...list('yes_no', [
      ['yes', 'Yes'],
      ['no', 'No'],
    ]),
    ...list(
      'sdg',
      sdgs.goals.map((goal) => [`sdg${goal.number}`, `SDG ${goal.number}: ${goal.short_name}`] as const),
    ),
  ],
};
