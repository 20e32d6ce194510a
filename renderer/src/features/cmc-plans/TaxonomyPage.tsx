/**
 * The KCDB taxonomy plans are placed on: the reference shipped with the app, names it marks
 * inferred shown as not verified, and the secretariat's corrections from the library. On the
 * secretariat's computer each branch can be renamed, confirmed, given services or removed,
 * branches added and areas renamed; the corrections are saved to the library and reach every
 * computer at its next sync, without a new release.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  removedBranches,
  withAreaName,
  withBranchChange,
  withoutBranchChange,
  type BranchChange,
  type TaxonomyArea,
  type TaxonomyBranch,
  type TaxonomyCorrection,
} from '@shared/cmc/taxonomy';
import { toErrorData } from '@shared/errors';
import { FieldError } from '../../app/FieldError';
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { useTaxonomyCorrections } from '../../data/cmc-hooks';
import { CmcNav, UnverifiedBadge, useCmcRepository } from './parts';
import {
  areaFormSchema,
  branchFormSchema,
  servicesFromText,
  type AreaForm,
  type BranchForm,
} from './plan.form';
import { REFERENCE_SOURCE, useTaxonomy } from './use-taxonomy';

type Save = (
  change: (corrections: readonly TaxonomyCorrection[]) => TaxonomyCorrection[],
) => Promise<boolean>;

export function TaxonomyPage() {
  const { t } = useTranslation('cmcPlans');
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  const { workspace } = useWorkspace();
  const cmc = useCmcRepository();
  const taxonomy = useTaxonomy();
  const { corrections } = useTaxonomyCorrections();
  const [message, setMessage] = useState<{ kind: 'saved' | 'error'; text: string }>();

  const save: Save = async (change) => {
    setMessage(undefined);
    try {
      await cmc.updateTaxonomy(workspace.libraryRepository, change);
      setMessage({ kind: 'saved', text: t('taxonomy.saved') });
      return true;
    } catch (error) {
      setMessage({ kind: 'error', text: t('taxonomy.failed', { message: toErrorData(error).message }) });
      return false;
    }
  };

  return (
    <section aria-labelledby="taxonomy-title" className="cmc-plans taxonomy">
      <h1 id="taxonomy-title">{t('taxonomy.title')}</h1>
      <CmcNav />
      <p>{t('taxonomy.intro', { compiled: REFERENCE_SOURCE.compiled })}</p>
      <p className="hint">{t('taxonomy.source', { summary: REFERENCE_SOURCE.summary })}</p>
      <p className="note">{t('unverifiedHelp')}</p>
      {isSecretariat ? null : <p className="notice">{t('taxonomy.readOnly')}</p>}
      <p role="status" data-testid="taxonomy-state" className={message?.kind === 'error' ? 'error' : 'hint'}>
        {message?.text}
      </p>
      {taxonomy.map((area) => (
        <AreaView
          key={area.code}
          area={area}
          corrections={corrections}
          editable={isSecretariat}
          save={save}
        />
      ))}
    </section>
  );
}

function isCorrected(
  corrections: readonly TaxonomyCorrection[],
  area: string,
  branch: TaxonomyBranch,
): boolean {
  return (
    branch.from !== undefined &&
    (corrections.find((c) => c.area === area)?.branches.some((b) => b.from === branch.from) ?? false)
  );
}

function AreaView({
  area,
  corrections,
  editable,
  save,
}: {
  area: TaxonomyArea;
  corrections: readonly TaxonomyCorrection[];
  editable: boolean;
  save: Save;
}) {
  const titleId = `taxonomy-area-${area.code}`;
  return (
    <section aria-labelledby={titleId} className="taxonomy-area" data-testid={`taxonomy-${area.code}`}>
      <h2 id={titleId}>
        {area.name} ({area.code}){area.inferred ? <UnverifiedBadge /> : null}
      </h2>
      {editable ? <RenameArea area={area} save={save} /> : null}
      <ul className="branches">
        {area.branches.map((branch) => (
          <BranchView
            key={branch.from ?? `added:${branch.name}`}
            area={area}
            branch={branch}
            corrected={isCorrected(corrections, area.code, branch)}
            editable={editable}
            save={save}
          />
        ))}
      </ul>
      {editable ? <RemovedBranches area={area.code} corrections={corrections} save={save} /> : null}
      {editable ? <AddBranch area={area} save={save} /> : null}
    </section>
  );
}

function BranchView({
  area,
  branch,
  corrected,
  editable,
  save,
}: {
  area: TaxonomyArea;
  branch: TaxonomyBranch;
  corrected: boolean;
  editable: boolean;
  save: Save;
}) {
  const { t } = useTranslation('cmcPlans');
  const [editing, setEditing] = useState(false);
  const change = (next: Omit<BranchChange, 'from'>) =>
    save((c) =>
      withBranchChange(
        c,
        area.code,
        { ...(branch.from !== undefined ? { from: branch.from } : {}), ...next },
        branch.name,
      ),
    );
  return (
    <li data-testid="taxonomy-branch">
      <span className="branch-name">{branch.name}</span>
      {branch.inferred ? <UnverifiedBadge /> : null}
      {corrected ? <span className="badge corrected">{t('taxonomy.corrected')}</span> : null}
      {branch.from === undefined ? <span className="badge corrected">{t('taxonomy.added')}</span> : null}
      {branch.from !== undefined && branch.from !== branch.name ? (
        <span className="hint"> · {t('taxonomy.reference', { name: branch.from })}</span>
      ) : null}
      {editable && !editing ? (
        <>
          {' '}
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('taxonomy.edit', { name: branch.name })}
          </button>
        </>
      ) : null}
      {branch.services.length > 0 ? (
        <p className="hint">{t('taxonomy.services', { list: branch.services.join('; ') })}</p>
      ) : null}
      {editing ? (
        <BranchEditor
          branch={branch}
          onCancel={() => setEditing(false)}
          onRemove={async () => {
            if (await change({ name: branch.name, remove: true })) setEditing(false);
          }}
          onSave={async (form) => {
            if (await change({ name: form.name.trim(), services: servicesFromText(form.services) }))
              setEditing(false);
          }}
        />
      ) : null}
    </li>
  );
}

function BranchEditor({
  branch,
  onSave,
  onRemove,
  onCancel,
}: {
  branch: TaxonomyBranch;
  onSave: (form: BranchForm) => Promise<void>;
  onRemove: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation('cmcPlans');
  const id = `branch-${(branch.from ?? branch.name).replace(/[^A-Za-z0-9]+/g, '-')}`;
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<BranchForm>({
    resolver: zodResolver(branchFormSchema),
    defaultValues: { name: branch.name, services: branch.services.join('\n') },
  });
  return (
    <form
      className="branch-editor"
      noValidate
      aria-label={t('taxonomy.editTitle', { name: branch.name })}
      onSubmit={handleSubmit(onSave)}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('taxonomy.name')}</label>
        <input
          id={`${id}-name`}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          {...register('name')}
        />
        <FieldError id={`${id}-name`} message={errors.name?.message} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-services`}>{t('taxonomy.servicesField')}</label>
        <textarea id={`${id}-services`} rows={3} {...register('services')} />
      </div>
      {branch.inferred ? <p className="hint">{t('taxonomy.saveConfirms')}</p> : null}
      <div className="actions">
        <button type="submit" disabled={isSubmitting}>
          {t('taxonomy.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('taxonomy.cancel')}
        </button>
        <button type="button" className="secondary" onClick={() => void onRemove()}>
          {t('taxonomy.remove', { name: branch.name })}
        </button>
      </div>
    </form>
  );
}

function RemovedBranches({
  area,
  corrections,
  save,
}: {
  area: string;
  corrections: readonly TaxonomyCorrection[];
  save: Save;
}) {
  const { t } = useTranslation('cmcPlans');
  const removed = removedBranches(corrections, area);
  if (removed.length === 0) return null;
  return (
    <p className="hint removed-branches">
      {t('taxonomy.removed')}{' '}
      {removed.map((name) => (
        <span key={name}>
          {name}{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void save((c) => withoutBranchChange(c, area, name))}
          >
            {t('taxonomy.restore', { name })}
          </button>{' '}
        </span>
      ))}
    </p>
  );
}

function AddBranch({ area, save }: { area: TaxonomyArea; save: Save }) {
  const { t } = useTranslation('cmcPlans');
  const id = `add-branch-${area.code}`;
  const {
    register,
    handleSubmit,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<BranchForm>({
    resolver: zodResolver(branchFormSchema),
    defaultValues: { name: '', services: '' },
  });
  return (
    <form
      className="inline-form add-branch"
      noValidate
      aria-label={t('taxonomy.addBranch', { area: area.name })}
      onSubmit={handleSubmit(async (form) => {
        if (await save((c) => withBranchChange(c, area.code, { name: form.name.trim() }))) reset();
      })}
    >
      <div className="field">
        <label htmlFor={id}>{t('taxonomy.newBranch')}</label>
        <input
          id={id}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? `${id}-error` : undefined}
          {...register('name')}
        />
        <FieldError id={id} message={errors.name?.message} />
      </div>
      <button type="submit" className="secondary" disabled={isSubmitting}>
        {t('taxonomy.add')}
      </button>
    </form>
  );
}

function RenameArea({ area, save }: { area: TaxonomyArea; save: Save }) {
  const { t } = useTranslation('cmcPlans');
  const id = `area-name-${area.code}`;
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<AreaForm>({ resolver: zodResolver(areaFormSchema), defaultValues: { name: area.name } });
  return (
    <details className="rename-area">
      <summary>{t('taxonomy.renameArea', { area: area.code })}</summary>
      <form
        className="inline-form"
        noValidate
        onSubmit={handleSubmit(async (form) => {
          await save((c) => withAreaName(c, area.code, form.name));
        })}
      >
        <div className="field">
          <label htmlFor={id}>{t('taxonomy.areaName')}</label>
          <input id={id} aria-invalid={Boolean(errors.name)} {...register('name')} />
          <FieldError id={id} message={errors.name?.message} />
        </div>
        <button type="submit" className="secondary" disabled={isSubmitting}>
          {t('taxonomy.save')}
        </button>
      </form>
    </details>
  );
}
