/**
 * "Plan a new CMC": three choices that place the capability on the KCDB taxonomy — area,
 * branch, service — and the plan exists, with the whole review path laid out. Names the
 * reference data marks inferred say "name not verified"; a branch that is not listed can
 * be typed.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { servicesOf } from '@shared/cmc/taxonomy';
import { newCmcPlanFields } from '@shared/docs/cmcplan/schema';
import { toErrorData } from '@shared/errors';
import { FieldError } from '../../app/FieldError';
import { useCmcPlanRows } from '../../data/cmc-hooks';
import { newPlanSchema, OTHER_BRANCH, type NewPlanForm } from './plan.form';
import { CmcNav, UnverifiedBadge, useCmcRepository } from './parts';
import { useTaxonomy } from './use-taxonomy';

export function NewPlanPage() {
  const { t } = useTranslation('cmcPlans');
  const taxonomy = useTaxonomy();
  const cmc = useCmcRepository();
  const rows = useCmcPlanRows();
  const navigate = useNavigate();
  const [createError, setCreateError] = useState<string>();
  const {
    register,
    handleSubmit,
    control,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm<NewPlanForm>({
    resolver: zodResolver(newPlanSchema),
    defaultValues: { area: '', branch: '', otherBranch: '', service: '' },
  });
  const [area, branch] = useWatch({ control, name: ['area', 'branch'] });
  const chosenArea = taxonomy.find((a) => a.code === area);
  const anyUnverified = taxonomy.some((a) => a.inferred || a.branches.some((b) => b.inferred));
  // Services the secretariat lists under the branch, and those other plans here use.
  const suggestions = useMemo(() => {
    const listed = servicesOf(taxonomy, area, branch);
    const used = (rows ?? []).filter((r) => r.area === area && r.branch === branch).map((r) => r.service);
    return [...new Set([...listed, ...used].filter(Boolean))].sort();
  }, [taxonomy, area, branch, rows]);

  const create = handleSubmit(async (form) => {
    setCreateError(undefined);
    try {
      const branchName = form.branch === OTHER_BRANCH ? form.otherBranch.trim() : form.branch;
      const doc = await cmc.createPlan(newCmcPlanFields(form.area, branchName, form.service.trim()));
      navigate(`/cmc-plans/${encodeURIComponent(doc._id)}`);
    } catch (error) {
      setCreateError(toErrorData(error).message);
    }
  });

  return (
    <section aria-labelledby="new-plan-title" className="cmc-plans">
      <h1 id="new-plan-title">{t('new.title')}</h1>
      <CmcNav />
      <p className="hint">{t('new.intro')}</p>
      {anyUnverified ? <p className="note">{t('unverifiedHelp')}</p> : null}
      <form onSubmit={create} noValidate aria-labelledby="new-plan-title" className="new-plan">
        <fieldset
          className="choices area-choices"
          aria-describedby={errors.area ? 'new-area-error' : undefined}
        >
          <legend>{t('new.area')}</legend>
          {taxonomy.map((a) => (
            <label key={a.code} className="choice">
              <input
                type="radio"
                value={a.code}
                {...register('area', {
                  onChange: () => setValue('branch', ''),
                })}
              />{' '}
              {a.name} ({a.code}){a.inferred ? <UnverifiedBadge /> : null}
            </label>
          ))}
          <FieldError id="new-area" message={errors.area?.message} />
        </fieldset>

        <fieldset className="choices" aria-describedby={errors.branch ? 'new-branch-error' : undefined}>
          <legend>{t('new.branch')}</legend>
          {chosenArea ? (
            <>
              {chosenArea.branches.map((b) => (
                <label key={b.name} className="choice">
                  <input type="radio" value={b.name} {...register('branch')} /> {b.name}
                  {b.inferred ? <UnverifiedBadge /> : null}
                </label>
              ))}
              <label className="choice">
                <input type="radio" value={OTHER_BRANCH} {...register('branch')} /> {t('new.otherBranch')}
              </label>
              {branch === OTHER_BRANCH ? (
                <div className="field">
                  <label htmlFor="new-other-branch">{t('new.otherBranchName')}</label>
                  <input
                    id="new-other-branch"
                    aria-invalid={Boolean(errors.otherBranch)}
                    aria-describedby={errors.otherBranch ? 'new-other-branch-error' : undefined}
                    {...register('otherBranch')}
                  />
                  <FieldError id="new-other-branch" message={errors.otherBranch?.message} />
                </div>
              ) : null}
            </>
          ) : (
            <p className="hint">{t('new.chooseAreaFirst')}</p>
          )}
          <FieldError id="new-branch" message={errors.branch?.message} />
        </fieldset>

        <div className="field">
          <label htmlFor="new-service">{t('new.service')}</label>
          <p className="hint" id="new-service-hint">
            {t('new.serviceHint')}
          </p>
          <input
            id="new-service"
            list="new-service-suggestions"
            aria-invalid={Boolean(errors.service)}
            aria-describedby={`new-service-hint${errors.service ? ' new-service-error' : ''}`}
            {...register('service')}
          />
          <datalist id="new-service-suggestions">
            {suggestions.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <FieldError id="new-service" message={errors.service?.message} />
        </div>
        <div className="actions">
          <button type="submit" disabled={isSubmitting}>
            {isSubmitting ? t('new.creating') : t('new.create')}
          </button>
          <Link to="/cmc-plans">{t('new.cancel')}</Link>
        </div>
        {createError ? <p role="alert">{createError}</p> : null}
      </form>
    </section>
  );
}
