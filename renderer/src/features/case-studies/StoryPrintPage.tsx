/**
 * The printable layout of a story: the story alone (print CSS hides the app around it),
 * with photos, for a PDF (the desktop app's print to PDF and a save dialog) or paper (the
 * browser's print dialog, where "Save as PDF" is one of the printers).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { exportFileStem } from '@shared/case-studies/export';
import { lastStep } from '@shared/case-studies/workflow';
import { toErrorData } from '@shared/errors';
import { useCaseStudyStore } from '../../data/case-study-hooks';
import type { CaseStudySource } from '../../data/case-study-rows';
import { platform } from '../../platform';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { formatWhen } from './format';
import { storyPath } from './paths';
import { StoryView } from './StoryView';
import { useStory } from './use-story';

export function StoryPrintPage({ source }: { source: CaseStudySource }) {
  const { t } = useTranslation();
  const { caseStudyId = '' } = useParams();
  const store = useCaseStudyStore();
  const [loaded] = useStory(store, source, caseStudyId);
  const institutes = useInstitutes();
  const [state, setState] = useState<{ kind: 'idle' | 'working' | 'done' | 'error'; message?: string }>({
    kind: 'idle',
  });
  if (loaded.kind === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  if (loaded.kind === 'missing') return <p role="alert">{t('caseStudies.notFound')}</p>;
  const doc = loaded.doc;
  const institute = instituteLabel(institutes.get(doc.org));
  const published = lastStep(doc, 'publish');

  const print = async () => {
    setState({ kind: 'working' });
    try {
      const result = await platform.printToPdf({ suggestedName: `${exportFileStem(doc)}.pdf` });
      setState(
        result.saved
          ? { kind: 'done', message: t('caseStudies.export.saved', { path: result.path }) }
          : { kind: 'idle' },
      );
    } catch (error) {
      setState({ kind: 'error', message: toErrorData(error).message });
    }
  };

  return (
    <div className="story-print">
      <div className="no-print print-toolbar">
        <p>
          <Link to={storyPath(source, doc._id)}>{t('caseStudies.print.back')}</Link>
        </p>
        <h1>{t('caseStudies.print.title')}</h1>
        <p className="hint">
          {t(
            platform.kind === 'electron'
              ? 'caseStudies.print.explainDesktop'
              : 'caseStudies.print.explainBrowser',
          )}
        </p>
        <button type="button" disabled={state.kind === 'working'} onClick={() => void print()}>
          {t(platform.kind === 'electron' ? 'caseStudies.print.savePdf' : 'caseStudies.print.print')}
        </button>
        {state.kind === 'done' ? (
          <p role="status" className="ok">
            {state.message}
          </p>
        ) : null}
        {state.kind === 'error' ? (
          <p role="alert" className="error">
            {t('caseStudies.export.failed', { message: state.message })}
          </p>
        ) : null}
      </div>
      <StoryView doc={doc} source={source} store={store} instituteName={institute} />
      <p className="print-footer">
        {doc.status === 'published' && published
          ? t('caseStudies.print.publishedFooter', { by: published.by, at: formatWhen(published.at) })
          : t('caseStudies.print.draftFooter', { status: t(`caseStudies.status.${doc.status}`) })}
      </p>
    </div>
  );
}
