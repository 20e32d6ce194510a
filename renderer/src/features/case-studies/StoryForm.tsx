/**
 * The story editor: facts and tags, each text section with its guiding question,
 * suggested length and a live (sanitised) preview, the indicators table, quotes and
 * photos. Inputs are registered with react-hook-form; every change goes to the autosave
 * hook, and review comments sit under the part they are about.
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useFieldArray, useForm, useWatch, type Control, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { SECTION_TITLES } from '@shared/case-studies/export';
import {
  countWords,
  SECTION_GUIDES,
  TEXT_SECTIONS,
  TITLE_GUIDE,
  type CommentTarget,
  type TextSection,
} from '@shared/case-studies/sections';
import type { EditableField, StoryPatch } from '@shared/case-studies/workflow';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import {
  EDITABLE_FIELDS,
  formValuesOf,
  isEditableField,
  patchOf,
  type StoryFormValues,
} from './case-study.form';
import { MarkdownPreview } from './MarkdownPreview';
import { KCDB_AREAS, LEVERAGE_AREAS, SDGS } from './names';
import { ScrollBox } from '../../app/ScrollBox';

function newLocalId(): string {
  return crypto.randomUUID().slice(0, 8);
}

function WordCount({
  control,
  name,
  min,
  max,
}: {
  control: Control<StoryFormValues>;
  name: TextSection | 'title';
  min: number;
  max: number;
}) {
  const { t } = useTranslation();
  const text = useWatch({ control, name }) ?? '';
  const words = countWords(text);
  const state = words === 0 ? 'missing' : words < min ? 'thin' : words > max ? 'long' : 'ok';
  return (
    <span className={`word-count check-${state}`} data-testid={`words-${name}`}>
      {t('caseStudies.editor.words', { count: words, min, max })}
    </span>
  );
}

function SectionField({
  section,
  register,
  control,
  comments,
  children,
}: {
  section: TextSection;
  register: UseFormRegister<StoryFormValues>;
  control: Control<StoryFormValues>;
  comments: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const guide = SECTION_GUIDES[section];
  const text = useWatch({ control, name: section }) ?? '';
  const id = `section-${section}`;
  return (
    <section className="story-field">
      <h3 id={`${id}-label`}>
        <label htmlFor={id}>{SECTION_TITLES[section]}</label>
        {guide.essential ? <span className="required"> ({t('caseStudies.editor.needed')})</span> : null}
      </h3>
      <p className="hint" id={`${id}-question`}>
        {guide.question} <WordCount control={control} name={section} min={guide.min} max={guide.max} />
      </p>
      <div className="write-preview">
        <textarea
          id={id}
          rows={8}
          aria-describedby={`${id}-question ${id}-markdown`}
          {...register(section)}
        />
        <MarkdownPreview
          text={text}
          label={t('caseStudies.editor.preview', { section: SECTION_TITLES[section] })}
        />
      </div>
      <p className="hint" id={`${id}-markdown`}>
        {t('caseStudies.editor.markdownHint')}
      </p>
      {children}
      {comments}
    </section>
  );
}

/** How the editor shows stored values in place (a colleague's change that came with sync). */
export type ApplyStored = (fields: readonly EditableField[], stored: CaseStudyDoc) => void;

export function StoryForm({
  initial,
  applyStoredRef,
  onChangeField,
  comments,
  photos,
}: {
  initial: CaseStudyDoc;
  /** Filled by the form: the editor's follower (../../app/use-follow-stored.ts) calls it. */
  applyStoredRef: RefObject<ApplyStored | undefined>;
  onChangeField: (patch: StoryPatch) => void;
  comments: (target: CommentTarget) => ReactNode;
  photos: ReactNode;
}) {
  const { t } = useTranslation();
  const { register, control, subscribe, setValue } = useForm<StoryFormValues>({
    defaultValues: formValuesOf(initial),
  });
  const indicators = useFieldArray({ control, name: 'indicators', keyName: 'key' });
  // An area of the old, invented list is named until someone picks one of the plan's.
  const leverageArea = useWatch({ control, name: 'leverageArea' });
  const quotes = useFieldArray({ control, name: 'quotes', keyName: 'key' });
  const applyingRemote = useRef(false);

  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values, name }) => {
          if (applyingRemote.current) return;
          const field = (name ?? '').split('.')[0] ?? '';
          const fields: EditableField[] = isEditableField(field) ? [field] : [...EDITABLE_FIELDS];
          const patch: StoryPatch = {};
          for (const f of fields) Object.assign(patch, patchOf(f, values));
          onChangeField(patch);
        },
      }),
    [subscribe, onChangeField],
  );

  // A colleague's change arrives with sync: the follower says which fields take it.
  useEffect(() => {
    applyStoredRef.current = (fields, stored) => {
      const next = formValuesOf(stored);
      applyingRemote.current = true;
      for (const field of fields) setValue(field, next[field]);
      applyingRemote.current = false;
    };
    return () => {
      applyStoredRef.current = undefined;
    };
  }, [applyStoredRef, setValue]);

  return (
    <form
      className="story-form"
      onSubmit={(e) => e.preventDefault()}
      aria-label={t('caseStudies.editor.formLabel')}
    >
      <fieldset className="plain">
        <legend className="visually-hidden">{t('caseStudies.editor.facts')}</legend>
        <div className="field wide">
          <label htmlFor="story-title">{t('caseStudies.fields.title')}</label>
          <p className="hint" id="story-title-question">
            {TITLE_GUIDE.question}{' '}
            <WordCount control={control} name="title" min={TITLE_GUIDE.min} max={TITLE_GUIDE.max} />
          </p>
          <input
            id="story-title"
            aria-describedby="story-title-question"
            maxLength={300}
            {...register('title')}
          />
          {comments('title')}
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="story-economy">{t('caseStudies.fields.economy')}</label>
            <input id="story-economy" maxLength={120} {...register('economy')} />
          </div>
          <div className="field">
            <label htmlFor="story-leverage">{t('caseStudies.fields.leverageArea')}</label>
            <select id="story-leverage" aria-describedby="leverage-hint" {...register('leverageArea')}>
              <option value="">{t('caseStudies.editor.choose')}</option>
              {LEVERAGE_AREAS.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.code} — {a.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="hint" id="leverage-hint">
          {t('caseStudies.editor.leverageHint')}
        </p>
        {initial.leverageAreaFormer && !leverageArea ? (
          <p className="note" data-testid="leverage-former">
            {t('caseStudies.leverageFormer', { label: initial.leverageAreaFormer })}
          </p>
        ) : null}
        <fieldset className="tags">
          <legend>{t('caseStudies.fields.sdgs')}</legend>
          <p className="hint">{t('caseStudies.editor.sdgHint')}</p>
          <div className="tag-grid">
            {SDGS.map((g) => (
              <label key={g.number} className="choice" title={g.title}>
                <input type="checkbox" value={String(g.number)} {...register('sdgs')} /> {g.number}.{' '}
                {g.shortName}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="tags">
          <legend>{t('caseStudies.fields.areas')}</legend>
          <div className="tag-grid">
            {KCDB_AREAS.map((a) => (
              <label key={a.code} className="choice">
                <input type="checkbox" value={a.code} {...register('areas')} /> {a.name} ({a.code})
                {a.inferred ? <span className="badge inferred">{t('setup.unverified')}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
        {comments('facts')}
      </fieldset>

      {TEXT_SECTIONS.map((section) => (
        <SectionField
          key={section}
          section={section}
          register={register}
          control={control}
          comments={comments(section)}
        >
          {section === 'results' ? (
            <fieldset className="indicators">
              <legend>{t('caseStudies.indicators.title')}</legend>
              <p className="hint">{t('caseStudies.indicators.hint')}</p>
              {indicators.fields.length > 0 ? (
                <ScrollBox>
                  <table className="list indicators-table">
                    <thead>
                      <tr>
                        <th scope="col">{t('caseStudies.indicators.name')}</th>
                        <th scope="col">{t('caseStudies.indicators.before')}</th>
                        <th scope="col">{t('caseStudies.indicators.after')}</th>
                        <th scope="col">{t('caseStudies.indicators.unit')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('questionnaires.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {indicators.fields.map((field, i) => (
                        <tr key={field.key}>
                          <td>
                            <input
                              aria-label={t('caseStudies.indicators.nameOf', { n: i + 1 })}
                              maxLength={200}
                              {...register(`indicators.${i}.name`)}
                            />
                          </td>
                          <td>
                            <input
                              aria-label={t('caseStudies.indicators.beforeOf', { n: i + 1 })}
                              maxLength={60}
                              {...register(`indicators.${i}.before`)}
                            />
                          </td>
                          <td>
                            <input
                              aria-label={t('caseStudies.indicators.afterOf', { n: i + 1 })}
                              maxLength={60}
                              {...register(`indicators.${i}.after`)}
                            />
                          </td>
                          <td>
                            <input
                              aria-label={t('caseStudies.indicators.unitOf', { n: i + 1 })}
                              maxLength={40}
                              {...register(`indicators.${i}.unit`)}
                            />
                          </td>
                          <td>
                            <button type="button" className="secondary" onClick={() => indicators.remove(i)}>
                              {t('caseStudies.indicators.remove', { n: i + 1 })}
                            </button>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </ScrollBox>
              ) : null}
              <button
                type="button"
                className="secondary"
                onClick={() =>
                  indicators.append({ id: newLocalId(), name: '', before: '', after: '', unit: '' })
                }
              >
                {t('caseStudies.indicators.add')}
              </button>
              {comments('indicators')}
            </fieldset>
          ) : null}
        </SectionField>
      ))}

      <section className="story-field" aria-labelledby="quotes-title">
        <h3 id="quotes-title">{t('caseStudies.quotes.title')}</h3>
        <p className="hint">{t('caseStudies.quotes.hint')}</p>
        {quotes.fields.map((field, i) => (
          <fieldset key={field.key} className="quote-fields">
            <legend>{t('caseStudies.quotes.quote', { n: i + 1 })}</legend>
            <div className="field wide">
              <label htmlFor={`quote-${i}-text`}>{t('caseStudies.quotes.text')}</label>
              <textarea id={`quote-${i}-text`} rows={3} maxLength={2000} {...register(`quotes.${i}.text`)} />
            </div>
            <div className="inline-form">
              <div className="field">
                <label htmlFor={`quote-${i}-who`}>{t('caseStudies.quotes.who')}</label>
                <input id={`quote-${i}-who`} maxLength={120} {...register(`quotes.${i}.who`)} />
              </div>
              <div className="field">
                <label htmlFor={`quote-${i}-role`}>{t('caseStudies.quotes.role')}</label>
                <input id={`quote-${i}-role`} maxLength={200} {...register(`quotes.${i}.role`)} />
              </div>
              <button type="button" className="secondary" onClick={() => quotes.remove(i)}>
                {t('caseStudies.quotes.remove', { n: i + 1 })}
              </button>
            </div>
          </fieldset>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => quotes.append({ id: newLocalId(), text: '', who: '', role: '' })}
        >
          {t('caseStudies.quotes.add')}
        </button>
        {comments('quotes')}
      </section>

      {photos}
      {comments('photos')}
    </form>
  );
}
