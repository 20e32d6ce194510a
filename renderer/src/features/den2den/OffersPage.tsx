/**
 * Offers: what other institutes publish (from the library; on the secretariat's computer, from
 * every institute), with "Ask for this"; and this institute's own offers — written from scratch
 * or from its assessment's offers — published or withdrawn. A published offer reaches the
 * others through the library, which the secretariat's computer writes (shared/sync/relay.ts).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError, invalidProps } from '../../app/FieldError';
import { useNavigate } from 'react-router';
import { OFFER_KIND_LABELS, OFFER_KINDS } from '@shared/den2den/kinds';
import { offersFromAnswers, type AnsweredOffer } from '@shared/den2den/offers';
import { OFFER_SCHEMA_VERSION, type OfferDoc } from '@shared/docs/offer/schema';
import { offerId } from '@shared/ids';
import { saveDoc } from '../../data/funding';
import type { OfferRow } from '../../data/events-projector';
import { useResponseRows } from '../../data/hooks';
import { areaName } from '../dashboard/dashboard-data';
import { offerFormSchema, type OfferForm } from './den2den.form';
import { useDen2Den } from './use-den2den';
import { ChoiceOptions } from '../../app/options';
import { AreaOptions } from '../dashboard/AreaOptions';
import { useSaving } from '../../app/use-saving';
import { FormActions } from '../../app/FormActions';

export function OffersPage() {
  const { t } = useTranslation('events');
  const data = useDen2Den();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<OfferRow | AnsweredOffer | 'new'>();
  const suggestions = useAssessmentOffers();
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const own = data.offers.filter((o) => o.org === data.author.org);
  const others = data.offers.filter((o) => o.org !== data.author.org && o.status === 'published');
  const fresh = suggestions.filter((s) => !own.some((o) => o.fromAnswer === s.ref));
  return (
    <>
      <section aria-labelledby="others-offers-title">
        <h2 id="others-offers-title">{t('offers.others')}</h2>
        {others.length === 0 ? <p>{t('offers.noneOthers')}</p> : null}
        <ul className="plain-list">
          {others.map((o) => (
            <li key={o.id} className="card" data-testid="offer">
              <h3>{o.title}</h3>
              <p className="hint">
                {[data.institutes.get(o.org).name, OFFER_KIND_LABELS[o.kind], o.area ? areaName(o.area) : '']
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {o.description ? <p>{o.description}</p> : null}
              <p>
                {t('offers.contact')}: {o.contact}
              </p>
              <button
                type="button"
                className="secondary"
                onClick={() => void navigate(`/den2den/requests/new?offer=${encodeURIComponent(o.id)}`)}
              >
                {t('offers.ask')}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="own-offers-title">
        <h2 id="own-offers-title">{t('offers.own')}</h2>
        <p className="hint">{t('offers.ownIntro')}</p>
        {editing ? (
          <OfferEditor
            key={editing === 'new' ? 'new' : 'ref' in editing ? editing.ref : editing.id}
            start={editing === 'new' ? undefined : editing}
            onDone={() => setEditing(undefined)}
          />
        ) : (
          <button type="button" onClick={() => setEditing('new')}>
            {t('offers.add')}
          </button>
        )}
        {fresh.length > 0 && !editing ? (
          <div className="suggestions">
            <p>{t('offers.fromAssessment')}</p>
            <ul>
              {fresh.map((s) => (
                <li key={s.ref}>
                  {OFFER_KIND_LABELS[s.kind]}
                  {s.area ? ` · ${areaName(s.area)}` : ''}
                  {s.description ? ` — ${s.description}` : ''}{' '}
                  <button type="button" className="secondary" onClick={() => setEditing(s)}>
                    {t('offers.useThis')}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {own.length === 0 ? (
          <p>{t('offers.noneOwn')}</p>
        ) : (
          <table className="list" data-testid="own-offers">
            <thead>
              <tr>
                <th scope="col">{t('offers.what')}</th>
                <th scope="col">{t('offers.kind')}</th>
                <th scope="col">{t('offers.area')}</th>
                <th scope="col">{t('offers.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('offers.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {own.map((o) => (
                <tr key={o.id}>
                  <td>{o.title}</td>
                  <td>{OFFER_KIND_LABELS[o.kind]}</td>
                  <td>{o.area ? areaName(o.area) : t('none')}</td>
                  <td>{t(`offerStatus.${o.status}`)}</td>
                  <td>
                    <button type="button" className="secondary" onClick={() => setEditing(o)}>
                      {t('offers.edit')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

/** The offers of this institute's latest assessment that uses the `offer` repeat. */
function useAssessmentOffers(): AnsweredOffer[] {
  const data = useDen2Den();
  const rows = useResponseRows();
  const [offers, setOffers] = useState<AnsweredOffer[]>([]);
  const latest = (rows ?? [])
    .filter((r) => r.org === data.author.org && r.templateId === 'dec_capacity_needs')
    .sort((a, b) => b.cycle - a.cycle)[0]?.id;
  useEffect(() => {
    if (!latest) return;
    let live = true;
    void data.workspace.repository
      .getResponse(latest)
      .then((doc) => live && setOffers(doc ? offersFromAnswers(doc) : []));
    return () => {
      live = false;
    };
  }, [latest, data.workspace.repository]);
  return latest ? offers : [];
}

function OfferEditor({ start, onDone }: { start: OfferRow | AnsweredOffer | undefined; onDone: () => void }) {
  const { t } = useTranslation('events');
  const { workspace, author } = useDen2Den();
  const existing = start && 'id' in start ? start : undefined;
  const answered = start && 'ref' in start ? start : undefined;
  const { error, saving } = useSaving();
  const { register, handleSubmit, formState } = useForm<OfferForm>({
    resolver: zodResolver(offerFormSchema),
    defaultValues: {
      kind: start?.kind ?? 'calibration',
      area: start?.area ?? '',
      title: existing?.title ?? '',
      description: existing?.description ?? answered?.description ?? '',
      contact: existing?.contact ?? '',
      publish: existing ? existing.status === 'published' : true,
    },
  });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const now = new Date().toISOString();
      const fields = {
        kind: form.kind,
        area: form.area,
        title: form.title.trim(),
        description: form.description,
        contact: form.contact.trim(),
        status: form.publish ? 'published' : existing ? 'withdrawn' : 'draft',
      } satisfies Partial<OfferDoc>;
      const doc: OfferDoc = existing ?? {
        _id: offerId(author.org, crypto.randomUUID().slice(0, 8)),
        type: 'offer',
        schemaVersion: OFFER_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        fromAnswer: answered?.ref ?? '',
        ...fields,
      };
      await saveDoc(workspace.repository, doc, fields, now, author.user);
      onDone();
    }),
  );
  const err = formState.errors;
  return (
    <form className="edit" noValidate aria-labelledby="offer-form-title" onSubmit={(e) => void submit(e)}>
      <h3 id="offer-form-title">{existing ? t('offers.editTitle') : t('offers.add')}</h3>
      <div className="row">
        <div className="field">
          <label htmlFor="offer-kind">{t('offers.kind')}</label>
          <select id="offer-kind" {...register('kind')}>
            <ChoiceOptions values={OFFER_KINDS} labels={OFFER_KIND_LABELS} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="offer-area">{t('offers.area')}</label>
          <select id="offer-area" {...register('area')}>
            <option value="">{t('none')}</option>
            <AreaOptions />
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="offer-title">{t('offers.what')}</label>
        <input id="offer-title" {...invalidProps('offer-title', err.title?.message)} {...register('title')} />
        <FieldError id="offer-title" message={err.title?.message} />
      </div>
      <div className="field">
        <label htmlFor="offer-description">{t('offers.description')}</label>
        <textarea id="offer-description" rows={3} {...register('description')} />
      </div>
      <div className="field">
        <label htmlFor="offer-contact">{t('offers.contact')}</label>
        <input
          id="offer-contact"
          {...invalidProps('offer-contact', err.contact?.message)}
          {...register('contact')}
        />
        <FieldError id="offer-contact" message={err.contact?.message} />
      </div>
      <label className="choice">
        <input type="checkbox" {...register('publish')} /> {t('offers.publish')}
      </label>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={onDone} error={error} />
    </form>
  );
}
