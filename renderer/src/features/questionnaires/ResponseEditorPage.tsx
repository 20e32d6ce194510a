/**
 * The form runner: one section of the template per page with an outline of every
 * section's completion, the template's rules applied as the person types, autosave,
 * and the response's life (draft → submitted → reopened as a new revision).
 */
import { SaveIndicator } from '../../app/SaveIndicator';
import { startTransition, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { answerValues } from '@shared/docs/response/edit';
import type { AnswerValue, ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import type { RepeatItem, Template } from '@shared/forms/model';
import { sectionAnsweredElsewhere } from '@shared/forms/answered-elsewhere';
import { formLanguage, languageCode, languageName, textDirection } from '@shared/forms/languages';
import {
  evaluateForm,
  GENERAL_SECTION,
  initialAnswers,
  instanceIds,
  instancePrefix,
  newInstanceId,
  pickText,
  submitAnswers,
  topSections,
  type FormEnv,
  type SectionState,
} from '@shared/forms/rules';
import { readinessOf, sectionStatus } from '@shared/forms/readiness';
import { draftDeletion } from '@shared/docs/drafts';
import { z } from 'zod';
import { readSetting, writeSetting } from '../../data/device-settings';
import { useDeleteDraft, useDiscardUntouched, useFreshDraft } from '../../app/use-drafts';
import { SupportInAssessment } from '../funding/SupportInAssessment';
import { ExportReturnButton } from '../returns/ExportReturnButton';
import { useWorkspace } from '../../app/workspace-context';
import { domId, GroupView, ItemList, RepeatView, RunnerContext, type RunnerContextValue } from './FormItems';
import { fieldName, fieldValuesFrom, inputValue, valueToStore, type FieldValues } from './questionnaire.form';
import { useFollowStored } from '../../app/use-follow-stored';
import { Dialog } from '../../app/Dialog';
import { useUndoStore } from '../../app/undo-store';
import { useAutosave } from './use-autosave';
import { useTemplate } from './use-templates';
import { fmt } from '../../app/format';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; doc: ResponseDoc };

export function ResponseEditorPage() {
  const { t } = useTranslation();
  const { responseId = '' } = useParams();
  const { repository } = useWorkspace().workspace;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    repository.getResponse(responseId).then(
      (doc) => live && setLoaded(doc ? { kind: 'ready', doc } : { kind: 'missing' }),
      (error: unknown) => live && setLoaded({ kind: 'error', message: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [repository, responseId]);

  const doc = loaded.kind === 'ready' ? loaded.doc : undefined;
  const template = useTemplate(doc?.templateId, doc?.templateVersion);

  if (loaded.kind === 'loading' || (doc && template.kind === 'loading'))
    return <p role="status">{t('app.loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  if (loaded.kind === 'missing' || !doc) {
    return (
      <p role="alert">
        {t('editor.missing')} <Link to="/questionnaires">{t('editor.backToList')}</Link>
      </p>
    );
  }
  if (template.kind === 'error') return <p role="alert">{template.message}</p>;
  if (template.kind !== 'ready') {
    return (
      <p role="alert">
        {t('questionnaires.unknownTemplate', { id: doc.templateId, version: doc.templateVersion })}{' '}
        <Link to="/questionnaires">{t('editor.backToList')}</Link>
      </p>
    );
  }
  return <Runner key={doc._id} initial={doc} template={template.template} />;
}

function sectionTitle(section: SectionState, template: Template, language: string, general: string): string {
  if (section.name === GENERAL_SECTION) return general;
  if (section.name.startsWith(GENERAL_SECTION)) {
    // A later run of top-level questions: named by its first question.
    const first = topSections(template).find((s) => s.name === section.name)?.items[0];
    const text = first ? pickText(first.label, template, language) : '';
    return text.length > 60 ? `${text.slice(0, 57)}…` : text || general;
  }
  return pickText(section.label, template, language) || section.name;
}

const languageSetting = (user: string) => `form-language:${user}`;

/**
 * The form's language: the one this person chose last (when the form has it), else the
 * form's default language. The choice is remembered on this computer, per person.
 */
function useFormLanguage(template: Template, user: string): [string, (language: string) => void] {
  const [language, setLanguage] = useState(() => formLanguage(template, undefined));
  useEffect(() => {
    let live = true;
    void readSetting(languageSetting(user), z.string(), '').then(
      (saved) => live && saved && setLanguage(formLanguage(template, saved)),
    );
    return () => {
      live = false;
    };
  }, [template, user]);
  const choose = useCallback(
    (next: string) => {
      setLanguage(next);
      void writeSetting(languageSetting(user), next);
    },
    [user],
  );
  return [language, choose];
}

/** Kiosk mode's runner (features/events/KioskPage.tsx): nothing but the form and its sending. */
export interface KioskRunner {
  onSubmitted: () => void;
}

export function Runner({
  initial,
  template,
  kiosk,
}: {
  initial: ResponseDoc;
  template: Template;
  kiosk?: KioskRunner;
}) {
  const { t } = useTranslation();
  const { repository, author } = useWorkspace().workspace;
  const [language, setLanguage] = useFormLanguage(template, author.user);
  const firstLabel = template.items.find((i) => i.label?.[language])?.label?.[language] ?? '';
  const direction = textDirection(language, firstLabel);
  const [doc, setDoc] = useState(initial);
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>(() => answerValues(initial));
  const latestAnswers = useRef(answers);
  useEffect(() => {
    latestAnswers.current = answers;
  }, [answers]);
  const offerUndo = useUndoStore((s) => s.offerUndo);
  const deferredAnswers = useDeferredValue(answers);
  const env = useMemo<FormEnv>(() => ({ now: new Date(), user: author.user }), [author.user]);
  const evaluation = useMemo(
    () => evaluateForm(template, deferredAnswers, env),
    [template, deferredAnswers, env],
  );
  const { register, getValues, setValue, control } = useForm<FieldValues>({
    defaultValues: fieldValuesFrom(initial),
  });
  // A colleague's change that sync brings in appears in place, except where the person is typing.
  const follower = useFollowStored<ResponseDoc>({
    initial,
    fieldsOf: answerValues,
    isEditing: (key) => isPending(key),
    apply: (changes, stored) => {
      const inputs = fieldValuesFrom(stored);
      for (const key of Object.keys(changes)) setValue(fieldName(key), inputs[fieldName(key)] ?? '');
      startTransition(() =>
        setAnswers((before) => {
          const next = { ...before };
          for (const [key, value] of Object.entries(changes)) next[key] = value as AnswerValue;
          return next;
        }),
      );
    },
  });
  const { change, flush, isPending } = useAutosave(repository, initial._id, follower);
  useEffect(
    () =>
      repository.watch(initial._id, (stored, conflicted) => {
        if (stored?.type !== 'response') return;
        follower.stored(stored, conflicted);
        setDoc(stored);
      }),
    [repository, initial._id, follower],
  );
  useDiscardUntouched(repository, initial._id, useFreshDraft(), flush);
  const deleteDraft = useDeleteDraft(repository, '/questionnaires');
  const [showMissing, setShowMissing] = useState(false);
  const [gaps, setGaps] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const pendingFocus = useRef<string | undefined>(undefined);
  const [params, setParams] = useSearchParams();
  const gapsRef = useRef<HTMLDivElement>(null);
  const readOnly = doc.status === 'submitted';

  const sections = evaluation.sections.filter((s) => s.relevant);
  const elsewhereSections = useMemo(
    () =>
      new Set(
        topSections(template)
          .filter((s) => sectionAnsweredElsewhere(s.items))
          .map((s) => s.name),
      ),
    [template],
  );
  const current = sections.find((s) => s.name === params.get('section')) ?? sections[0];
  const currentIndex = current ? sections.indexOf(current) : -1;
  const goTo = useCallback(
    (name: string) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          next.set('section', name);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const record = useCallback(
    (changes: Record<string, AnswerValue>) => {
      startTransition(() => setAnswers((before) => ({ ...before, ...changes })));
      for (const [key, value] of Object.entries(changes)) change(key, value);
    },
    [change],
  );

  const itemByKey = useCallback((key: string) => evaluation.fields.get(key)?.item, [evaluation]);

  // A cascading answer that its parent's new value filters out is cleared, as ODK does, and
  // so is whatever it filtered in turn (the evaluation has already followed the chain).
  // Likewise a calculation on a question a person sees (a repeat's area from the areas ticked)
  // is stored, so that lists and dashboards read it as an answer. Never in a submitted response.
  useEffect(() => {
    if (readOnly || evaluation.cleared.size + evaluation.calculated.size === 0) return;
    const changes = {
      ...Object.fromEntries(evaluation.calculated),
      ...Object.fromEntries(evaluation.cleared),
    };
    for (const [key, value] of Object.entries(changes)) setValue(fieldName(key), inputValue(value));
    record(changes);
  }, [evaluation, readOnly, record, setValue]);

  const context: RunnerContextValue = {
    template,
    evaluation,
    env,
    language,
    register,
    control,
    readOnly,
    showMissing,
    onAnswer: (key) => {
      const item = itemByKey(key);
      if (!item) return;
      record({ [key]: valueToStore(item, getValues(fieldName(key))) });
    },
    addInstance: (repeatKey: string, _repeat: RepeatItem) => {
      const id = newInstanceId();
      const defaults = initialAnswers(template, env, instancePrefix(repeatKey, id));
      for (const [key, value] of Object.entries(defaults)) setValue(fieldName(key), inputValue(value));
      record({ [repeatKey]: [...instanceIds(answers[repeatKey]), id], ...defaults });
    },
    removeInstance: (repeatKey, id, what) => {
      const before = instanceIds(answers[repeatKey]);
      record({ [repeatKey]: before.filter((i) => i !== id) });
      // Its answers stay stored under the row's id: putting the id back brings the row back.
      offerUndo(t('editor.removed', { what }), () => {
        const now = instanceIds(latestAnswers.current[repeatKey]);
        if (now.includes(id)) return;
        const at = before.indexOf(id);
        const restored = [...now];
        restored.splice(Math.min(at, restored.length), 0, id);
        record({ [repeatKey]: restored });
      });
    },
    answeredElsewhere: () => <SupportInAssessment org={doc.org} cycle={doc.cycle} />,
  };

  // After "go to" from the list of gaps, focus the question once its section is shown.
  const focusPending = useCallback(() => {
    const key = pendingFocus.current;
    const element = key ? document.getElementById(domId(key)) : null;
    if (!element) return;
    const target = element.matches('fieldset') ? element.querySelector<HTMLElement>('input') : element;
    (target ?? element).focus();
    pendingFocus.current = undefined;
  }, []);
  useEffect(focusPending);

  /**
   * Submit: the gaps if it is not ready, else a confirmation saying what it means. A participant
   * at a kiosk submits at once: only this form goes from there, and the next participant gets an
   * empty one.
   */
  const askToSubmit = () => {
    setActionError(undefined);
    const { ready, toFix } = readinessOf(evaluateForm(template, answers, env));
    setShowMissing(true);
    if (!ready) {
      setGaps(toFix);
      requestAnimationFrame(() => gapsRef.current?.focus());
      return;
    }
    setGaps(null);
    if (kiosk) void submit();
    else setConfirming(true);
  };

  const submit = async () => {
    setConfirming(false);
    setBusy(true);
    try {
      await flush();
      setDoc(await repository.submitResponse(doc._id, submitAnswers(template, { ...env, now: new Date() })));
      kiosk?.onSubmitted();
    } catch (error) {
      setActionError(toErrorData(error).message);
    } finally {
      setBusy(false);
    }
  };

  const general = t('editor.general');
  const lastSubmission = doc.history.findLast((e) => e.kind === 'submitted');

  return (
    <RunnerContext.Provider value={context}>
      <section aria-labelledby="editor-title" className="runner">
        {kiosk ? null : (
          <p>
            {doc.event ? (
              <Link to={`/events/${encodeURIComponent(doc.event)}`}>{t('editor.backToEvent')}</Link>
            ) : (
              <Link to="/questionnaires">{t('editor.backToList')}</Link>
            )}
          </p>
        )}
        <div className="runner-title">
          <h1 id="editor-title">{kiosk ? template.title : `${template.title} · ${doc.cycle}`}</h1>
          {template.languages.length > 1 ? (
            <div className="field form-language">
              <label htmlFor="form-language">{t('editor.formLanguage')}</label>
              <select id="form-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
                {template.languages.map((l) => (
                  <option key={l} value={l} lang={languageCode(l)} dir={textDirection(l)}>
                    {languageName(l, t('editor.defaultLanguage'))}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
        </div>
        <p className="runner-meta">
          {kiosk ? null : (
            <>
              {t(`questionnaires.statusValue.${doc.status}`)} ·{' '}
              {t('questionnaires.revision', { revision: doc.revision })} ·{' '}
            </>
          )}
          <span data-testid="runner-progress">
            {t('questionnaires.progressLabel', { answered: evaluation.answered, total: evaluation.total })}
          </span>
        </p>
        <SaveIndicator />
        {template.leftOut.length > 0 ? (
          <p className="notice">
            {t('editor.leftOutNotice', {
              count: template.leftOut.length,
              names: template.leftOut.map((l) => `${l.name} (${l.type})`).join(', '),
            })}
          </p>
        ) : null}
        {readOnly && lastSubmission ? (
          <p className="notice" role="status">
            {t('editor.submitted', {
              at: fmt.dateTime(lastSubmission.at),
              by: lastSubmission.by,
            })}
          </p>
        ) : null}

        <div className="runner-body">
          <nav aria-label={t('editor.outline')} className="outline">
            <ol>
              {sections.map((section) => {
                const status = sectionStatus(section);
                const elsewhere = section.total === 0 && elsewhereSections.has(section.name);
                return (
                  <li key={section.name}>
                    <button
                      type="button"
                      className="link-button"
                      aria-current={section === current ? 'step' : undefined}
                      onClick={() => goTo(section.name)}
                    >
                      {sectionTitle(section, template, language, general)}{' '}
                      <span className="section-progress">
                        {elsewhere
                          ? t('editor.sectionFromLedger')
                          : t('editor.sectionProgress', { answered: section.answered, total: section.total })}
                        {elsewhere
                          ? ''
                          : status === 'complete'
                            ? ` · ${t('editor.sectionDone')}`
                            : status === 'to-fix'
                              ? ` · ${t('editor.sectionToFix', { count: section.invalid.length })}`
                              : ''}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </nav>

          <form
            className="questionnaire"
            dir={direction}
            lang={languageCode(language)}
            onSubmit={(e) => e.preventDefault()}
            noValidate
            // At a kiosk the browser must not offer one participant's typing to the next.
            autoComplete={kiosk ? 'off' : undefined}
            aria-labelledby="section-title"
          >
            {current ? (
              <>
                <h2 id="section-title">{sectionTitle(current, template, language, general)}</h2>
                <fieldset disabled={readOnly} className="plain">
                  <SectionBody template={template} section={current} />
                </fieldset>
              </>
            ) : null}
            <div className="pager">
              {currentIndex > 0 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => goTo(sections[currentIndex - 1]?.name ?? '')}
                >
                  {t('editor.previous')}
                </button>
              ) : null}
              {currentIndex >= 0 && currentIndex < sections.length - 1 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() => goTo(sections[currentIndex + 1]?.name ?? '')}
                >
                  {t('editor.next')}
                </button>
              ) : null}
            </div>
          </form>
        </div>

        {gaps && gaps.length > 0 ? (
          <div className="gaps" role="alert" tabIndex={-1} ref={gapsRef} data-testid="submit-gaps">
            <p>{t('editor.gapsTitle', { count: gaps.length })}</p>
            <ul>
              {gaps.map((key) => {
                const field = evaluation.fields.get(key);
                const section = sections.find((s) => s.name === field?.section);
                const what = field?.error ? t('editor.gapInvalid') : t('editor.gapMissing');
                return (
                  <li key={key}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => {
                        pendingFocus.current = key;
                        if (section && section !== current) goTo(section.name);
                        else focusPending();
                      }}
                    >
                      {t('editor.goTo', {
                        label: pickText(field?.item.label, template, language) || key,
                        section: section ? sectionTitle(section, template, language, general) : '',
                        what,
                      })}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        {actionError ? <p role="alert">{actionError}</p> : null}

        <div className="runner-actions">
          {readOnly ? (
            kiosk ? null : (
              <Reopen doc={doc} onReopened={setDoc} />
            )
          ) : (
            <button
              type="button"
              onClick={askToSubmit}
              disabled={busy}
              aria-haspopup={kiosk ? undefined : 'dialog'}
            >
              {busy ? t('editor.submitting') : kiosk ? t('editor.submitKiosk') : t('editor.submit')}
            </button>
          )}
          {kiosk ? null : <ExportReturnButton doc={doc} template={template} beforeExport={flush} />}
          {!kiosk && draftDeletion(doc, author.org).deletable ? (
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              onClick={() =>
                void deleteDraft(
                  doc._id,
                  `${template.title} ${doc.cycle}`,
                  (what) => t('drafts.deleted', { what }),
                  flush,
                ).then(setActionError)
              }
            >
              {t('drafts.delete')}
            </button>
          ) : null}
        </div>
        {kiosk ? null : <History doc={doc} />}
        <Dialog
          open={confirming}
          onClose={() => setConfirming(false)}
          title={t('editor.confirmTitle')}
          testId="confirm-submit"
          actions={
            <>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                {t('editor.confirmNo')}
              </button>
              <button type="button" data-autofocus onClick={() => void submit()}>
                {t('editor.confirmYes', { revision: doc.revision })}
              </button>
            </>
          }
        >
          <p>
            {t('editor.confirmWhat', {
              revision: doc.revision,
              title: template.title,
              cycle: doc.cycle,
              answered: evaluation.answered,
              total: evaluation.total,
            })}
          </p>
          <p>{t('editor.confirmLocked', { next: doc.revision + 1 })}</p>
        </Dialog>
      </section>
    </RunnerContext.Provider>
  );
}

function SectionBody({ template, section }: { template: Template; section: SectionState }) {
  const items = topSections(template).find((s) => s.name === section.name)?.items ?? [];
  const [item] = items;
  if (item?.kind === 'question') return <ItemList items={items} prefix="" />;
  if (!item) return null;
  if (item.kind === 'group') return <GroupBody item={item} />;
  return <RepeatView item={item} repeatKey={item.name} />;
}

/** A section's own group: its title is already the page heading. */
function GroupBody({ item }: { item: Extract<Template['items'][number], { kind: 'group' }> }) {
  return <GroupView item={{ ...item, label: {} }} prefix="" />;
}

function Reopen({ doc, onReopened }: { doc: ResponseDoc; onReopened: (doc: ResponseDoc) => void }) {
  const { t } = useTranslation();
  const { repository } = useWorkspace().workspace;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('editor.reopen')}
      </button>
    );
  }
  const confirm = async () => {
    if (!reason.trim()) {
      setError(t('editor.reasonRequired'));
      return;
    }
    try {
      onReopened(await repository.reopenResponse(doc._id, reason));
      setOpen(false);
    } catch (e) {
      setError(toErrorData(e).message);
    }
  };
  return (
    <div className="reopen">
      <label htmlFor="reopen-reason">{t('editor.reopenReason')}</label>
      <textarea
        id="reopen-reason"
        rows={2}
        value={reason}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? 'reopen-reason-error' : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {error ? (
        <p className="field-error" id="reopen-reason-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" onClick={() => void confirm()}>
        {t('editor.reopenConfirm', { revision: doc.revision + 1 })}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('editor.cancel')}
      </button>
    </div>
  );
}

function History({ doc }: { doc: ResponseDoc }) {
  const { t } = useTranslation();
  if (doc.history.length === 0) return null;
  return (
    <section aria-labelledby="history-title" className="history">
      <h2 id="history-title">{t('editor.history')}</h2>
      <ul>
        {doc.history.map((event, index) => (
          <li key={index}>
            {event.kind === 'submitted'
              ? t('editor.historySubmitted', {
                  revision: event.revision,
                  at: fmt.dateTime(event.at),
                  by: event.by,
                })
              : t('editor.historyReopened', {
                  revision: event.revision,
                  at: fmt.dateTime(event.at),
                  by: event.by,
                  reason: event.reason ?? '',
                })}
          </li>
        ))}
      </ul>
    </section>
  );
}
