/**
 * A published story from the library, as every institute receives it: read-only, with
 * export. Where this computer also holds the institute's working copy (its own institute,
 * or the secretariat's computer), a link leads to it.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCaseStudyStore, useHasWorkingCopy } from '../../data/case-study-hooks';
import { useInstitutes } from '../institutes/use-institutes';
import { instituteLabel } from '../institutes/directory-view';
import { ExportActions } from './ExportActions';
import { formatWhen } from './format';
import { storyPath } from './paths';
import { StoryView } from './StoryView';
import { useStory } from './use-story';
import { lastStep } from '@shared/case-studies/workflow';

export function PublishedStoryPage() {
  const { t } = useTranslation();
  const { caseStudyId = '' } = useParams();
  const store = useCaseStudyStore();
  const [loaded] = useStory(store, 'library', caseStudyId);
  const institutes = useInstitutes();
  const working = useHasWorkingCopy(caseStudyId);
  if (loaded.kind === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (loaded.kind === 'error') return <p role="alert">{loaded.message}</p>;
  if (loaded.kind === 'missing') {
    return (
      <p role="alert">
        {t('caseStudies.notFound')} <Link to="/case-studies">{t('caseStudies.backToList')}</Link>
      </p>
    );
  }
  const doc = loaded.doc;
  const institute = instituteLabel(institutes.get(doc.org));
  const published = lastStep(doc, 'publish');
  return (
    <div className="case-study-published">
      <p>
        <Link to="/case-studies">{t('caseStudies.backToList')}</Link>
        {working ? (
          <>
            {' · '}
            <Link to={storyPath('org', doc._id)}>{t('caseStudies.openWorkingCopy')}</Link>
          </>
        ) : null}
      </p>
      <h1>{t('caseStudies.publishedTitle')}</h1>
      {published ? (
        <p className="hint" data-testid="published-line">
          {t('caseStudies.publishedLine', { by: published.by, at: formatWhen(published.at) })}
        </p>
      ) : null}
      <div className="story-body">
        <div className="story-main">
          <StoryView doc={doc} source="library" store={store} instituteName={institute} />
        </div>
        <aside className="story-aside">
          <ExportActions doc={doc} source="library" store={store} instituteName={institute} />
        </aside>
      </div>
    </div>
  );
}
