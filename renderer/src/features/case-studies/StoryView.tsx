/**
 * A story as readers see it: on screen for published and locked stories, and as the
 * printable layout (print to PDF). Text sections are Markdown, sanitised.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderedPhotos, SECTION_TITLES } from '@shared/case-studies/export';
import { TEXT_SECTIONS } from '@shared/case-studies/sections';
import type { CommentTarget } from '@shared/case-studies/sections';
import type { CaseStudyDoc, PhotoMeta } from '@shared/docs/casestudy/schema';
import type { CaseStudyStore } from '../../data/case-studies';
import type { CaseStudySource } from '../../data/case-study-rows';
import { MarkdownPreview } from './MarkdownPreview';
import { areaLabel, leverageLabel, sdgLabel } from './names';
import { usePhotoUrl } from './use-photo-url';
import { ScrollBox } from '../../app/ScrollBox';

export function StoryPhoto({
  store,
  source,
  id,
  name,
  meta,
}: {
  store: CaseStudyStore;
  source: CaseStudySource;
  id: string;
  name: string;
  meta: PhotoMeta;
}) {
  const { t } = useTranslation();
  const { url, failed } = usePhotoUrl(store, source, id, name);
  return (
    <figure className="story-photo">
      {url ? (
        <img
          src={url}
          alt={meta.caption || t('caseStudies.photos.noCaption')}
          width={meta.width}
          height={meta.height}
        />
      ) : (
        <div
          className="photo-placeholder"
          role="img"
          aria-label={meta.caption || t('caseStudies.photos.noCaption')}
        >
          {failed ? t('caseStudies.photos.notHere') : t('app.loading')}
        </div>
      )}
      {meta.caption || meta.credit ? (
        <figcaption>
          {meta.caption}
          {meta.credit ? (
            <span className="credit"> {t('caseStudies.photos.creditLine', { credit: meta.credit })}</span>
          ) : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

export function StoryView({
  doc,
  source,
  store,
  instituteName,
  comments,
}: {
  doc: CaseStudyDoc;
  source: CaseStudySource;
  store: CaseStudyStore;
  instituteName: string;
  /** Review comments under each part, where the screen shows them. */
  comments?: (target: CommentTarget) => ReactNode;
}) {
  const { t } = useTranslation();
  const quotes = doc.quotes.filter((q) => q.text.trim());
  return (
    <article className="story-view" aria-label={doc.title || t('caseStudies.untitled')}>
      <h2 className="story-title">{doc.title || t('caseStudies.untitled')}</h2>
      {comments?.('title')}
      <dl className="facts story-facts">
        <dt>{t('caseStudies.fields.institute')}</dt>
        <dd>{instituteName}</dd>
        <dt>{t('caseStudies.fields.economy')}</dt>
        <dd>{doc.economy || '—'}</dd>
        <dt>{t('caseStudies.fields.leverageArea')}</dt>
        <dd>
          {doc.leverageArea
            ? leverageLabel(doc.leverageArea)
            : doc.leverageAreaFormer
              ? t('caseStudies.leverageFormer', { label: doc.leverageAreaFormer })
              : '—'}
        </dd>
        <dt>{t('caseStudies.fields.sdgs')}</dt>
        <dd>{doc.sdgs.length ? doc.sdgs.map(sdgLabel).join('; ') : '—'}</dd>
        <dt>{t('caseStudies.fields.areas')}</dt>
        <dd>{doc.areas.length ? doc.areas.map(areaLabel).join('; ') : '—'}</dd>
      </dl>
      {comments?.('facts')}
      {TEXT_SECTIONS.map((section) => {
        const text = doc[section].trim();
        const table = section === 'results' && doc.indicators.length > 0;
        return (
          <section key={section} className="story-section">
            {text || table ? <h3>{SECTION_TITLES[section]}</h3> : null}
            {text ? <MarkdownPreview text={text} label={SECTION_TITLES[section]} /> : null}
            {comments?.(section)}
            {table ? (
              <ScrollBox>
                <table className="list indicators-table">
                  <caption>{t('caseStudies.indicators.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('caseStudies.indicators.name')}</th>
                      <th scope="col">{t('caseStudies.indicators.before')}</th>
                      <th scope="col">{t('caseStudies.indicators.after')}</th>
                      <th scope="col">{t('caseStudies.indicators.unit')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {doc.indicators.map((i) => (
                      <tr key={i.id}>
                        <td>{i.name}</td>
                        <td>{i.before}</td>
                        <td>{i.after}</td>
                        <td>{i.unit}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            ) : null}
            {section === 'results' ? comments?.('indicators') : null}
          </section>
        );
      })}
      {quotes.length > 0 ? (
        <section className="story-section">
          <h3>{t('caseStudies.quotes.title')}</h3>
          {quotes.map((q) => (
            <blockquote key={q.id} className="story-quote">
              <p>{q.text}</p>
              {q.who || q.role ? <footer>— {[q.who, q.role].filter(Boolean).join(', ')}</footer> : null}
            </blockquote>
          ))}
        </section>
      ) : null}
      {comments?.('quotes')}
      {Object.keys(doc.photos).length > 0 ? (
        <section className="story-section story-photos">
          <h3>{t('caseStudies.photos.title')}</h3>
          {orderedPhotos(doc).map(([name, meta]) => (
            <StoryPhoto key={name} store={store} source={source} id={doc._id} name={name} meta={meta} />
          ))}
        </section>
      ) : null}
      {comments?.('photos')}
    </article>
  );
}
