/**
 * Where the story is in its life, what this person may do next (only the steps the rules
 * of shared/case-studies/workflow.ts allow them; a step blocked by what is missing says
 * why), and every step taken, with who and when.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  availableSteps,
  STEP_RULES,
  type CaseStudyActor,
  type StatusStep,
} from '@shared/case-studies/workflow';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import type { CaseStudyStore } from '../../data/case-studies';
import { formatWhen } from './format';

export function StatusBadge({ status }: { status: CaseStudyDoc['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge status-${status}`} data-testid="story-status">
      {t(`caseStudies.status.${status}`)}
    </span>
  );
}

export function WorkflowPanel({
  doc,
  actor,
  store,
  onChange,
  beforeStep,
}: {
  doc: CaseStudyDoc;
  actor: CaseStudyActor;
  store: CaseStudyStore;
  onChange: (doc: CaseStudyDoc) => void;
  /** Saves what is still being typed before the story changes state. */
  beforeStep: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<StatusStep | undefined>(undefined);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<string | undefined>(undefined);
  const steps = availableSteps(doc, actor);

  const take = async (step: StatusStep) => {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      await beforeStep();
      const next = await store.step(doc._id, step, actor, note);
      onChange(next);
      setAsking(undefined);
      setNote('');
      setDone(t(`caseStudies.workflow.done.${step}`));
    } catch (error) {
      setProblem(toErrorData(error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">
        {t('caseStudies.workflow.title')} <StatusBadge status={doc.status} />
      </h2>
      <p className="hint">{t(`caseStudies.workflow.explain.${doc.status}`)}</p>
      {steps.length > 0 ? (
        <div className="actions workflow-actions">
          {steps.map(({ step, decision }) => (
            <span key={step} className="workflow-step">
              <button
                type="button"
                className={
                  step === 'return' || step === 'reopen' || step === 'unpublish' ? 'secondary' : undefined
                }
                disabled={busy || !decision.allowed}
                aria-describedby={decision.allowed ? undefined : `why-${step}`}
                onClick={() => {
                  if (STEP_RULES[step].noteRequired || step === 'return') {
                    setAsking(step);
                    setNote('');
                  } else void take(step);
                }}
              >
                {t(`caseStudies.workflow.step.${step}`)}
              </button>
              {decision.allowed ? null : (
                <span className="hint" id={`why-${step}`} data-testid={`why-${step}`}>
                  {decision.reason}
                </span>
              )}
            </span>
          ))}
        </div>
      ) : (
        <p className="hint" data-testid="no-steps">
          {t(
            actor.member || actor.secretariat
              ? 'caseStudies.workflow.nothingNow'
              : 'caseStudies.workflow.readOnly',
          )}
        </p>
      )}
      {asking ? (
        <form
          className="step-note"
          onSubmit={(event) => {
            event.preventDefault();
            void take(asking);
          }}
        >
          <label htmlFor="step-note">
            {t(
              STEP_RULES[asking].noteRequired
                ? 'caseStudies.workflow.noteRequired'
                : 'caseStudies.workflow.noteOptional',
            )}
          </label>
          <textarea id="step-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          <div className="actions">
            <button
              type="submit"
              disabled={busy || (STEP_RULES[asking].noteRequired === true && !note.trim())}
            >
              {t(`caseStudies.workflow.step.${asking}`)}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(undefined)}>
              {t('editor.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {busy ? <p role="status">{t('caseStudies.workflow.working')}</p> : null}
      {done ? (
        <p role="status" className="ok" data-testid="step-done">
          {done}
        </p>
      ) : null}
      {problem ? (
        <p role="alert" className="error">
          {problem}
        </p>
      ) : null}
      <details className="history">
        <summary>{t('caseStudies.workflow.history', { count: doc.history.length })}</summary>
        <ol data-testid="story-history">
          {doc.history.map((event) => (
            <li key={`${event.at}|${event.action}|${event.by}`}>
              {t(`caseStudies.workflow.event.${event.action}`, { by: event.by, at: formatWhen(event.at) })}
              {event.note ? <span className="hint"> — {event.note}</span> : null}
            </li>
          ))}
        </ol>
      </details>
    </section>
  );
}
