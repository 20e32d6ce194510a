/**
 * The sections of a case study, each with the short question that guides its author and a
 * suggested length, and the checklist that says which are still thin. The committee's
 * training asks for stories that a donor reads in five minutes: a context, the problem,
 * what was done and with whom, results with numbers, the difference it makes, lessons,
 * and people's own words.
 */

/** The Markdown sections of a story, in reading order; each is a top-level field of the document. */
export const TEXT_SECTIONS = [
  'context',
  'challenge',
  'actions',
  'partners',
  'results',
  'impact',
  'lessons',
] as const;
export type TextSection = (typeof TEXT_SECTIONS)[number];

/** Everything a reviewer can comment on, in order: the title, facts, text sections, tables and photos. */
export const COMMENT_TARGETS = [
  'title',
  'facts',
  ...TEXT_SECTIONS.slice(0, 5),
  'indicators',
  ...TEXT_SECTIONS.slice(5),
  'quotes',
  'photos',
] as const;
export type CommentTarget = (typeof COMMENT_TARGETS)[number];

export interface SectionGuide {
  /** The question the author answers. */
  question: string;
  /** Suggested length in words; fewer than `min` is thin, more than `max` is long. */
  min: number;
  max: number;
  /** Sent for review only when this section has some text. */
  essential: boolean;
}

export const SECTION_GUIDES: Readonly<Record<TextSection, SectionGuide>> = {
  context: {
    question:
      'Where and when did this happen? What did the institute and the people it serves look like before?',
    min: 60,
    max: 200,
    essential: true,
  },
  challenge: {
    question: 'What problem did people face, who was affected, and what did it cost them?',
    min: 50,
    max: 200,
    essential: true,
  },
  actions: {
    question: 'What did the institute do, step by step? Who did the work?',
    min: 80,
    max: 300,
    essential: true,
  },
  partners: {
    question: 'With whom: which institutes, programmes, companies or regulators worked with you, and how?',
    min: 15,
    max: 120,
    essential: false,
  },
  results: {
    question: 'What changed? Say it with numbers where you can, and add them to the indicators below.',
    min: 50,
    max: 250,
    essential: true,
  },
  impact: {
    question:
      'What difference does it make to the economy or to society: trade, health, safety, jobs, the environment?',
    min: 50,
    max: 200,
    essential: false,
  },
  lessons: {
    question: 'What would you tell another institute starting the same work? What would you do differently?',
    min: 30,
    max: 150,
    essential: false,
  },
};

export const TITLE_GUIDE = {
  question: 'What happened, in a few words a donor would remember?',
  min: 4,
  max: 15,
};

/** Words in a text, with Markdown marks not counted as words. */
export function countWords(text: string): number {
  const plain = text
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ');
  return plain.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

export type CheckState = 'missing' | 'thin' | 'ok' | 'long';

export interface CheckItem {
  /** A text section, or one of the other parts a good story has. */
  key: TextSection | 'title' | 'sdgs' | 'areas' | 'leverageArea' | 'indicators' | 'quotes' | 'photos';
  state: CheckState;
  /** Words written, for text; entries, for lists. */
  count: number;
  /** What is suggested: words for text, entries for lists. */
  min: number;
  max?: number;
  /** Needed before the story can be sent for review. */
  essential: boolean;
}

/** The parts of a story the checklist reads. */
export interface StoryContent {
  title: string;
  leverageArea: string;
  sdgs: readonly number[];
  areas: readonly string[];
  indicators: readonly { name: string; before: string; after: string }[];
  quotes: readonly { text: string }[];
  photos: Readonly<Record<string, unknown>>;
  context: string;
  challenge: string;
  actions: string;
  partners: string;
  results: string;
  impact: string;
  lessons: string;
}

function wordsState(count: number, min: number, max: number): CheckState {
  if (count === 0) return 'missing';
  if (count < min) return 'thin';
  if (count > max) return 'long';
  return 'ok';
}

function listState(count: number, min: number): CheckState {
  if (count === 0) return 'missing';
  return count < min ? 'thin' : 'ok';
}

/** One line per part of the story: missing, thin (shorter than suggested), fine or long. */
export function storyChecklist(story: StoryContent): CheckItem[] {
  const titleWords = countWords(story.title);
  const items: CheckItem[] = [
    {
      key: 'title',
      state: wordsState(titleWords, TITLE_GUIDE.min, TITLE_GUIDE.max),
      count: titleWords,
      min: TITLE_GUIDE.min,
      max: TITLE_GUIDE.max,
      essential: true,
    },
  ];
  for (const key of TEXT_SECTIONS) {
    const guide = SECTION_GUIDES[key];
    const count = countWords(story[key]);
    items.push({
      key,
      state: wordsState(count, guide.min, guide.max),
      count,
      min: guide.min,
      max: guide.max,
      essential: guide.essential,
    });
  }
  const indicators = story.indicators.filter((i) => i.name.trim() && (i.before.trim() || i.after.trim()));
  const quotes = story.quotes.filter((q) => q.text.trim());
  const lists: [CheckItem['key'], number, number][] = [
    ['sdgs', story.sdgs.length, 1],
    ['areas', story.areas.length, 1],
    ['leverageArea', story.leverageArea ? 1 : 0, 1],
    ['indicators', indicators.length, 2],
    ['quotes', quotes.length, 1],
    ['photos', Object.keys(story.photos).length, 2],
  ];
  for (const [key, count, min] of lists) {
    items.push({ key, state: listState(count, min), count, min, essential: false });
  }
  return items;
}

/** The essential parts still empty: a story is sent for review only when there are none. */
export function missingEssentials(story: StoryContent): CheckItem['key'][] {
  return storyChecklist(story)
    .filter((item) => item.essential && item.state === 'missing')
    .map((item) => item.key);
}
