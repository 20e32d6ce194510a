/**
 * One story of this computer's database: edited while it is a draft or in review (by
 * those the workflow rules allow), read otherwise; the workflow panel, the checklist,
 * the review comments under each part, and export.
 */
import { SaveIndicator } from '../../app/SaveIndicator';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import {
  actorFor,
  decide,
  openComments,
  type EditableField,
  type StoryPatch,
} from '@shared/case-studies/workflow';
import type { CommentTarget } from '@shared/case-studies/sections';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { draftDeletion } from '@shared/docs/drafts';
import { useSyncStore } from '../../app/sync-store';
import { useDeleteDraft, useDiscardUntouched, useFreshDraft } from '../../app/use-drafts';
import { useWorkspace } from '../../app/workspace-context';
import { useCaseStudyStore } from '../../data/case-study-hooks';
import { useInstitutes } from '../institutes/use-institutes';
import { Checklist } from './Checklist';
import { ExportActions } from './ExportActions';
import { PhotosPanel } from './PhotosPanel';
import { SectionComments } from './SectionComments';
import { StoryForm, type ApplyStored } from './StoryForm';
import { EDITABLE_FIELDS } from './case-study.form';
import { useFollowStored } from '../../app/use-follow-stored';
import { StoryView } from './StoryView';
import { useStory } from './use-story';
import { useStoryAutosave } from './use-story-autosave';
import { WorkflowPanel } from './WorkflowPanel';
import { storyPath } from './paths';
import { formatWhen } from './format';
import { instituteLabel } from '../institutes/directory-view';

export const TARGET_KEYS: Readonly<Record<CommentTarget, string>> = {
  title: 'title',
  facts: 'facts',
  context: 'context',
  challenge: 'challenge',
  actions: 'actions',
  partners: 'partners',
  results: 'results',
  indicators: 'indicators',
  impact: 'impact',
  lessons: 'lessons',
  quotes: 'quotes',
  photos: 'photos',
};

export function CaseStudyEditorPage() {
  const { t } = useTranslation();
  const { caseStudyId = '' } = useParams();
  const store = useCaseStudyStore();
  const [loaded, setDoc] = useStory(store, 'org', caseStudyId);
  if (loaded.kind === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  if (loaded.kind === 'missing') {
    return <Navigate to={storyPath('library', caseStudyId)} replace />;
  }
  return <Editor key={loaded.doc._id} doc={loaded.doc} setDoc={setDoc} />;
}

function Editor({ doc, setDoc }: { doc: CaseStudyDoc; setDoc: (doc: CaseStudyDoc) => void }) {
  const { t } = useTranslation();
  const { profile, workspace } = useWorkspace();
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const store = useCaseStudyStore();
  const institutes = useInstitutes();
  const institute = institutes.get(doc.org);
  const actor = useMemo(
    () => actorFor(doc.org, profile.org, profile.userName, isSecretariat),
    [doc.org, profile.org, profile.userName, isSecretariat],
  );
  const [pasteTarget, setPasteTarget] = useState<HTMLElement | null>(null);
  // A colleague's change that sync brings in appears in place, except where the person is typing.
  const applyStored = useRef<ApplyStored | undefined>(undefined);
  const follower = useFollowStored<CaseStudyDoc>({
    initial: doc,
    fieldsOf: (stored) => Object.fromEntries(EDITABLE_FIELDS.map((field) => [field, stored[field]])),
    isEditing: (field) => autosave.isPending(field),
    apply: (changes, stored) => applyStored.current?.(Object.keys(changes) as EditableField[], stored),
  });
  const autosave = useStoryAutosave(store, doc._id, actor, setDoc, follower);
  useEffect(
    () =>
      workspace.repository.watch(doc._id, (stored, conflicted) => {
        if (stored?.type === 'casestudy') follower.stored(stored, conflicted);
      }),
    [workspace.repository, doc._id, follower],
  );
  useDiscardUntouched(workspace.repository, doc._id, useFreshDraft(), autosave.flush);
  const deleteDraft = useDeleteDraft(workspace.repository, '/case-studies');
  const [deleteProblem, setDeleteProblem] = useState<string>();
  const onChangeField = useCallback((patch: StoryPatch) => autosave.change(patch), [autosave]);
  const canEdit = decide('edit', doc, actor).allowed;
  const open = openComments(doc).length;

  const comments = (target: CommentTarget) => (
    <SectionComments
      doc={doc}
      target={target}
      targetLabel={t(`caseStudies.parts.${TARGET_KEYS[target]}` as 'caseStudies.parts.title')}
      actor={actor}
      store={store}
      onChange={setDoc}
    />
  );

  return (
    <div className="case-study-editor" ref={setPasteTarget}>
      <p>
        <Link to="/case-studies">{t('caseStudies.backToList')}</Link>
      </p>
      <h1>{doc.title || t('caseStudies.untitled')}</h1>
      <p className="hint" data-testid="story-byline">
        {t('caseStudies.editor.byline', {
          institute: instituteLabel(institute),
          by: doc.updatedBy,
          at: formatWhen(doc.updatedAt),
        })}
        {open > 0 ? ` · ${t('caseStudies.editor.openComments', { count: open })}` : ''}
      </p>
      {canEdit ? <SaveIndicator /> : null}
      <WorkflowPanel doc={doc} actor={actor} store={store} onChange={setDoc} beforeStep={autosave.flush} />
      {draftDeletion(doc, profile.org).deletable ? (
        <p className="actions">
          <button
            type="button"
            className="secondary danger"
            onClick={() =>
              void deleteDraft(
                doc._id,
                doc.title.trim() || t('caseStudies.untitled'),
                (what) => t('drafts.deleted', { what }),
                autosave.flush,
              ).then(setDeleteProblem)
            }
          >
            {t('drafts.delete')}
          </button>
        </p>
      ) : null}
      {deleteProblem ? <p role="alert">{deleteProblem}</p> : null}
      <div className="story-body">
        <div className="story-main">
          {canEdit ? (
            <StoryForm
              initial={doc}
              applyStoredRef={applyStored}
              onChangeField={onChangeField}
              comments={comments}
              photos={
                <PhotosPanel
                  doc={doc}
                  store={store}
                  actor={actor}
                  onChange={setDoc}
                  pasteTarget={pasteTarget}
                />
              }
            />
          ) : (
            <>
              <p className="notice" data-testid="read-only-notice">
                {t(`caseStudies.editor.locked.${doc.status}`)}
              </p>
              <StoryView
                doc={doc}
                source="org"
                store={store}
                instituteName={instituteLabel(institute)}
                comments={comments}
              />
            </>
          )}
        </div>
        <aside className="story-aside">
          <Checklist content={doc} />
          <ExportActions
            doc={doc}
            source="org"
            store={store}
            instituteName={instituteLabel(institute)}
            beforeExport={autosave.flush}
          />
        </aside>
      </div>
    </div>
  );
}
