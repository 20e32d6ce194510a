/**
 * Review comments tied to one part of a story: reviewers add them while the story is in
 * review; the author's institute resolves them (with an optional note). Resolved comments
 * stay listed, folded, with who resolved them and when.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { decide, type CaseStudyActor } from '@shared/case-studies/workflow';
import type { CommentTarget } from '@shared/case-studies/sections';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import type { CaseStudyStore } from '../../data/case-studies';
import { formatWhen } from './format';

export function SectionComments({
  doc,
  target,
  targetLabel,
  actor,
  store,
  onChange,
}: {
  doc: CaseStudyDoc;
  target: CommentTarget;
  targetLabel: string;
  actor: CaseStudyActor;
  store: CaseStudyStore;
  onChange: (doc: CaseStudyDoc) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const [writing, setWriting] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const comments = Object.entries(doc.comments)
    .filter(([, c]) => c.target === target)
    .sort(([, a], [, b]) => a.at.localeCompare(b.at));
  const mayComment = decide('comment', doc, actor).allowed;
  const mayResolve = decide('resolve', doc, actor).allowed;
  if (comments.length === 0 && !mayComment) return null;

  const run = async (work: () => Promise<CaseStudyDoc>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      onChange(await work());
      return true;
    } catch (error) {
      setProblem(toErrorData(error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const inputId = `comment-${doc._id}-${target}`.replace(/[^a-zA-Z0-9-]/g, '-');
  return (
    <div className="comments" data-testid={`comments-${target}`}>
      {comments.length > 0 ? (
        <ul
          className="comment-list"
          aria-label={t('caseStudies.comments.listLabel', { section: targetLabel })}
        >
          {comments.map(([id, c]) => (
            <li key={id} className={c.resolved ? 'comment resolved' : 'comment'}>
              <p className="comment-meta">
                {t('caseStudies.comments.byAt', { by: c.by, at: formatWhen(c.at) })}
                {c.resolved ? (
                  <span className="badge ok">
                    {t('caseStudies.comments.resolvedBy', {
                      by: c.resolved.by,
                      at: formatWhen(c.resolved.at),
                    })}
                  </span>
                ) : null}
              </p>
              <p className="comment-text">{c.text}</p>
              {c.resolved?.note ? <p className="comment-note">{c.resolved.note}</p> : null}
              {!c.resolved && mayResolve ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => void run(() => store.resolve(doc._id, id, actor))}
                >
                  {t('caseStudies.comments.resolve')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {mayComment && !writing ? (
        <button type="button" className="link-button" onClick={() => setWriting(true)}>
          {t('caseStudies.comments.add', { section: targetLabel })}
        </button>
      ) : null}
      {mayComment && writing ? (
        // Not a <form>: comments sit inside the story editor's form, and forms cannot nest.
        <div className="comment-form">
          <label htmlFor={inputId}>{t('caseStudies.comments.label', { section: targetLabel })}</label>
          <textarea id={inputId} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} />
          <div className="actions">
            <button
              type="button"
              disabled={busy || !draft.trim()}
              onClick={() =>
                void run(() => store.comment(doc._id, target, draft, actor)).then((ok) => {
                  if (ok) {
                    setDraft('');
                    setWriting(false);
                  }
                })
              }
            >
              {t('caseStudies.comments.save')}
            </button>
            <button type="button" className="secondary" onClick={() => setWriting(false)}>
              {t('editor.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
