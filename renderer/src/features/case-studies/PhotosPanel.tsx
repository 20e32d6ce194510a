/**
 * The story's photos while it is edited: added from disk or pasted, resized and
 * re-encoded here before they are stored (./resize-photo.ts), with caption and credit,
 * and what the story will cost to sync. A file that is not a photo, too large, or cannot
 * be decoded is refused with the reason and nothing is stored; a photo that would take
 * the story over the size limit is added only when the person says so.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAddPhoto, PHOTO_LIMITS, storySize } from '@shared/case-studies/photos';
import { orderedPhotos } from '@shared/case-studies/export';
import { textBytesOf } from '@shared/case-studies/search';
import type { CaseStudyActor } from '@shared/case-studies/workflow';
import type { CaseStudyDoc, PhotoMeta } from '@shared/docs/casestudy/schema';
import { toErrorData } from '@shared/errors';
import type { CaseStudyStore } from '../../data/case-studies';
import { formatBytes } from './format';
import { preparePhoto, type PreparedPhoto } from './resize-photo';
import { usePhotoUrl } from './use-photo-url';
import { useUndoStore } from '../../app/undo-store';

const SAVE_DELAY_MS = 300;

function PhotoItem({
  doc,
  name,
  meta,
  store,
  actor,
  onChange,
  onRemove,
  index,
}: {
  doc: CaseStudyDoc;
  name: string;
  meta: PhotoMeta;
  store: CaseStudyStore;
  actor: CaseStudyActor;
  onChange: (doc: CaseStudyDoc) => void;
  onRemove: (name: string) => void;
  index: number;
}) {
  const { t } = useTranslation();
  const { url } = usePhotoUrl(store, 'org', doc._id, name);
  const [caption, setCaption] = useState(meta.caption);
  const [credit, setCredit] = useState(meta.credit);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pending = useRef<{ caption?: string; credit?: string }>({});

  const saving = useRef<Promise<void>>(Promise.resolve());

  /** Saves what is pending; resolves once every save so far has finished. */
  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    const change = pending.current;
    pending.current = {};
    if (Object.keys(change).length === 0) return saving.current;
    saving.current = saving.current.then(() =>
      store.updatePhoto(doc._id, name, change, actor).then(
        (next) => {
          setProblem(undefined);
          onChange(next);
        },
        (error: unknown) => {
          pending.current = { ...change, ...pending.current };
          setProblem(toErrorData(error).message);
        },
      ),
    );
    return saving.current;
  }, [store, doc._id, name, actor, onChange]);

  useEffect(() => () => void flush(), [flush]);

  const edit = (change: { caption?: string; credit?: string }) => {
    pending.current = { ...pending.current, ...change };
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  };

  const id = `photo-${index}`;
  return (
    <li className="photo-item" data-testid="photo-item">
      <div className="photo-thumb">
        {url ? <img src={url} alt={caption || t('caseStudies.photos.noCaption')} /> : null}
      </div>
      <div className="photo-fields">
        <div className="field">
          <label htmlFor={`${id}-caption`}>{t('caseStudies.photos.caption', { n: index + 1 })}</label>
          <input
            id={`${id}-caption`}
            value={caption}
            maxLength={500}
            onChange={(e) => {
              setCaption(e.target.value);
              edit({ caption: e.target.value });
            }}
            onBlur={() => void flush()}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-credit`}>{t('caseStudies.photos.credit', { n: index + 1 })}</label>
          <input
            id={`${id}-credit`}
            value={credit}
            maxLength={200}
            onChange={(e) => {
              setCredit(e.target.value);
              edit({ credit: e.target.value });
            }}
            onBlur={() => void flush()}
          />
        </div>
        <p className="hint" data-testid="photo-size">
          {t('caseStudies.photos.stored', {
            width: meta.width,
            height: meta.height,
            size: formatBytes(meta.bytes),
          })}
        </p>
        <button
          type="button"
          className="secondary"
          // The caption typed last is saved first, so that the undo brings it back too.
          onClick={() => void flush().then(() => onRemove(name))}
        >
          {t('caseStudies.photos.remove', { n: index + 1 })}
        </button>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </li>
  );
}

interface Pending {
  photo: PreparedPhoto;
  name: string;
  warning: string;
}

export function PhotosPanel({
  doc,
  store,
  actor,
  onChange,
  pasteTarget,
}: {
  doc: CaseStudyDoc;
  store: CaseStudyStore;
  actor: CaseStudyActor;
  onChange: (doc: CaseStudyDoc) => void;
  /** Images pasted anywhere in this element become photos. */
  pasteTarget?: HTMLElement | null;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<string | undefined>(undefined);
  const [refusals, setRefusals] = useState<string[]>([]);
  const [added, setAdded] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<Pending | undefined>(undefined);
  const queue = useRef<Pending[]>([]);
  const docRef = useRef(doc);
  useEffect(() => {
    docRef.current = doc;
  }, [doc]);

  const size = storySize(
    textBytesOf(doc),
    Object.values(doc.photos).map((p) => p.bytes),
  );

  const store1 = useCallback(
    async (item: Pending) => {
      const { doc: next } = await store.addPhoto(
        doc._id,
        {
          data: item.photo.blob,
          width: item.photo.width,
          height: item.photo.height,
          bytes: item.photo.bytes,
        },
        actor,
      );
      docRef.current = next;
      onChange(next);
      setAdded((list) => [
        ...list,
        t('caseStudies.photos.addedOne', {
          name: item.name,
          from: formatBytes(item.photo.originalBytes),
          fromWidth: item.photo.originalWidth,
          fromHeight: item.photo.originalHeight,
          to: formatBytes(item.photo.bytes),
          width: item.photo.width,
          height: item.photo.height,
        }),
      ]);
    },
    [store, doc._id, actor, onChange, t],
  );

  /** Stores prepared photos in turn, stopping to ask when one takes the story over the limit. */
  const drain = useCallback(async () => {
    while (queue.current.length > 0) {
      const item = queue.current[0];
      if (!item) break;
      const current = docRef.current;
      const check = checkAddPhoto(
        storySize(
          textBytesOf(current),
          Object.values(current.photos).map((p) => p.bytes),
        ),
        item.photo.bytes,
      );
      if (!check.ok) {
        queue.current.shift();
        setRefusals((r) => [...r, `${item.name}: ${check.reason}`]);
        continue;
      }
      if (check.warning && !item.warning) {
        setConfirming({ ...item, warning: check.warning });
        return;
      }
      queue.current.shift();
      try {
        await store1(item);
      } catch (error) {
        setRefusals((r) => [...r, `${item.name}: ${toErrorData(error).message}`]);
      }
    }
  }, [store1]);

  const addFiles = useCallback(
    async (files: readonly File[]) => {
      setRefusals([]);
      setAdded([]);
      const problems: string[] = [];
      for (const [i, file] of files.entries()) {
        const name = file.name || t('caseStudies.photos.pasted');
        setProgress(t('caseStudies.photos.preparing', { n: i + 1, total: files.length, name }));
        const result = await preparePhoto(file, file.name);
        if (result.ok) queue.current.push({ photo: result.photo, name, warning: '' });
        else problems.push(result.reason);
      }
      setProgress(undefined);
      setRefusals(problems);
      await drain();
    },
    [drain, t],
  );

  useEffect(() => {
    if (!pasteTarget) return;
    const onPaste = (event: ClipboardEvent) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return;
      event.preventDefault();
      void addFiles(files);
    };
    pasteTarget.addEventListener('paste', onPaste);
    return () => pasteTarget.removeEventListener('paste', onPaste);
  }, [pasteTarget, addFiles]);

  const offerUndo = useUndoStore((s) => s.offerUndo);
  const remove = async (name: string) => {
    try {
      // Kept for the undo: the photo's bytes and what was said of it, as stored now.
      const meta = (await store.get(doc._id))?.photos[name];
      const bytes = await store.photo('org', doc._id, name);
      onChange(await store.removePhoto(doc._id, name, actor));
      if (meta) {
        offerUndo(t('caseStudies.photos.removed', { caption: meta.caption || name }), async () =>
          onChange(await store.restorePhoto(doc._id, name, meta, bytes, actor)),
        );
      }
    } catch (error) {
      setRefusals([toErrorData(error).message]);
    }
  };

  const photos = orderedPhotos(doc);
  return (
    <section className="photos-panel" aria-labelledby="photos-title">
      <h3 id="photos-title">{t('caseStudies.photos.title')}</h3>
      <p className="hint">
        {t('caseStudies.photos.explain', {
          side: PHOTO_LIMITS.maxSide,
          target: formatBytes(PHOTO_LIMITS.targetBytes),
        })}
      </p>
      <div className="actions">
        <label className="button-like">
          {t('caseStudies.photos.add')}
          <input
            type="file"
            accept="image/*"
            multiple
            className="visually-hidden"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              if (files.length > 0) void addFiles(files);
            }}
          />
        </label>
        <span className="hint">{t('caseStudies.photos.pasteHint')}</span>
      </div>
      {progress ? (
        <p role="status" data-testid="photo-progress">
          {progress}
        </p>
      ) : null}
      {added.length > 0 ? (
        <p role="status" className="ok" data-testid="photo-added">
          {t('caseStudies.photos.added', { count: added.length, list: added.join('; ') })}
        </p>
      ) : null}
      {refusals.length > 0 ? (
        <div role="alert" className="error" data-testid="photo-refused">
          <p>{t('caseStudies.photos.refused', { count: refusals.length })}</p>
          <ul>
            {refusals.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirming ? (
        <div
          className="notice"
          role="alertdialog"
          aria-labelledby="photo-warning"
          data-testid="photo-warning"
        >
          <p id="photo-warning">{confirming.warning}</p>
          <div className="actions">
            <button
              type="button"
              // The question needs an answer before anything else is stored: it takes the focus.
              autoFocus
              onClick={() => {
                const first = queue.current[0];
                if (first) queue.current[0] = { ...first, warning: confirming.warning };
                setConfirming(undefined);
                void drain();
              }}
            >
              {t('caseStudies.photos.addAnyway')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                queue.current.shift();
                setConfirming(undefined);
                void drain();
              }}
            >
              {t('caseStudies.photos.dontAdd')}
            </button>
          </div>
        </div>
      ) : null}
      {photos.length > 0 ? (
        <ol className="photo-list">
          {photos.map(([name, meta], index) => (
            <PhotoItem
              key={name}
              doc={doc}
              name={name}
              meta={meta}
              index={index}
              store={store}
              actor={actor}
              onChange={onChange}
              onRemove={(name) => void remove(name)}
            />
          ))}
        </ol>
      ) : (
        <p className="hint">{t('caseStudies.photos.none')}</p>
      )}
      <p className={size.overLimit ? 'sync-cost over' : 'sync-cost'} data-testid="sync-cost">
        {t('caseStudies.photos.syncCost', {
          total: formatBytes(size.total),
          text: formatBytes(size.textBytes),
          count: size.photoCount,
          photos: formatBytes(size.photoBytes),
          seconds: size.secondsAtSlowLink,
        })}
        {size.overLimit
          ? ` ${t('caseStudies.photos.overLimit', { limit: formatBytes(PHOTO_LIMITS.storyWarnBytes) })}`
          : ''}
      </p>
    </section>
  );
}
