/**
 * Who may do what to a case study, and the pure functions that do it.
 *
 *   draft ──submit──▶ in review ──approve──▶ approved ──publish──▶ published
 *     ▲                  │                      │                     │
 *     └─────return───────┘◀───────reopen────────┘◀─────unpublish──────┘ (to approved)
 *
 * - The author's institute (its users: `member`) writes the story, sends it for review,
 *   takes it back, answers and resolves comments, and may reopen an approved story that is
 *   not published yet.
 * - Reviewers comment while the story is in review: colleagues of the institute and the
 *   secretariat.
 * - The secretariat alone approves, publishes and unpublishes: publishing writes the
 *   library, which only the secretariat may write (the server enforces that part too). It
 *   may also write and send stories for an institute, as it enters returns received by
 *   mail, and send a story back to its author with a note.
 * - Approval needs every comment resolved; sending for review and approval need the
 *   essential sections written.
 * - Text is edited only in draft and in review; an approved or published story is fixed
 *   until it is reopened (after unpublishing, if it was published).
 *
 * Every step is recorded in `history` with who, when and the note given.
 */
import {
  CASESTUDY_SCHEMA_VERSION,
  type CaseStudyComment,
  type CaseStudyDoc,
  type HistoryEvent,
} from '../docs/casestudy/schema';
import { WorkbenchError } from '../errors';
import { caseStudyId } from '../ids';
import { missingEssentials, type CommentTarget } from './sections';
import type { CaseStudyAction, CaseStudyStatus } from './workflow-states';

export interface CaseStudyActor {
  /** The name recorded with each step. */
  user: string;
  /** A user of the story's own institute. */
  member: boolean;
  /** A secretariat account. */
  secretariat: boolean;
}

/** Who is acting on a story of `storyOrg`, on a computer that works for `ownOrg`. */
export function actorFor(
  storyOrg: string,
  ownOrg: string,
  user: string,
  isSecretariat: boolean,
): CaseStudyActor {
  return { user, member: storyOrg === ownOrg, secretariat: isSecretariat };
}

export type StatusStep = Exclude<CaseStudyAction, 'create'>;
export type Operation = StatusStep | 'edit' | 'comment' | 'resolve';
type Role = 'member' | 'secretariat';

interface StepRule {
  from: readonly CaseStudyStatus[];
  to: CaseStudyStatus;
  who: readonly Role[];
  /** A reason must be given and is kept in the history. */
  noteRequired?: boolean;
}

export const STEP_RULES: Readonly<Record<StatusStep, StepRule>> = {
  submit: { from: ['draft'], to: 'in_review', who: ['member', 'secretariat'] },
  return: { from: ['in_review'], to: 'draft', who: ['member', 'secretariat'] },
  approve: { from: ['in_review'], to: 'approved', who: ['secretariat'] },
  reopen: { from: ['approved'], to: 'draft', who: ['member', 'secretariat'], noteRequired: true },
  publish: { from: ['approved'], to: 'published', who: ['secretariat'] },
  unpublish: { from: ['published'], to: 'approved', who: ['secretariat'], noteRequired: true },
};

const OTHER_RULES: Readonly<
  Record<'edit' | 'comment' | 'resolve', { in: readonly CaseStudyStatus[]; who: readonly Role[] }>
> = {
  edit: { in: ['draft', 'in_review'], who: ['member', 'secretariat'] },
  comment: { in: ['in_review'], who: ['member', 'secretariat'] },
  resolve: { in: ['draft', 'in_review'], who: ['member'] },
};

const STATUS_WORDS: Readonly<Record<CaseStudyStatus, string>> = {
  draft: 'a draft',
  in_review: 'in review',
  approved: 'approved',
  published: 'published',
};

const WHO_WORDS: Readonly<Record<string, string>> = {
  secretariat: 'the secretariat',
  member: "the story's institute",
  'member,secretariat': "the story's institute or the secretariat",
};

export type Decision = { allowed: true } | { allowed: false; reason: string };

function plays(actor: CaseStudyActor, who: readonly Role[]): boolean {
  return who.some((role) => actor[role]);
}

export function openComments(story: Pick<CaseStudyDoc, 'comments'>): [string, CaseStudyComment][] {
  return Object.entries(story.comments)
    .filter(([, c]) => !c.resolved)
    .sort(([ia, a], [ib, b]) => a.at.localeCompare(b.at) || ia.localeCompare(ib));
}

/** Whether `actor` may do `operation` to the story now, and if not, why, in words. */
export function decide(operation: Operation, story: CaseStudyDoc, actor: CaseStudyActor): Decision {
  const rule =
    operation in STEP_RULES
      ? { in: STEP_RULES[operation as StatusStep].from, who: STEP_RULES[operation as StatusStep].who }
      : OTHER_RULES[operation as keyof typeof OTHER_RULES];
  if (!plays(actor, rule.who)) {
    return {
      allowed: false,
      reason: `Only ${WHO_WORDS[rule.who.join(',')] ?? rule.who.join(' or ')} may ${VERBS[operation]}.`,
    };
  }
  if (!rule.in.includes(story.status)) {
    return {
      allowed: false,
      reason: `A story that is ${STATUS_WORDS[story.status]} cannot be ${PARTICIPLES[operation]}.`,
    };
  }
  if (operation === 'submit' || operation === 'approve') {
    const missing = missingEssentials(story);
    if (missing.length > 0) {
      return { allowed: false, reason: `Write these parts first: ${missing.join(', ')}.` };
    }
  }
  if (operation === 'approve') {
    const open = openComments(story).length;
    if (open > 0) {
      return {
        allowed: false,
        reason: `${open} comment${open === 1 ? ' is' : 's are'} not resolved yet; the author resolves them before approval.`,
      };
    }
  }
  return { allowed: true };
}

const VERBS: Readonly<Record<Operation, string>> = {
  edit: 'change the story',
  comment: 'comment',
  resolve: 'resolve comments',
  submit: 'send it for review',
  return: 'take it back to draft',
  approve: 'approve stories',
  reopen: 'reopen an approved story',
  publish: 'publish stories',
  unpublish: 'withdraw a published story',
};

const PARTICIPLES: Readonly<Record<Operation, string>> = {
  edit: 'changed',
  comment: 'commented on (comments are made while it is in review)',
  resolve: 'have comments resolved',
  submit: 'sent for review',
  return: 'taken back to draft',
  approve: 'approved',
  reopen: 'reopened',
  publish: 'published',
  unpublish: 'withdrawn',
};

/** The status steps `actor` may take now (a step blocked only by its preconditions is included, with its reason). */
export function availableSteps(
  story: CaseStudyDoc,
  actor: CaseStudyActor,
): { step: StatusStep; decision: Decision }[] {
  return (Object.keys(STEP_RULES) as StatusStep[])
    .filter((step) => plays(actor, STEP_RULES[step].who) && STEP_RULES[step].from.includes(story.status))
    .map((step) => ({ step, decision: decide(step, story, actor) }));
}

function refuse(decision: Decision): void {
  if (!decision.allowed) throw new WorkbenchError('forbidden', decision.reason);
}

/** Takes one status step, recording who, when and why. */
export function takeStep(
  story: CaseStudyDoc,
  step: StatusStep,
  actor: CaseStudyActor,
  at: string,
  note = '',
): CaseStudyDoc {
  refuse(decide(step, story, actor));
  const rule = STEP_RULES[step];
  const why = note.trim();
  if (rule.noteRequired && !why) {
    throw new WorkbenchError('invalid-input', 'Say why; the reason is kept with the story.');
  }
  const event: HistoryEvent = {
    action: step,
    to: rule.to,
    at,
    by: actor.user,
    ...(why ? { note: why } : {}),
  };
  return {
    ...story,
    status: rule.to,
    history: [...story.history, event],
    updatedAt: at,
    updatedBy: actor.user,
  };
}

/** The text fields an author edits. */
export type EditableField =
  | 'title'
  | 'economy'
  | 'leverageArea'
  | 'sdgs'
  | 'areas'
  | 'context'
  | 'challenge'
  | 'actions'
  | 'partners'
  | 'results'
  | 'impact'
  | 'lessons'
  | 'indicators'
  | 'quotes';

export type StoryPatch = Partial<Pick<CaseStudyDoc, EditableField>>;

/** Applies changed fields; undefined when nothing changes. */
export function editStory(
  story: CaseStudyDoc,
  patch: StoryPatch,
  actor: CaseStudyActor,
  at: string,
): CaseStudyDoc | undefined {
  refuse(decide('edit', story, actor));
  const changed = (Object.keys(patch) as EditableField[]).filter(
    (key) => JSON.stringify(patch[key]) !== JSON.stringify(story[key]),
  );
  if (changed.length === 0) return undefined;
  // Choosing a leverage area of the plan settles the note about the retired one.
  const former = patch.leverageArea ? { leverageAreaFormer: '' } : {};
  return { ...story, ...patch, ...former, updatedAt: at, updatedBy: actor.user };
}

export function addComment(
  story: CaseStudyDoc,
  comment: { id: string; target: CommentTarget; text: string },
  actor: CaseStudyActor,
  at: string,
): CaseStudyDoc {
  refuse(decide('comment', story, actor));
  const text = comment.text.trim();
  if (!text) throw new WorkbenchError('invalid-input', 'Write the comment first.');
  if (story.comments[comment.id]) return story;
  return {
    ...story,
    comments: { ...story.comments, [comment.id]: { target: comment.target, text, at, by: actor.user } },
    updatedAt: at,
    updatedBy: actor.user,
  };
}

export function resolveComment(
  story: CaseStudyDoc,
  id: string,
  actor: CaseStudyActor,
  at: string,
  note = '',
): CaseStudyDoc {
  refuse(decide('resolve', story, actor));
  const comment = story.comments[id];
  if (!comment) throw new WorkbenchError('not-found', 'This comment is no longer on the story.');
  if (comment.resolved) return story;
  const why = note.trim();
  return {
    ...story,
    comments: {
      ...story.comments,
      [id]: { ...comment, resolved: { at, by: actor.user, ...(why ? { note: why } : {}) } },
    },
    updatedAt: at,
    updatedBy: actor.user,
  };
}

/**
 * The copy that goes to the library: the story as approved, published, without its
 * review comments (they are the institute's and the secretariat's working notes).
 */
export function publishedCopy(story: CaseStudyDoc): CaseStudyDoc {
  if (story.status !== 'published') {
    throw new WorkbenchError('forbidden', 'Only a published story is copied to the library.');
  }
  const { _rev: _ignored, ...rest } = story;
  return { ...rest, comments: {} };
}

/** Who wrote it first, and when each step happened. */
export function createdBy(story: Pick<CaseStudyDoc, 'history' | 'updatedBy'>): string {
  return story.history.find((e) => e.action === 'create')?.by ?? story.updatedBy;
}

export function lastStep(
  story: Pick<CaseStudyDoc, 'history'>,
  action: CaseStudyAction,
): HistoryEvent | undefined {
  return story.history.findLast((e) => e.action === action);
}

/** The status after a history, for merging concurrent revisions: the latest step decides. */
export function statusAfter(
  history: readonly Pick<HistoryEvent, 'to'>[],
  fallback: CaseStudyStatus,
): CaseStudyStatus {
  return history.at(-1)?.to ?? fallback;
}

/** A new, empty draft for an institute, created by `actor`. */
export function newStory(input: {
  org: string;
  uuid: string;
  economy: string;
  at: string;
  actor: CaseStudyActor;
  title?: string;
}): CaseStudyDoc {
  if (!input.actor.member && !input.actor.secretariat) {
    throw new WorkbenchError(
      'forbidden',
      "Only the institute's users or the secretariat may start its stories.",
    );
  }
  return {
    _id: caseStudyId(input.org, input.uuid),
    type: 'casestudy',
    schemaVersion: CASESTUDY_SCHEMA_VERSION,
    org: input.org,
    createdAt: input.at,
    updatedAt: input.at,
    updatedBy: input.actor.user,
    title: input.title ?? '',
    economy: input.economy,
    leverageArea: '',
    leverageAreaFormer: '',
    sdgs: [],
    areas: [],
    context: '',
    challenge: '',
    actions: '',
    partners: '',
    results: '',
    impact: '',
    lessons: '',
    indicators: [],
    quotes: [],
    photos: {},
    status: 'draft',
    history: [{ action: 'create', to: 'draft', at: input.at, by: input.actor.user }],
    comments: {},
  };
}
