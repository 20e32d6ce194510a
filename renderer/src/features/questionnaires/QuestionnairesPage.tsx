import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toErrorData } from '@shared/errors';
import { builtinForms, findBuiltinForm } from '@shared/forms/builtin';
import { FieldError } from '../../app/FieldError';
import { useWorkspace } from '../../app/workspace-context';
import { useResponseRows } from '../../data/hooks';
import { newResponseSchema, type NewResponseForm } from './questionnaire.form';

export function QuestionnairesPage() {
  const { t } = useTranslation();
  const rows = useResponseRows();
  const { repository } = useWorkspace().workspace;
  const navigate = useNavigate();
  const [createError, setCreateError] = useState<string>();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<NewResponseForm>({
    resolver: zodResolver(newResponseSchema),
    defaultValues: { templateId: builtinForms[0]?.id ?? '', cycle: String(new Date().getFullYear()) },
  });

  const create = handleSubmit(async ({ templateId, cycle }) => {
    const form = findBuiltinForm(templateId);
    if (!form) return;
    try {
      const doc = await repository.createResponse(form.id, form.version, Number(cycle));
      navigate(`/questionnaires/${encodeURIComponent(doc._id)}`);
    } catch (error) {
      setCreateError(toErrorData(error).message);
    }
  });

  return (
    <section aria-labelledby="questionnaires-title">
      <h1 id="questionnaires-title">{t('questionnaires.title')}</h1>
      <form className="inline-form" onSubmit={create} noValidate aria-label={t('questionnaires.newLabel')}>
        <div className="field">
          <label htmlFor="templateId">{t('questionnaires.template')}</label>
          <select id="templateId" {...register('templateId')}>
            {builtinForms.map((form) => (
              <option key={form.id} value={form.id}>
                {form.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cycle">{t('questionnaires.cycle')}</label>
          <input id="cycle" inputMode="numeric" aria-invalid={Boolean(errors.cycle)} {...register('cycle')} />
          <FieldError id="cycle" message={errors.cycle?.message} />
        </div>
        <button type="submit" disabled={isSubmitting}>
          {t('questionnaires.create')}
        </button>
      </form>
      {createError ? <p role="alert">{createError}</p> : null}

      {rows === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('questionnaires.empty')}</p>
      ) : (
        <table className="list" data-testid="responses-table">
          <caption>{t('questionnaires.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('questionnaires.template')}</th>
              <th scope="col">{t('questionnaires.cycle')}</th>
              <th scope="col">{t('questionnaires.status')}</th>
              <th scope="col">{t('questionnaires.answered')}</th>
              <th scope="col">{t('questionnaires.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const form = findBuiltinForm(row.templateId);
              return (
                <tr key={row.id}>
                  <td>
                    <Link to={`/questionnaires/${encodeURIComponent(row.id)}`}>
                      {form?.title ?? row.templateId}
                    </Link>
                  </td>
                  <td>{row.cycle}</td>
                  <td>{t(`questionnaires.statusValue.${row.status}`)}</td>
                  <td>
                    {t('questionnaires.answeredOf', {
                      count: row.answeredCount,
                      total: form?.questions.length ?? 0,
                    })}
                  </td>
                  <td>
                    <time dateTime={row.updatedAt}>{new Date(row.updatedAt).toLocaleString()}</time> ·{' '}
                    {row.updatedBy}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
