/**
 * The support ledger (DEC plan LA1-WP3, LA5-WP4): each support the institute received or asked
 * for, recorded in its own database. On the secretariat's computer, every institute's entries
 * (read only here: an institute keeps its own ledger).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { SUPPORT_SCHEMA_VERSION, type SupportDoc } from '@shared/docs/support/schema';
import { SUPPORT_KIND_LABELS, SUPPORT_KINDS, SUPPORT_STATUSES } from '@shared/funding/kinds';
import { funderName } from '@shared/funding/views';
import { supportId } from '@shared/ids';
import { saveDoc } from '../../data/funding';
import type { SupportRow } from '../../data/funding-projector';
import {
  funderChoice,
  numberOrNull,
  OTHER_FUNDER,
  parseFunderChoice,
  supportFormSchema,
  type SupportForm,
} from './funding.form';
import { useFunding } from './use-funding';
import { ChoiceOptions } from '../../app/options';
import { AreaOptions } from '../dashboard/AreaOptions';
import { ProgrammeOptions } from './ProgrammeOptions';
import { FormActions } from '../../app/FormActions';
import { useSaving } from '../../app/use-saving';
import { fmt } from '../../app/format';

export function LedgerPage() {
  const { t } = useTranslation('funding');
  const data = useFunding();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [editing, setEditing] = useState<SupportRow | 'new'>();
  // Opened from the assessment's "support received": the entry to edit (or a new one), and the
  // way back to the assessment once it is saved.
  const back = params.get('back') ?? '';
  const backTo = back.startsWith('/questionnaires/') ? back : undefined;
  const asked = params.get('edit');
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const own = data.supports.filter((s) => s.org === data.author.org);
  const shown = data.isSecretariat ? data.supports : own;
  const current =
    editing ?? (params.get('add') ? 'new' : asked ? own.find((s) => s.id === asked) : undefined);
  const done = () => {
    setEditing(undefined);
    if (backTo) void navigate(backTo);
    else if (asked || params.get('add')) void navigate('/funding/ledger', { replace: true });
  };
  return (
    <section aria-labelledby="ledger-title">
      <h2 id="ledger-title">{t('ledger.title')}</h2>
      {backTo ? (
        <p>
          <Link to={backTo}>{t('assessment.back')}</Link>
        </p>
      ) : null}
      <p className="hint">{t('ledger.intro')}</p>
      {current ? (
        <SupportEditor
          key={current === 'new' ? 'new' : current.id}
          entry={current === 'new' ? undefined : current}
          onDone={done}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          {t('ledger.add')}
        </button>
      )}
      {shown.length === 0 ? (
        <p>{t('ledger.empty')}</p>
      ) : (
        <table className="list" data-testid="ledger">
          <thead>
            <tr>
              {data.isSecretariat ? <th scope="col">{t('ledger.institute')}</th> : null}
              <th scope="col">{t('ledger.funder')}</th>
              <th scope="col">{t('ledger.kind')}</th>
              <th scope="col">{t('ledger.area')}</th>
              <th scope="col">{t('ledger.start')}</th>
              <th scope="col">{t('ledger.end')}</th>
              <th scope="col">{t('ledger.amount')}</th>
              <th scope="col">{t('ledger.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('ledger.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s) => (
              <tr key={s.id}>
                {data.isSecretariat ? <td>{data.institutes.get(s.org).name}</td> : null}
                <td>
                  {funderName(s, data.funders)}
                  {s.fromAnswer ? <span className="hint"> ({t('ledger.fromAnswer')})</span> : null}
                </td>
                <td>{SUPPORT_KIND_LABELS[s.kind]}</td>
                <td>{s.area || t('none')}</td>
                <td>{s.start ? fmt.date(s.start) : t('none')}</td>
                <td>{s.end ? fmt.date(s.end) : t('none')}</td>
                <td className="number">
                  {typeof s.amount === 'number' ? `${fmt.number(s.amount)} ${s.currency}` : t('none')}
                </td>
                <td>{t(`status.${s.status}`)}</td>
                <td>
                  {s.org === data.author.org ? (
                    <button type="button" className="secondary small" onClick={() => setEditing(s)}>
                      {t('ledger.edit')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function SupportEditor({ entry, onDone }: { entry: SupportRow | undefined; onDone: () => void }) {
  const { t } = useTranslation('funding');
  const { workspace, author, funders, institutes, needs } = useFunding();
  const { error, saving } = useSaving();
  const ownNeeds = needs.filter((n) => n.org === author.org);
  const { register, handleSubmit, formState, control } = useForm<SupportForm>({
    resolver: zodResolver(supportFormSchema),
    defaultValues: {
      funder: entry ? (entry.funderId ? funderChoice(entry.funderId, entry.programmeId) : OTHER_FUNDER) : '',
      funderText: entry?.funderText ?? '',
      provider: entry?.provider ?? '',
      kind: entry?.kind ?? 'training',
      amount: typeof entry?.amount === 'number' ? String(entry.amount) : '',
      currency: entry?.currency ?? '',
      start: entry?.start ?? '',
      end: entry?.end ?? '',
      area: entry?.area ?? '',
      needs: entry?.needs ?? [],
      status: entry?.status ?? 'requested',
      results: entry?.results ?? '',
    },
  });
  const funder = useWatch({ control, name: 'funder' });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const now = new Date().toISOString();
      const { funderId, programmeId } = parseFunderChoice(form.funder);
      const fields = {
        funderId,
        programmeId,
        funderText: funderId ? '' : form.funderText.trim(),
        provider: form.provider,
        kind: form.kind,
        amount: numberOrNull(form.amount),
        currency: form.currency.trim().toUpperCase(),
        start: form.start,
        end: form.end,
        area: form.area,
        needs: form.needs,
        status: form.status,
        results: form.results,
      };
      const doc: SupportDoc = entry ?? {
        _id: supportId(author.org, crypto.randomUUID().slice(0, 8)),
        type: 'support',
        schemaVersion: SUPPORT_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        ...fields,
        fromAnswer: '',
      };
      await saveDoc(workspace.repository, doc, fields, now, author.user);
      onDone();
    }),
  );
  const err = formState.errors;
  return (
    <form className="edit" onSubmit={(e) => void submit(e)} noValidate aria-label={t('ledger.add')}>
      <div className="field">
        <label htmlFor="support-funder">{t('ledger.funder')}</label>
        <select id="support-funder" {...register('funder')}>
          <ProgrammeOptions funders={funders} />
          <option value={OTHER_FUNDER}>{t('ledger.funderOther')}</option>
        </select>
      </div>
      {funder === OTHER_FUNDER || funder === '' ? (
        <div className="field">
          <label htmlFor="support-funder-text">{t('ledger.funderText')}</label>
          <input
            id="support-funder-text"
            aria-invalid={Boolean(err.funderText)}
            {...register('funderText')}
          />
          {err.funderText ? <p className="field-error">{err.funderText.message}</p> : null}
        </div>
      ) : null}
      <div className="row">
        <div className="field">
          <label htmlFor="support-kind">{t('ledger.kind')}</label>
          <select id="support-kind" {...register('kind')}>
            <ChoiceOptions values={SUPPORT_KINDS} labels={SUPPORT_KIND_LABELS} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="support-provider">{t('ledger.provider')}</label>
          <select id="support-provider" {...register('provider')}>
            <option value="">{t('ledger.providerNone')}</option>
            {institutes.list
              .filter((i) => i.org !== author.org)
              .map((i) => (
                <option key={i.org} value={i.org}>
                  {i.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="support-area">{t('ledger.area')}</label>
          <select id="support-area" {...register('area')}>
            <option value="">—</option>
            <AreaOptions />
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="support-amount">{t('ledger.amount')}</label>
          <input
            id="support-amount"
            inputMode="decimal"
            aria-invalid={Boolean(err.amount)}
            {...register('amount')}
          />
          {err.amount ? <p className="field-error">{err.amount.message}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="support-currency">{t('ledger.currency')}</label>
          <input id="support-currency" aria-invalid={Boolean(err.currency)} {...register('currency')} />
          {err.currency ? <p className="field-error">{err.currency.message}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="support-start">{t('ledger.start')}</label>
          <input id="support-start" type="date" {...register('start')} />
        </div>
        <div className="field">
          <label htmlFor="support-end">{t('ledger.end')}</label>
          <input id="support-end" type="date" aria-invalid={Boolean(err.end)} {...register('end')} />
          {err.end ? <p className="field-error">{err.end.message}</p> : null}
        </div>
      </div>
      <fieldset>
        <legend>{t('ledger.needs')}</legend>
        {ownNeeds.length === 0 ? <p className="hint">{t('ledger.noNeeds')}</p> : null}
        <div className="checks">
          {ownNeeds.map((n) => (
            <label key={n.ref} className="choice">
              <input type="checkbox" value={n.ref} {...register('needs')} /> {n.area} · {n.type}
              {n.priority ? ` (priority ${n.priority})` : ''}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor="support-status">{t('ledger.status')}</label>
          <select id="support-status" {...register('status')}>
            <ChoiceOptions values={SUPPORT_STATUSES} labels={(s) => t(`status.${s}`)} />
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor="support-results">{t('ledger.results')}</label>
        <textarea id="support-results" rows={2} {...register('results')} />
      </div>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={onDone} error={error} />
    </form>
  );
}
