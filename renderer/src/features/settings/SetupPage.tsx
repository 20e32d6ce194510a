import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { saveProfile, type Profile } from '../../data/device-settings';
import { FieldError } from '../../app/FieldError';
import {
  profileFromSetup,
  referenceInstitutes,
  setupDefaults,
  setupFormSchema,
  type SetupForm,
} from './setup.form';

const economies = [...new Set(referenceInstitutes.map((r) => r.economy))];

/** First start: which institute this computer works for, and who is using it. */
export function SetupPage({ onDone }: { onDone: (profile: Profile) => void }) {
  const { t } = useTranslation();
  const [saveError, setSaveError] = useState<string>();
  const {
    register,
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<SetupForm>({ resolver: zodResolver(setupFormSchema), defaultValues: setupDefaults });
  const mode = useWatch({ control, name: 'mode' });

  const submit = handleSubmit(async (form) => {
    try {
      onDone(await saveProfile(profileFromSetup(form)));
    } catch (error) {
      setSaveError(toErrorData(error).message);
    }
  });

  return (
    <main className="setup" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('setup.whichInstitute')}</legend>
          <label className="radio">
            <input type="radio" value="reference" {...register('mode')} /> {t('setup.fromList')}
          </label>
          <label className="radio">
            <input type="radio" value="new" {...register('mode')} /> {t('setup.notInList')}
          </label>
        </fieldset>

        {mode === 'reference' ? (
          <div className="field">
            <label htmlFor="referenceSlug">{t('setup.institute')}</label>
            <select
              id="referenceSlug"
              aria-invalid={Boolean(errors.referenceSlug)}
              {...register('referenceSlug')}
            >
              <option value="">{t('setup.choose')}</option>
              {economies.map((economy) => (
                <optgroup key={economy} label={economy}>
                  {referenceInstitutes
                    .filter((r) => r.economy === economy)
                    .map((r) => (
                      <option key={r.slug} value={r.slug}>
                        {r.acronym ? `${r.name} (${r.acronym})` : r.name}
                        {r.inferred ? ` — ${t('setup.unverified')}` : ''}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
            <p className="hint">{t('setup.unverifiedHint')}</p>
            <FieldError id="referenceSlug" message={errors.referenceSlug?.message} />
          </div>
        ) : (
          <>
            <div className="field">
              <label htmlFor="instituteName">{t('setup.instituteName')}</label>
              <input
                id="instituteName"
                aria-invalid={Boolean(errors.instituteName)}
                {...register('instituteName')}
              />
              <FieldError id="instituteName" message={errors.instituteName?.message} />
            </div>
            <div className="field">
              <label htmlFor="acronym">{t('setup.acronym')}</label>
              <input id="acronym" {...register('acronym')} />
            </div>
            <div className="field">
              <label htmlFor="economy">{t('setup.economy')}</label>
              <input
                id="economy"
                list="economies"
                aria-invalid={Boolean(errors.economy)}
                {...register('economy')}
              />
              <datalist id="economies">
                {economies.map((e) => (
                  <option key={e} value={e} />
                ))}
              </datalist>
              <FieldError id="economy" message={errors.economy?.message} />
            </div>
          </>
        )}

        <div className="field">
          <label htmlFor="userName">{t('setup.userName')}</label>
          <input
            id="userName"
            autoComplete="name"
            aria-invalid={Boolean(errors.userName)}
            {...register('userName')}
          />
          <FieldError id="userName" message={errors.userName?.message} />
        </div>
        {saveError ? (
          <p className="error" role="alert">
            {t('setup.saveFailed', { message: saveError })}
          </p>
        ) : null}
        <button type="submit" disabled={isSubmitting}>
          {t('setup.start')}
        </button>
      </form>
    </main>
  );
}
