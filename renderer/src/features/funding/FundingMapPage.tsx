/**
 * The funding map (DEC plan LA1-WP4): funders and their programmes with calls and deadlines,
 * who funds what by area, leverage area and kind of support, the support institutes recorded
 * by funder, economy and area, needs with no support, and possible duplication. The
 * secretariat adds funders and programmes here; institutes read them.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { leverageLabel } from '@shared/case-studies/leverage';
import {
  emptyProgramme,
  FUNDER_SCHEMA_VERSION,
  type FunderDoc,
  type Programme,
} from '@shared/docs/funder/schema';
import type { TableExport } from '@shared/excel/table-sheet';
import {
  FUNDER_KIND_LABELS,
  FUNDER_KINDS,
  SUPPORT_KIND_LABELS,
  type SupportKind,
} from '@shared/funding/kinds';
import {
  callsDueWithin,
  flowsBy,
  funderName,
  needsWithoutSupport,
  possibleDuplicates,
  programmesBy,
} from '@shared/funding/views';
import { funderId } from '@shared/ids';
import { saveDoc } from '../../data/funding';
import type { FunderRow } from '../../data/funding-projector';
import { areaName } from '../dashboard/dashboard-data';
import { Panel } from '../dashboard/Panel';
import { FunderEdit } from './FunderEdit';
import { ProgrammeChecks } from './ProgrammeChecks';
import { funderFormSchema, programmeFormSchema, type FunderForm, type ProgrammeForm } from './funding.form';
import { localToday, useFunding } from './use-funding';
import { ChoiceOptions } from '../../app/options';
import { FormActions } from '../../app/FormActions';
import { useSaving } from '../../app/use-saving';
import { fmt } from '../../app/format';

const newId = () => crypto.randomUUID().slice(0, 8);

export function FundingMapPage() {
  const { t } = useTranslation('funding');
  const data = useFunding();
  const [adding, setAdding] = useState(false);
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const today = localToday();
  const due = callsDueWithin(data.funders, today, 30);
  const byTable = (
    by: 'areas' | 'leverageAreas' | 'supportKinds',
    title: string,
    label: (k: string) => string,
  ): TableExport => ({
    title,
    columns: [t('map.col.key'), t('map.col.programmes')],
    rows: programmesBy(data.funders, by).map((r) => [
      label(r.key),
      r.programmes.map((p) => `${p.funder} — ${p.programme}`).join('; '),
    ]),
  });
  const amounts = (a: Record<string, number>) =>
    Object.entries(a)
      .map(([c, n]) => `${fmt.number(n)} ${c}`)
      .join('; ');
  const flows = (title: string, key: Parameters<typeof flowsBy>[1], column: string): TableExport => ({
    title,
    columns: [column, t('map.col.entries'), t('map.col.amounts')],
    rows: flowsBy(data.supports, key).map((r) => [r.key, r.entries, amounts(r.amounts)]),
  });
  const name = (org: string) => data.institutes.get(org).name;
  const unsupported = needsWithoutSupport(data.needs, data.supports);
  const twice = possibleDuplicates(data.supports);
  return (
    <>
      <section aria-labelledby="funders-title">
        <h2 id="funders-title">{t('map.funders')}</h2>
        {data.isSecretariat ? (
          adding ? (
            <FunderEditor onDone={() => setAdding(false)} />
          ) : (
            <button type="button" onClick={() => setAdding(true)}>
              {t('map.addFunder')}
            </button>
          )
        ) : (
          <p className="hint">{t('secretariatOnly')}</p>
        )}
        {data.funders.length === 0 ? <p>{t('map.noFunders')}</p> : null}
        {data.funders
          .slice()
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((funder) => (
            <FunderCard
              key={funder.id}
              funder={funder}
              today={today}
              due={due}
              editable={data.isSecretariat}
            />
          ))}
      </section>
      <Panel id="funds-by-area" table={byTable('areas', t('map.byArea'), (k) => `${areaName(k)} (${k})`)} />
      <Panel id="funds-by-leverage" table={byTable('leverageAreas', t('map.byLeverage'), leverageLabel)} />
      <Panel
        id="funds-by-kind"
        table={byTable('supportKinds', t('map.byKind'), (k) => SUPPORT_KIND_LABELS[k as SupportKind] ?? k)}
      />
      <Panel
        id="flows-funder"
        table={flows(t('map.flowsByFunder'), (e) => funderName(e, data.funders), t('map.col.funder'))}
      />
      <Panel
        id="flows-economy"
        table={flows(
          t('map.flowsByEconomy'),
          (e) => data.institutes.get(e.org).economy,
          t('map.col.economy'),
        )}
      />
      <Panel id="flows-area" table={flows(t('map.flowsByArea'), (e) => e.area, t('map.col.area'))} />
      <Panel
        id="unsupported"
        table={{
          title: t('map.unsupported'),
          columns: [t('map.col.institute'), t('map.col.area'), t('map.col.need'), t('map.col.priority')],
          rows: unsupported.map((n) => [
            name(n.org),
            `${areaName(n.area)} (${n.area})`,
            n.type,
            n.priority ?? null,
          ]),
        }}
      />
      <Panel
        id="duplicates"
        table={{
          title: t('map.duplicates'),
          columns: [t('map.col.institute'), t('map.col.need'), t('map.col.first'), t('map.col.second')],
          rows: twice.map((d) => [
            name(d.org),
            d.what,
            `${funderName(d.entries[0], data.funders)} (${fmt.date(d.entries[0].start)}–${fmt.date(d.entries[0].end)})`,
            `${funderName(d.entries[1], data.funders)} (${fmt.date(d.entries[1].start)}–${fmt.date(d.entries[1].end)})`,
          ]),
        }}
      />
    </>
  );
}

function FunderCard({
  funder,
  today,
  due,
  editable,
}: {
  funder: FunderRow;
  today: string;
  due: ReturnType<typeof callsDueWithin>;
  editable: boolean;
}) {
  const { t } = useTranslation('funding');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState(false);
  if (editing)
    return (
      <article className="card" data-testid={`funder-${funder.id}`} aria-labelledby={`${funder.id}-name`}>
        <h3 id={`${funder.id}-name`}>{t('edit.editing', { name: funder.name })}</h3>
        <FunderEdit funder={funder} onClose={() => setEditing(false)} />
      </article>
    );
  return (
    <article className="card" data-testid={`funder-${funder.id}`} aria-labelledby={`${funder.id}-name`}>
      <h3 id={`${funder.id}-name`}>
        {funder.name}
        {editable ? (
          <>
            {' '}
            <button
              type="button"
              className="secondary small"
              aria-label={t('edit.editFunder', { name: funder.name })}
              onClick={() => setEditing(true)}
            >
              {t('edit.edit')}
            </button>
          </>
        ) : null}
      </h3>
      <p className="hint">
        {FUNDER_KIND_LABELS[funder.kind]}
        {funder.website ? ` · ${funder.website}` : ''}
        {funder.contacts ? ` · ${funder.contacts}` : ''}
      </p>
      {Object.entries(funder.programmes).map(([id, p]) => (
        <div key={id} className="programme" data-testid="programme">
          <h4>{p.name}</h4>
          <p>
            {[
              p.areas.map(areaName).join(', '),
              p.leverageAreas.join(', '),
              p.supportKinds.map((k) => SUPPORT_KIND_LABELS[k]).join(', '),
              p.sdgs.length ? `SDG ${p.sdgs.join(', ')}` : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          {p.eligibility ? (
            <p>
              <strong>{t('map.eligibility')}:</strong> {p.eligibility}
            </p>
          ) : null}
          {p.howToApply ? (
            <p>
              <strong>{t('map.howToApply')}:</strong> {p.howToApply}
            </p>
          ) : null}
          <ul>
            {Object.entries(p.calls).map(([callId, call]) => {
              const soon = due.find(
                (d) => d.funderId === funder.id && d.programmeId === id && d.call === call.title,
              );
              return (
                <li key={callId} className={soon ? 'due-soon' : undefined}>
                  {call.title}: {call.deadline ? fmt.date(call.deadline) : t('none')}
                  {soon
                    ? ` — ${soon.days === 0 ? t('map.closesToday') : t('map.closesIn', { days: soon.days })}`
                    : ''}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
      {editable ? (
        adding ? (
          <ProgrammeEditor funder={funder} today={today} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="secondary" onClick={() => setAdding(true)}>
            {t('map.addProgramme')}
          </button>
        )
      ) : null}
    </article>
  );
}

function FunderEditor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('funding');
  const { workspace, author } = useFunding();
  const { error, saving } = useSaving();
  const { register, handleSubmit, formState } = useForm<FunderForm>({
    resolver: zodResolver(funderFormSchema),
    defaultValues: { name: '', kind: 'bilateral_nmi', website: '', contacts: '' },
  });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const now = new Date().toISOString();
      const doc: FunderDoc = {
        _id: funderId(newId()),
        type: 'funder',
        schemaVersion: FUNDER_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        ...form,
        programmes: {},
      };
      await saveDoc(workspace.libraryRepository, doc, {}, now, author.user);
      onDone();
    }),
  );
  const err = formState.errors;
  return (
    <form className="edit" onSubmit={(e) => void submit(e)} noValidate aria-label={t('map.addFunder')}>
      <div className="row">
        <div className="field">
          <label htmlFor="funder-name">{t('map.name')}</label>
          <input id="funder-name" aria-invalid={Boolean(err.name)} {...register('name')} />
          {err.name ? <p className="field-error">{err.name.message}</p> : null}
        </div>
        <div className="field">
          <label htmlFor="funder-kind">{t('map.kind')}</label>
          <select id="funder-kind" {...register('kind')}>
            <ChoiceOptions values={FUNDER_KINDS} labels={FUNDER_KIND_LABELS} />
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="funder-website">{t('map.website')}</label>
          <input id="funder-website" {...register('website')} />
        </div>
        <div className="field">
          <label htmlFor="funder-contacts">{t('map.contacts')}</label>
          <input id="funder-contacts" {...register('contacts')} />
        </div>
      </div>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={onDone} error={error} />
    </form>
  );
}

function ProgrammeEditor({
  funder,
  today,
  onDone,
}: {
  funder: FunderRow;
  today: string;
  onDone: () => void;
}) {
  const { t } = useTranslation('funding');
  const { workspace, author } = useFunding();
  const { error, saving } = useSaving();
  const { register, handleSubmit, formState } = useForm<ProgrammeForm>({
    resolver: zodResolver(programmeFormSchema),
    defaultValues: {
      name: '',
      areas: [],
      leverageAreas: [],
      supportKinds: [],
      sdgs: '',
      eligibility: '',
      howToApply: '',
      contacts: '',
      callTitle: '',
      deadline: '',
    },
  });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const id = newId();
      const calls: Programme['calls'] = form.callTitle.trim()
        ? { c1: { title: form.callTitle.trim(), deadline: form.deadline, url: '' } }
        : {};
      const programme: Programme = {
        ...emptyProgramme(form.name),
        areas: form.areas,
        leverageAreas: form.leverageAreas,
        supportKinds: form.supportKinds,
        sdgs: form.sdgs
          .split(/[,\s]+/)
          .filter(Boolean)
          .map(Number),
        eligibility: form.eligibility,
        howToApply: form.howToApply,
        contacts: form.contacts,
        calls,
      };
      const stored = (await workspace.libraryRepository.get(funder._id)) as FunderDoc | undefined;
      const now = new Date().toISOString();
      await saveDoc(
        workspace.libraryRepository,
        funder,
        { programmes: { ...(stored ?? funder).programmes, [id]: programme } },
        now,
        author.user,
      );
      onDone();
    }),
  );
  const err = formState.errors;
  const p = `programme-${funder.id}`;
  return (
    <form className="edit" onSubmit={(e) => void submit(e)} noValidate aria-label={t('map.addProgramme')}>
      <div className="field">
        <label htmlFor={`${p}-name`}>{t('map.programme')}</label>
        <input id={`${p}-name`} aria-invalid={Boolean(err.name)} {...register('name')} />
        {err.name ? <p className="field-error">{err.name.message}</p> : null}
      </div>
      <ProgrammeChecks checkbox={(field) => register(field)} />
      <div className="field">
        <label htmlFor={`${p}-sdgs`}>{t('map.sdgs')}</label>
        <input id={`${p}-sdgs`} aria-invalid={Boolean(err.sdgs)} {...register('sdgs')} />
        {err.sdgs ? <p className="field-error">{err.sdgs.message}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${p}-eligibility`}>{t('map.eligibility')}</label>
        <textarea id={`${p}-eligibility`} rows={2} {...register('eligibility')} />
      </div>
      <div className="field">
        <label htmlFor={`${p}-apply`}>{t('map.howToApply')}</label>
        <textarea id={`${p}-apply`} rows={2} {...register('howToApply')} />
      </div>
      <div className="field">
        <label htmlFor={`${p}-contacts`}>{t('map.contacts')}</label>
        <input id={`${p}-contacts`} {...register('contacts')} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor={`${p}-call`}>{t('map.callTitle')}</label>
          <input id={`${p}-call`} {...register('callTitle')} />
        </div>
        <div className="field">
          <label htmlFor={`${p}-deadline`}>{t('map.deadline')}</label>
          <input
            id={`${p}-deadline`}
            type="date"
            min={today}
            aria-invalid={Boolean(err.deadline)}
            {...register('deadline')}
          />
          {err.deadline ? <p className="field-error">{err.deadline.message}</p> : null}
        </div>
      </div>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={onDone} error={error} />
    </form>
  );
}
