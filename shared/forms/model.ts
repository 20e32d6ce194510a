/**
 * The questionnaire template model: what an XLSForm workbook becomes once imported.
 *
 * It is plain JSON (it is stored as the PouchDB document `template:<id>:<version>`),
 * so expressions are kept as their (normalised, already checked) source text and are
 * compiled again, with a cache, by whoever evaluates them (see rules.ts).
 */
import { z } from 'zod';

/** Text per language. The key is the language as written in the column, e.g. `English (en)`. */
export const localTextSchema = z.record(z.string(), z.string());
export type LocalText = z.infer<typeof localTextSchema>;

/** Media columns (`image`, `media::image::English (en)`…): the file name per language. */
export const mediaKinds = ['image', 'big-image', 'audio', 'video'] as const;
export const mediaSchema = z.partialRecord(z.enum(mediaKinds), localTextSchema);
export type Media = z.infer<typeof mediaSchema>;

/** The language key used for columns without `::language` when no default_language is set. */
export const DEFAULT_LANGUAGE = 'default';

export const questionTypes = [
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'note',
  'calculate',
  'acknowledge',
  // Metadata, filled by the app rather than typed.
  'start',
  'end',
  'today',
  'deviceid',
  'username',
] as const;
export const questionTypeSchema = z.enum(questionTypes);
export type QuestionType = z.infer<typeof questionTypeSchema>;

export const metadataTypes: readonly QuestionType[] = ['start', 'end', 'today', 'deviceid', 'username'];

/** Question types a person answers: these count towards completion. */
export const inputTypes: readonly QuestionType[] = [
  'text',
  'integer',
  'decimal',
  'date',
  'select_one',
  'select_multiple',
  'acknowledge',
];

/** `true`/`false` for `yes`/`no`, or an expression's source text. */
const flagSchema = z.union([z.boolean(), z.string().min(1)]);

const itemBase = {
  name: z.string().min(1),
  /** 1-based row of the survey sheet, so the runner and reports can point back at the workbook. */
  row: z.number().int().positive(),
  label: localTextSchema.optional(),
  hint: localTextSchema.optional(),
  /** Files named in the media columns; the files themselves do not travel with a workbook. */
  media: mediaSchema.optional(),
  /** XLSForm `guidance_hint`: longer help, shown on request ("More help"). */
  guidanceHint: localTextSchema.optional(),
  relevant: z.string().optional(),
  appearance: z.string().optional(),
};

export const questionItemSchema = z.object({
  kind: z.literal('question'),
  ...itemBase,
  type: questionTypeSchema,
  required: flagSchema.optional(),
  requiredMessage: localTextSchema.optional(),
  constraint: z.string().optional(),
  constraintMessage: localTextSchema.optional(),
  calculation: z.string().optional(),
  /** A literal as written in the workbook; see `defaultAnswer` in rules-values.ts. */
  default: z.string().optional(),
  readOnly: flagSchema.optional(),
  choiceFilter: z.string().optional(),
  /** For select_one / select_multiple: the key in `Template.choiceLists`. */
  listName: z.string().optional(),
});
export type QuestionItem = z.infer<typeof questionItemSchema>;

export interface GroupItem {
  kind: 'group';
  name: string;
  row: number;
  label?: LocalText;
  hint?: LocalText;
  media?: Media;
  guidanceHint?: LocalText;
  relevant?: string;
  appearance?: string;
  items: FormItem[];
}

export interface RepeatItem extends Omit<GroupItem, 'kind'> {
  kind: 'repeat';
  /** Expression giving the number of instances; absent when the person adds them. */
  repeatCount?: string;
}

export type FormItem = QuestionItem | GroupItem | RepeatItem;

export const groupItemSchema: z.ZodType<GroupItem> = z.object({
  kind: z.literal('group'),
  ...itemBase,
  get items() {
    return z.array(formItemSchema);
  },
});

export const repeatItemSchema: z.ZodType<RepeatItem> = z.object({
  kind: z.literal('repeat'),
  ...itemBase,
  repeatCount: z.string().optional(),
  get items() {
    return z.array(formItemSchema);
  },
});

export const formItemSchema: z.ZodType<FormItem> = z.union([
  questionItemSchema,
  groupItemSchema,
  repeatItemSchema,
]);

export const choiceSchema = z.object({
  name: z.string().min(1),
  /** Empty when the choice is shown by its media only (an image). */
  label: localTextSchema,
  media: mediaSchema.optional(),
  /** Other columns of the choices sheet, which `choice_filter` expressions may name. */
  extra: z.record(z.string(), z.string()).optional(),
});
export type Choice = z.infer<typeof choiceSchema>;

export const leftOutSchema = z.object({
  name: z.string(),
  type: z.string(),
  row: z.number().int().positive(),
});
export type LeftOut = z.infer<typeof leftOutSchema>;

export const templateSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'Template ids use letters, digits, _ . -'),
  version: z.string().min(1),
  title: z.string().min(1),
  defaultLanguage: z.string().min(1),
  languages: z.array(z.string().min(1)).min(1),
  items: z.array(formItemSchema),
  choiceLists: z.record(z.string(), z.array(choiceSchema)),
  /** Questions of unsupported types that the user chose to import the form without. */
  leftOut: z.array(leftOutSchema),
});
export type Template = z.infer<typeof templateSchema>;

export type ProblemSeverity = 'error' | 'warning';

/**
 * One thing the importer could not take as written. `error`s keep the form from being
 * imported; `warning`s say what was accepted with an adjustment (e.g. an ignored column).
 */
export interface FormProblem {
  sheet: string;
  /** 1-based workbook row; absent for problems about a whole sheet or file. */
  row?: number;
  /** The column's header as written, or its letter when the header is blank. */
  column?: string;
  message: string;
  fix?: string;
  severity: ProblemSeverity;
  /** 1-based character position in the cell's expression, for expression errors. */
  position?: number;
}

/** Every item in document order, depth first, with the repeats that enclose it. */
export function* walkItems(
  items: readonly FormItem[],
  repeats: readonly RepeatItem[] = [],
  parent?: GroupItem | RepeatItem,
): Generator<{ item: FormItem; repeats: readonly RepeatItem[]; parent: GroupItem | RepeatItem | undefined }> {
  for (const item of items) {
    yield { item, repeats, parent };
    if (item.kind === 'group') yield* walkItems(item.items, repeats, item);
    if (item.kind === 'repeat') yield* walkItems(item.items, [...repeats, item], item);
  }
}
