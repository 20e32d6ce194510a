/**
 * Short, plausible texts for training answers, keyed by KCDB area code (AUV, EM, L, M,
 * PR, T, TF, RI, QM) where the subject depends on it. Written for this project; they
 * describe typical work of a developing NMI and name no real institute's data.
 */

export const AREA_SERVICES: Readonly<Record<string, readonly string[]>> = {
  AUV: ['Calibration of sound level meters and acoustic calibrators', 'Vibration transducer calibration'],
  EM: [
    'Calibration of multimeters, calibrators and shunts',
    'DC voltage and resistance calibration for power utilities',
  ],
  L: ['Gauge block and caliper calibration', 'Calibration of tapes, rules and dial gauges'],
  M: [
    'Calibration of weights (classes F1 to M1) and non-automatic weighing instruments',
    'Pressure gauge and force calibration for industry',
  ],
  PR: ['Calibration of lux meters and UV radiometers', 'Luminous intensity of signal lamps'],
  T: [
    'Calibration of liquid-in-glass and resistance thermometers',
    'Humidity and temperature chamber mapping',
  ],
  TF: ['Frequency counter calibration and time dissemination', 'Stopwatch and timer calibration'],
  RI: ['Calibration of radiation protection dosimeters', 'Survey meter calibration for hospitals'],
  QM: ['Proficiency testing for water laboratories', 'Certified reference materials for pH and conductivity'],
};

export const AREA_EQUIPMENT: Readonly<Record<string, readonly string[]>> = {
  AUV: ['a reference microphone and pistonphone', 'a back-to-back accelerometer calibration system'],
  EM: ['a multifunction calibrator', 'a reference 10 V Zener standard'],
  L: ['a gauge block comparator', 'a laser interferometer for length'],
  M: ['an E2 weight set and a mass comparator', 'a pressure balance up to 70 MPa'],
  PR: ['a calibrated photometer bench', 'a reference spectroradiometer'],
  T: ['SPRTs and fixed-point cells', 'a humidity generator'],
  TF: ['a GNSS-disciplined rubidium frequency standard', 'a time-interval counter'],
  RI: ['a secondary standard ionisation chamber', 'a gamma irradiator for protection-level dosimetry'],
  QM: ['certified reference materials for water analysis', 'an ICP-MS for trace elements'],
};

export const NEED_TEXT: Readonly<Record<string, (area: string, equipment: string) => string>> = {
  training: (area) => `Training of two staff in ${area} calibration and uncertainty evaluation`,
  equipment: (_area, equipment) => `Purchase of ${equipment}`,
  traceability: (area) => `Calibration of our ${area} reference standards at another NMI`,
  comparison: (area) => `Participation in a regional ${area} comparison`,
  peer_review: (area) => `Peer review of the ${area} laboratory before submitting CMCs`,
  quality_system: () => 'Support to complete the ISO/IEC 17025 quality manual and internal audits',
};

export const AREA_NAMES: Readonly<Record<string, string>> = {
  AUV: 'acoustics and vibration',
  EM: 'electrical',
  L: 'length',
  M: 'mass',
  PR: 'photometry',
  T: 'temperature',
  TF: 'time and frequency',
  RI: 'ionizing radiation',
  QM: 'chemistry',
};

export const PARENT_BODIES = [
  'Ministry of Industry and Trade',
  'Ministry of Science and Technology',
  'National Standards Bureau',
  'Ministry of Commerce',
  'Department of Trade and Industry',
] as const;

export const FACILITY_GAPS = [
  'Air conditioning cannot hold 20 ± 1 °C in the afternoon.',
  'Power cuts several times a month; the UPS covers only the mass laboratory.',
  'The laboratory building is shared with testing services and has vibration from traffic.',
  'No humidity control in the length laboratory.',
  'Space is short: two laboratories share one room.',
] as const;

export const EQUIPMENT_GAPS = [
  'Reference standards are due for recalibration and the budget is not yet approved.',
  'No spare standards, so a calibration abroad stops the service for months.',
  'Several instruments are older than 20 years and spare parts are hard to find.',
  'The pressure range ends at 10 MPa while industry asks for 60 MPa.',
] as const;

export const NATIONAL_PRIORITIES = [
  'Fair trade and consumer protection (legal metrology of weighing instruments and fuel dispensers).',
  'Health: calibration of medical devices and radiation protection in hospitals.',
  'Export of agricultural products that must meet buyers’ measurement requirements.',
  'Energy: electricity metering and the quality of fuels.',
  'Environment: monitoring of air and water quality.',
  'Growth of manufacturing and the accreditation of testing laboratories.',
] as const;

export const SUPPORT_PROVIDERS = [
  'APMP Developing Economies Committee',
  'Bilateral technical cooperation project',
  'Regional training course on measurement uncertainty',
  'Expert mission from a partner NMI',
  'UN technical assistance programme',
  'Twinning with a neighbouring NMI',
] as const;

export const REOPEN_REASONS = [
  'Staff figures corrected after the annual report came out.',
  'The secretariat asked to add the customers per area.',
  'A need was missing from the list.',
  'Indicators updated with the final figures for the year.',
] as const;

export const WORKSHOPS = [
  'DEC workshop on measurement uncertainty',
  'Regional training on mass calibration',
  'Workshop on preparing CMC submissions',
  'Quality system (ISO/IEC 17025) workshop',
  'Temperature and humidity calibration course',
] as const;

export const MOST_USEFUL = [
  'The worked examples of uncertainty budgets.',
  'Meeting colleagues who solved the same problems.',
  'The practical sessions in the laboratory.',
  'The template for the CMC submission.',
] as const;

export const TO_CHANGE = [
  'More time for the exercises.',
  'Send the materials before the workshop.',
  'Fewer lectures, more hands-on work.',
  'A follow-up session online after three months.',
] as const;

/** Misspellings and notes that people type into number fields; kept in drafts as typed. */
export const TYPED_NUMBERS: readonly ((n: number) => string)[] = [
  (n) => `about ${n}`,
  (n) => `${n} people`,
  (n) => `${n}?`,
  () => 'n/a',
];
