/**
 * The `casestudy` seed generator: each institute's success stories, in every state of the
 * workflow — drafts (some thin, some sent back by the secretariat), stories in review with
 * open comments, approved ones, and published ones — with one or two small pictures as
 * inline attachments. Published stories also go to the library (`forLibrary`), exactly as
 * the secretariat's Publish copies them: without comments. The practice institute of
 * training mode always gets one story in each state, so a facilitator can show them all.
 */
import { LEVERAGE_AREAS } from '../../case-studies/leverage';
import { photoName } from '../../case-studies/photos';
import { publishedCopy } from '../../case-studies/workflow';
import type { CaseStudyStatus } from '../../case-studies/workflow-states';
import {
  CASESTUDY_SCHEMA_VERSION,
  type CaseStudyDoc,
  type HistoryEvent,
  type PhotoMeta,
} from '../../docs/casestudy/schema';
import { caseStudyId } from '../../ids';
import {
  instituteContext,
  iso,
  type InstituteSeedContext,
  type SeedDoc,
  type SeedGenerator,
} from '../context';
import { PRACTICE_INSTITUTE } from '../institutes';
import type { Rng } from '../random';
import { AREA_EQUIPMENT, AREA_NAMES, AREA_SERVICES } from '../text';
import { SEED_PICTURES } from './pictures';

/** Who approves and publishes in training data. */
export const SEED_SECRETARIAT_NAME = 'DEC secretariat (training)';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const SDG_CHOICES: readonly (readonly [number, number])[] = [
  [9, 5],
  [8, 3],
  [3, 2],
  [2, 1.5],
  [6, 1],
  [7, 1],
  [12, 1.5],
  [13, 0.7],
  [17, 1],
];

const CUSTOMERS = [
  ['Quality manager', 'a food exporter'],
  ['Head of the testing laboratory', 'a provincial hospital'],
  ['Owner', 'a small engineering workshop'],
  ['Inspector', 'the legal metrology office'],
  ['Plant engineer', 'the national power utility'],
  ['Director', 'the accreditation body'],
] as const;

const CAPTIONS: Readonly<Record<string, string>> = {
  lab: 'The calibration bench in the laboratory',
  weighbridge: 'Testing a weighbridge at a customer’s site',
  training: 'Staff at the hands-on training week',
  equipment: 'The new reference standard after installation',
};

function pickSdgs(rng: Rng): number[] {
  const count = rng.int(1, 3);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(rng.weighted(SDG_CHOICES));
  return [...chosen].sort((a, b) => a - b);
}

function paragraph(rng: Rng, sentences: readonly string[], count: number): string {
  return rng.sample(sentences, count).join(' ');
}

interface Plot {
  area: string;
  areaName: string;
  service: string;
  equipment: string;
  before: number;
  after: number;
  days: [number, number];
  customers: number;
}

function story(ctx: InstituteSeedContext, rng: Rng, plot: Plot, full: boolean) {
  const { institute } = ctx;
  const who = institute.acronym || institute.name;
  const context = [
    `${institute.name} is the national metrology institute of ${institute.economy}.`,
    `Until recently, ${plot.areaName} calibration for industry meant sending instruments abroad, at high cost and with weeks of delay.`,
    `Laboratories, manufacturers and regulators needed ${plot.service.toLowerCase()} close to home, with certificates traceable to the SI.`,
    `The laboratory had two trained staff in ${plot.areaName} and equipment that had not been calibrated for years.`,
    `Demand grew every year as more companies sought ISO/IEC 17025 accreditation and export markets asked for proof of measurement.`,
  ];
  const challenge = [
    `Customers waited about ${plot.days[0]} days for a certificate, and many gave up and kept using uncalibrated instruments.`,
    `Without traceable ${plot.areaName} measurements, exporters failed audits and lost orders.`,
    `The regulator could not enforce the rules it had written, because nobody could check the instruments used in trade.`,
    `Staff turnover was high: trained people left for industry within two years.`,
  ];
  const actions = [
    `${who} acquired ${plot.equipment} with support from a regional capacity-building programme.`,
    `Two metrologists spent six weeks at a partner institute, learning the method and the uncertainty evaluation.`,
    `The team wrote procedures, validated them, and took part in a regional comparison to show that their results agree with other institutes'.`,
    `A peer reviewer from a neighbouring economy assessed the quality system before the service was opened to customers.`,
    `The laboratory visited industrial estates to explain what calibration is for and how to ask for it.`,
  ];
  const results = [
    `The institute now calibrates about ${plot.after} instruments a year, up from ${plot.before}.`,
    `A certificate takes ${plot.days[1]} days instead of ${plot.days[0]}.`,
    `${plot.customers} companies and laboratories use the service, several of them newly accredited.`,
    `The comparison results were within the stated uncertainties, the first step towards a published CMC.`,
  ];
  const impact = [
    `Exporters pass buyers' audits without sending instruments abroad, saving money and weeks of downtime.`,
    `Hospitals and testing laboratories trust their measurements, which protects patients and consumers.`,
    `The regulator can now enforce fair trade, and complaints about short measure have fallen.`,
    `Young engineers see a career in metrology at home.`,
  ];
  const lessons = [
    'Start with the customers who already ask for the service: their demand carries the case for funding.',
    'Train two people, not one, so that the service survives when someone leaves.',
    'A comparison early on shows weaknesses while they are still cheap to fix.',
    'Write the procedures while learning, not after.',
  ];
  const partial = !full;
  const [role, organisation] = rng.pick(CUSTOMERS);
  return {
    title: rng.pick([
      `${plot.service} now available at home`,
      `Faster certificates for ${plot.areaName} measurements in ${institute.economy}`,
      `How ${who} brought ${plot.areaName} traceability to local industry`,
      `From ${plot.before} to ${plot.after} calibrations a year: ${plot.areaName} at ${who}`,
    ]),
    context: paragraph(rng, context, partial ? rng.int(1, 3) : 4),
    challenge: partial && rng.chance(0.3) ? '' : paragraph(rng, challenge, partial ? 2 : 3),
    actions: partial && rng.chance(0.4) ? '' : paragraph(rng, actions, partial ? 2 : 4),
    partners: partial
      ? ''
      : `A regional capacity-building programme funded the equipment; a partner institute trained our staff and provided traceability; the accreditation body and the regulator took part in the launch.`,
    results: partial && rng.chance(0.5) ? '' : paragraph(rng, results, partial ? 2 : 4),
    impact: partial ? '' : paragraph(rng, impact, 3),
    lessons: partial ? '' : paragraph(rng, lessons, 2),
    indicators:
      partial && rng.chance(0.5)
        ? []
        : [
            {
              id: 'calibrations',
              name: 'Calibrations per year',
              before: String(plot.before),
              after: String(plot.after),
              unit: 'calibrations',
            },
            {
              id: 'turnaround',
              name: 'Time to deliver a certificate',
              before: String(plot.days[0]),
              after: String(plot.days[1]),
              unit: 'days',
            },
          ],
    quotes:
      partial && rng.chance(0.6)
        ? []
        : [
            {
              id: 'q1',
              text: `We no longer send our instruments abroad. The certificate comes in ${plot.days[1]} days and our auditors accept it.`,
              who: ctx.people[2] ?? 'A customer',
              role: `${role}, ${organisation}`,
            },
          ],
  };
}

interface Shape {
  status: CaseStudyStatus;
  returned: boolean;
  openComment: boolean;
}

function shapeOf(rng: Rng): Shape {
  const status = rng.weighted<CaseStudyStatus>([
    ['draft', 0.3],
    ['in_review', 0.2],
    ['approved', 0.1],
    ['published', 0.4],
  ]);
  return {
    status,
    returned: status !== 'in_review' && rng.chance(0.25),
    openComment: status === 'in_review',
  };
}

const PRACTICE_SHAPES: readonly Shape[] = [
  { status: 'draft', returned: false, openComment: false },
  { status: 'in_review', returned: false, openComment: true },
  { status: 'approved', returned: false, openComment: false },
  { status: 'published', returned: true, openComment: false },
];

function makeStory(ctx: InstituteSeedContext, index: number, shape: Shape): SeedDoc {
  const rng = ctx.rng('story', index);
  const org = ctx.institute.slug;
  const area = rng.pick(Object.keys(AREA_NAMES));
  const before = rng.int(20, 300);
  const plot: Plot = {
    area,
    areaName: AREA_NAMES[area] ?? area,
    service: rng.pick(AREA_SERVICES[area] ?? ['Calibration services']),
    equipment: rng.pick(AREA_EQUIPMENT[area] ?? ['new reference standards']),
    before,
    after: before * rng.int(2, 6),
    days: [rng.int(20, 60), rng.int(3, 12)],
    customers: rng.int(8, 90),
  };
  const full = shape.status !== 'draft' || rng.chance(0.3);
  const text = story(ctx, rng, plot, full);
  const author = ctx.people[index % ctx.people.length] ?? 'Staff';
  const reviewer = ctx.people[(index + 1) % ctx.people.length] ?? 'Staff';
  // The latest cycle mostly; published stories may be older.
  const k = shape.status === 'published' ? rng.int(0, ctx.cycles.length - 1) : ctx.cycles.length - 1;
  const window = ctx.window(ctx.cycles[k] ?? ctx.cycles.at(-1) ?? 2026);
  const span = window.end - window.start;
  let at = window.start + Math.floor(rng.real(0, 0.4) * span);
  const step = () => (at = Math.min(at + rng.int(1, 12) * DAY + rng.int(0, 8) * HOUR, ctx.asOfMs));
  const history: HistoryEvent[] = [{ action: 'create', to: 'draft', at: iso(at), by: author }];
  const comments: CaseStudyDoc['comments'] = {};
  const record = (action: HistoryEvent['action'], to: CaseStudyStatus, by: string, note?: string) =>
    history.push({ action, to, at: iso(step()), by, ...(note ? { note } : {}) });
  if (shape.returned) {
    record('submit', 'in_review', author);
    record(
      'return',
      'draft',
      SEED_SECRETARIAT_NAME,
      'Please add numbers to the results and a photo of the work.',
    );
  }
  if (shape.status !== 'draft') {
    record('submit', 'in_review', author);
    comments['c1'] = {
      target: 'results',
      text: 'Can you say how many customers used the service before and after?',
      at: iso(step()),
      by: reviewer,
      ...(shape.openComment
        ? {}
        : { resolved: { at: iso(step()), by: author, note: 'Added to the indicators.' } }),
    };
    if (shape.openComment && rng.chance(0.5)) {
      comments['c2'] = {
        target: 'title',
        text: 'A shorter title would read better in the newsletter.',
        at: iso(step()),
        by: SEED_SECRETARIAT_NAME,
      };
    }
  }
  if (shape.status === 'approved' || shape.status === 'published')
    record('approve', 'approved', SEED_SECRETARIAT_NAME);
  if (shape.status === 'published') record('publish', 'published', SEED_SECRETARIAT_NAME);
  const pictures = rng.sample(SEED_PICTURES, shape.status === 'draft' ? rng.int(0, 1) : rng.int(1, 2));
  const photos: Record<string, PhotoMeta> = {};
  const attachments: Record<string, { content_type: string; data: string }> = {};
  pictures.forEach((picture, i) => {
    const name = photoName(rng.uuid());
    photos[name] = {
      caption: CAPTIONS[picture.kind] ?? '',
      credit: ctx.institute.acronym || ctx.institute.name,
      width: picture.width,
      height: picture.height,
      bytes: picture.bytes,
      order: i + 1,
      addedAt: history[0]?.at ?? iso(at),
      addedBy: author,
    };
    attachments[name] = { content_type: 'image/jpeg', data: picture.base64 };
  });
  // The last change of any kind: a step, a comment or its resolution.
  const changes = [
    ...history,
    ...Object.values(comments).flatMap((c) => [{ at: c.at, by: c.by }, ...(c.resolved ? [c.resolved] : [])]),
  ];
  const last = changes.reduce((a, b) => (b.at > a.at ? b : a), changes[0] ?? { at: iso(at), by: author });
  const doc: Omit<CaseStudyDoc, '_attachments'> = {
    _id: caseStudyId(org, rng.uuid()),
    type: 'casestudy',
    schemaVersion: CASESTUDY_SCHEMA_VERSION,
    org,
    createdAt: history[0]?.at ?? iso(at),
    updatedAt: last?.at ?? iso(at),
    updatedBy: last?.by ?? author,
    economy: ctx.institute.economy,
    leverageArea: rng.chance(0.85) ? rng.pick(LEVERAGE_AREAS).code : '',
    leverageAreaFormer: '',
    sdgs: pickSdgs(rng),
    areas: rng.chance(0.3)
      ? [plot.area, rng.pick(Object.keys(AREA_NAMES))].filter((a, i, all) => all.indexOf(a) === i)
      : [plot.area],
    ...text,
    photos,
    status: shape.status,
    history,
    comments,
  };
  return Object.keys(attachments).length > 0 ? { ...doc, _attachments: attachments } : doc;
}

function storiesOf(ctx: InstituteSeedContext): SeedDoc[] {
  const shapes =
    ctx.institute.slug === PRACTICE_INSTITUTE.slug
      ? PRACTICE_SHAPES
      : Array.from(
          {
            length: ctx.rng('count').weighted([
              [0, 0.25],
              [1, 0.35],
              [2, 0.25],
              [3, 0.15],
            ] as const),
          },
          (_, i) => shapeOf(ctx.rng('shape', i)),
        );
  return shapes.map((shape, i) => makeStory(ctx, i, shape));
}

export const caseStudySeed: SeedGenerator = {
  type: 'casestudy',
  summary: 'success stories in every workflow state, with small pictures; published ones also in the library',
  forInstitute: (ctx) => storiesOf(ctx),
  forLibrary: (ctx) =>
    ctx.plan.institutes.flatMap((institute) =>
      storiesOf(instituteContext(ctx.plan, institute, 'casestudy'))
        .filter(
          (doc): doc is SeedDoc & CaseStudyDoc => doc.type === 'casestudy' && doc.status === 'published',
        )
        .map((doc): SeedDoc => {
          const { _attachments: _stubs, ...copy } = publishedCopy(doc);
          return doc._attachments ? { ...copy, _attachments: doc._attachments } : copy;
        }),
    ),
};
