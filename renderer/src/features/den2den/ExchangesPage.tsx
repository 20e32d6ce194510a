/**
 * Requests and exchanges. An institute sees the exchanges it takes part in — the requests it
 * made and those made of it — with what it may do next (accept, decline or propose; agree or
 * withdraw; record the outcome). Each step is written to its own part; the other institute
 * sees it after the secretariat's computer has copied it across and both have synced. The
 * secretariat's computer holds both parts of every exchange and shows them all.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError, invalidProps } from '../../app/FieldError';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { exchangeActions, type ExchangeAction, type ExchangeView } from '@shared/den2den/exchange';
import { OFFER_KIND_LABELS, OFFER_KINDS, OUTCOME_RESULTS, offerKindOfNeed } from '@shared/den2den/kinds';
import type { ExchangeOutcome } from '@shared/docs/exchange/schema';
import { toErrorData } from '@shared/errors';
import { answerRequest, makeRequest, recordOutcome, setRequestState } from '../../data/den2den';
import { areaName } from '../dashboard/dashboard-data';
import { Panel } from '../dashboard/Panel';
import { localToday } from '../funding/use-funding';
import {
  answerFormSchema,
  outcomeFormSchema,
  requestFormSchema,
  type AnswerForm,
  type OutcomeForm,
  type RequestForm,
} from './den2den.form';
import { useDen2Den } from './use-den2den';
import { ChoiceOptions } from '../../app/options';
import { AreaOptions } from '../dashboard/AreaOptions';
import { useSaving } from '../../app/use-saving';
import { fmt } from '../../app/format';
import { FormActions } from '../../app/FormActions';

export function ExchangesPage() {
  return (
    <Routes>
      <Route index element={<ExchangeList />} />
      <Route path="new" element={<RequestEditor />} />
    </Routes>
  );
}

function ExchangeList() {
  const { t } = useTranslation('events');
  const data = useDen2Den();
  const navigate = useNavigate();
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const name = (org: string) => data.institutes.get(org).name;
  const toMe = data.views.filter((v) => v.provider === data.author.org);
  const byMe = data.views.filter((v) => v.requester === data.author.org);
  return (
    <>
      <button type="button" onClick={() => void navigate('new')}>
        {t('requests.add')}
      </button>
      <p className="hint">{t('requests.travel')}</p>
      {data.isSecretariat ? (
        <Panel
          id="exchanges-all"
          table={{
            title: t('requests.all'),
            subtitle: t('requests.allSubtitle', { day: localToday() }),
            columns: [
              t('requests.col.requester'),
              t('requests.col.provider'),
              t('requests.col.kind'),
              t('requests.col.what'),
              t('requests.col.state'),
              t('requests.col.updated'),
            ],
            rows: data.views.map((v) => [
              name(v.requester),
              name(v.provider),
              v.request ? OFFER_KIND_LABELS[v.request.kind] : null,
              v.request?.title ?? null,
              t(`state.${v.state}`),
              v.updatedAt.slice(0, 10),
            ]),
          }}
          note={
            <p className="hint" data-testid="exchange-counts">
              {(['requested', 'proposed', 'accepted', 'completed', 'declined', 'withdrawn'] as const)
                .map((s) => `${t(`state.${s}`)}: ${data.views.filter((v) => v.state === s).length}`)
                .join(' · ')}
            </p>
          }
        />
      ) : null}
      <section aria-labelledby="to-me-title">
        <h2 id="to-me-title">{t('requests.toMe')}</h2>
        {toMe.length === 0 ? <p>{t('requests.noneToMe')}</p> : null}
        {toMe.map((v) => (
          <ExchangeCard key={v.xid} view={v} />
        ))}
      </section>
      <section aria-labelledby="by-me-title">
        <h2 id="by-me-title">{t('requests.byMe')}</h2>
        {byMe.length === 0 ? <p>{t('requests.noneByMe')}</p> : null}
        {byMe.map((v) => (
          <ExchangeCard key={v.xid} view={v} />
        ))}
      </section>
    </>
  );
}

function ExchangeCard({ view }: { view: ExchangeView }) {
  const { t } = useTranslation('events');
  const data = useDen2Den();
  const [action, setAction] = useState<ExchangeAction>();
  const [message, setMessage] = useState<string>();
  const name = (org: string) => data.institutes.get(org).name;
  const outcomeText = (outcome: ExchangeOutcome | null) =>
    outcome
      ? `${t(`outcome.${outcome.result}`)}${outcome.on ? ` (${fmt.date(outcome.on)})` : ''}: ${outcome.summary}`
      : t('requests.noOutcome');
  const actions = exchangeActions(view, data.author.org);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setMessage(undefined);
    try {
      await work();
      setAction(undefined);
      setMessage(done);
    } catch (error) {
      setMessage(toErrorData(error).message);
    }
  };
  const { repository } = data.workspace;
  return (
    <article className="card exchange" data-testid="exchange" aria-labelledby={`x-${view.xid}`}>
      <h3 id={`x-${view.xid}`}>{view.request?.title ?? t('requests.untitled')}</h3>
      <p className="hint">
        {t('requests.between', { requester: name(view.requester), provider: name(view.provider) })}
        {view.request
          ? ` · ${OFFER_KIND_LABELS[view.request.kind]}${view.request.area ? ` · ${areaName(view.request.area)}` : ''}`
          : ''}
      </p>
      <p>
        <strong data-testid="exchange-state">{t(`state.${view.state}`)}</strong>
        {view.answerNote ? ` — ${view.answerNote}` : ''}
      </p>
      {view.request?.message ? <p>{view.request.message}</p> : null}
      {view.request?.wanted ? (
        <p className="hint">
          {t('requests.wanted')}: {view.request.wanted}
        </p>
      ) : null}
      {view.state === 'accepted' || view.state === 'completed' ? (
        <dl className="facts">
          <dt>{t('requests.outcomeOf', { who: name(view.requester) })}</dt>
          <dd data-testid="requester-outcome">{outcomeText(view.requesterOutcome)}</dd>
          <dt>{t('requests.outcomeOf', { who: name(view.provider) })}</dt>
          <dd data-testid="provider-outcome">{outcomeText(view.providerOutcome)}</dd>
        </dl>
      ) : null}
      {actions.length > 0 && !action ? (
        <div className="actions">
          {actions.map((a) =>
            a === 'agree' || a === 'withdraw' ? (
              <button
                key={a}
                type="button"
                className={a === 'withdraw' ? 'secondary' : undefined}
                onClick={() =>
                  void act(
                    () =>
                      setRequestState(repository, data.author, view, a === 'agree' ? 'agreed' : 'withdrawn'),
                    t(`requests.done.${a}`),
                  )
                }
              >
                {t(`requests.action.${a}`)}
              </button>
            ) : (
              <button
                key={a}
                type="button"
                className={a === 'decline' ? 'secondary' : undefined}
                onClick={() => setAction(a)}
              >
                {t(`requests.action.${a}`)}
              </button>
            ),
          )}
        </div>
      ) : null}
      {action === 'accept' || action === 'decline' || action === 'propose' ? (
        <AnswerEditor
          answer={action === 'accept' ? 'accepted' : action === 'decline' ? 'declined' : 'proposed'}
          onCancel={() => setAction(undefined)}
          onSave={(form) =>
            void act(
              () => answerRequest(repository, data.author, view, form.answer, form.note),
              t(`requests.done.${action}`),
            )
          }
        />
      ) : null}
      {action === 'outcome' ? (
        <OutcomeEditor
          view={view}
          onCancel={() => setAction(undefined)}
          onSave={(form) =>
            void act(() => recordOutcome(repository, data.author, view, form), t('requests.done.outcome'))
          }
        />
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </article>
  );
}

function AnswerEditor({
  answer,
  onSave,
  onCancel,
}: {
  answer: AnswerForm['answer'];
  onSave: (form: AnswerForm) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('events');
  const { register, handleSubmit, formState } = useForm<AnswerForm>({
    resolver: zodResolver(answerFormSchema),
    defaultValues: { answer, note: '' },
  });
  const err = formState.errors;
  return (
    <form
      className="edit"
      noValidate
      onSubmit={(e) => void handleSubmit(onSave)(e)}
      aria-label={t(`requests.answer.${answer}`)}
    >
      <div className="field">
        <label htmlFor="answer-note">{t(`requests.note.${answer}`)}</label>
        <textarea
          id="answer-note"
          rows={2}
          {...invalidProps('answer-note', err.note?.message)}
          {...register('note')}
        />
        <FieldError id="answer-note" message={err.note?.message} />
      </div>
      <FormActions save={t(`requests.answer.${answer}`)} cancel={t('cancel')} onCancel={onCancel} />
    </form>
  );
}

function OutcomeEditor({
  view,
  onSave,
  onCancel,
}: {
  view: ExchangeView;
  onSave: (form: OutcomeForm) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('events');
  const data = useDen2Den();
  const mine = view.requester === data.author.org ? view.requesterOutcome : view.providerOutcome;
  const { register, handleSubmit, formState } = useForm<OutcomeForm>({
    resolver: zodResolver(outcomeFormSchema),
    defaultValues: {
      result: mine?.result ?? 'done',
      on: mine?.on ?? localToday(),
      summary: mine?.summary ?? '',
    },
  });
  const err = formState.errors;
  return (
    <form
      className="edit"
      noValidate
      onSubmit={(e) => void handleSubmit(onSave)(e)}
      aria-label={t('requests.action.outcome')}
    >
      <div className="row">
        <div className="field">
          <label htmlFor="outcome-result">{t('requests.result')}</label>
          <select id="outcome-result" {...register('result')}>
            <ChoiceOptions values={OUTCOME_RESULTS} labels={(r) => t(`outcome.${r}`)} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="outcome-on">{t('requests.on')}</label>
          <input
            id="outcome-on"
            type="date"
            {...invalidProps('outcome-on', err.on?.message)}
            {...register('on')}
          />
          <FieldError id="outcome-on" message={err.on?.message} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="outcome-summary">{t('requests.summary')}</label>
        <textarea
          id="outcome-summary"
          rows={2}
          {...invalidProps('outcome-summary', err.summary?.message)}
          {...register('summary')}
        />
        <FieldError id="outcome-summary" message={err.summary?.message} />
      </div>
      <FormActions save={t('requests.saveOutcome')} cancel={t('cancel')} onCancel={onCancel} />
    </form>
  );
}

function RequestEditor() {
  const { t } = useTranslation('events');
  const data = useDen2Den();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { error, saving } = useSaving();
  // Prefilled from an offer (Ask for this), or from a need and a provider (Who could help).
  const offer = data.offers.find((o) => o.id === params.get('offer'));
  const need =
    data.needs.find((n) => n.ref === params.get('need')) ??
    data.needs.find((n) => n.area === params.get('area') && n.type === params.get('type'));
  const provider = offer?.org ?? params.get('provider') ?? '';
  const { register, handleSubmit, formState } = useForm<RequestForm>({
    resolver: zodResolver(requestFormSchema),
    values: {
      provider,
      kind: offer?.kind ?? offerKindOfNeed(need?.type ?? params.get('type') ?? 'traceability'),
      area: offer?.area ?? need?.area ?? params.get('area') ?? '',
      title: offer?.title ?? '',
      message: '',
      wanted: '',
      needRef: need?.ref ?? '',
      offerId: offer?.id ?? '',
    },
  });
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const submit = handleSubmit((form) =>
    saving(async () => {
      await makeRequest(data.workspace.repository, data.author, form.provider, {
        kind: form.kind,
        area: form.area,
        title: form.title.trim(),
        message: form.message,
        wanted: form.wanted,
        needRef: form.needRef,
        offerId: form.offerId,
      });
      void navigate('/den2den/requests');
    }),
  );
  const err = formState.errors;
  return (
    <form className="edit" noValidate aria-labelledby="request-title" onSubmit={(e) => void submit(e)}>
      <h2 id="request-title">{t('requests.add')}</h2>
      {offer ? (
        <p className="hint">{t('requests.fromOffer', { institute: data.institutes.get(offer.org).name })}</p>
      ) : null}
      <div className="field">
        <label htmlFor="request-provider">{t('requests.provider')}</label>
        <select
          id="request-provider"
          {...invalidProps('request-provider', err.provider?.message)}
          {...register('provider')}
        >
          <option value="">—</option>
          {data.institutes.list
            .filter((i) => i.org !== data.author.org)
            .map((i) => (
              <option key={i.org} value={i.org}>
                {i.name}
              </option>
            ))}
        </select>
        <FieldError id="request-provider" message={err.provider?.message} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="request-kind">{t('offers.kind')}</label>
          <select id="request-kind" {...register('kind')}>
            <ChoiceOptions values={OFFER_KINDS} labels={OFFER_KIND_LABELS} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="request-area">{t('offers.area')}</label>
          <select id="request-area" {...register('area')}>
            <option value="">{t('none')}</option>
            <AreaOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="request-need">{t('requests.need')}</label>
          <select id="request-need" {...register('needRef')}>
            <option value="">{t('none')}</option>
            {data.needs.map((n) => (
              <option key={n.ref} value={n.ref}>
                {areaName(n.area)} · {n.type}
                {n.priority ? ` · ${t('requests.priority', { priority: n.priority })}` : ''}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="request-what">{t('requests.what')}</label>
        <input
          id="request-what"
          {...invalidProps('request-what', err.title?.message)}
          {...register('title')}
        />
        <FieldError id="request-what" message={err.title?.message} />
      </div>
      <div className="field">
        <label htmlFor="request-message">{t('requests.message')}</label>
        <textarea id="request-message" rows={3} {...register('message')} />
      </div>
      <div className="field">
        <label htmlFor="request-wanted">{t('requests.wanted')}</label>
        <input id="request-wanted" {...register('wanted')} />
      </div>
      <FormActions
        save={t('requests.send')}
        cancel={t('cancel')}
        onCancel={() => void navigate('/den2den/requests')}
        error={error}
      />
    </form>
  );
}
