/**
 * Export: the printable layout (PDF through the desktop app's print to PDF, the browser's
 * print dialog in the web build) and Markdown with its photos as a .zip.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { exportFileStem, markdownZip, orderedPhotos, storyMarkdown } from '@shared/case-studies/export';
import type { CaseStudyDoc } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import type { CaseStudyStore } from '../../data/case-studies';
import type { CaseStudySource } from '../../data/case-study-rows';
import { platform } from '../../platform';
import { exportNames } from './names';
import { storyPath } from './paths';

export function ExportActions({
  doc,
  source,
  store,
  instituteName,
  beforeExport,
}: {
  doc: CaseStudyDoc;
  source: CaseStudySource;
  store: CaseStudyStore;
  instituteName: string;
  beforeExport?: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ kind: 'idle' | 'working' | 'done' | 'error'; message?: string }>({
    kind: 'idle',
  });

  const exportMarkdown = async () => {
    setState({ kind: 'working' });
    try {
      await beforeExport?.();
      const latest =
        (source === 'library' ? await store.getPublished(doc._id) : await store.get(doc._id)) ?? doc;
      const photos = await Promise.all(
        orderedPhotos(latest).map(async ([name]) => ({
          name,
          bytes: new Uint8Array(await (await store.photo(source, latest._id, name)).arrayBuffer()),
        })),
      );
      const zip = markdownZip(storyMarkdown(latest, exportNames(instituteName)), photos);
      const result = await platform.saveFile({
        suggestedName: `${exportFileStem(latest)}.zip`,
        data: new Uint8Array(zip),
        filters: [{ name: t('caseStudies.export.zipKind'), extensions: ['zip'] }],
      });
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
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title">{t('caseStudies.export.title')}</h2>
      <div className="actions">
        <Link className="button-like" to={`${storyPath(source, doc._id)}/print`}>
          {t('caseStudies.export.print')}
        </Link>
        <button
          type="button"
          className="secondary"
          disabled={state.kind === 'working'}
          onClick={() => void exportMarkdown()}
        >
          {t('caseStudies.export.markdown')}
        </button>
      </div>
      {state.kind === 'working' ? <p role="status">{t('caseStudies.export.working')}</p> : null}
      {state.kind === 'done' ? (
        <p role="status" className="ok" data-testid="export-done">
          {state.message}
        </p>
      ) : null}
      {state.kind === 'error' ? (
        <p role="alert" className="error">
          {t('caseStudies.export.failed', { message: state.message })}
        </p>
      ) : null}
    </section>
  );
}
