import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { answerValues } from '@shared/docs/response/edit';
import { toErrorData } from '@shared/errors';
import { carryOver } from '@shared/forms/carry-over';
import { findShippedTemplate } from '@shared/forms/shipped';
import { initialAnswers } from '@shared/forms/rules';
import { responseId } from '@shared/ids';
import { FieldError } from '../../app/FieldError';
import { useWorkspace } from '../../app/workspace-context';
import { useResponseRows } from '../../data/hooks';
import { adoptLibraryTemplate } from '../../data/library-templates';
import type { ResponseRow } from '../../data/read-model';
import { MoreTools } from '../../app/MoreTools';
import { ConsolidatedExport, ReturnsPanel } from '../returns/ReturnsPanel';
import { InstituteName } from '../institutes/InstituteName';
import { useInstitutes } from '../institutes/use-institutes';
import { ImportTemplate } from './ImportTemplate';
import { newResponseSchema, parseTemplateKey, type NewResponseForm } from './questionnaire.form';
import { useTemplateChoices } from './use-templates';
import { fmt } from '../../app/format';
import { ScrollBox } from '../../app/ScrollBox';

/** The most recent earlier cycle of the same questionnaire, to copy answers forward from. */
function previousCycle(
  rows: readonly ResponseRow[],
  templateId: string,
  cycle: number,
): ResponseRow | undefined {
  return rows
    .filter((r) => r.templateId === templateId && r.cycle < cycle)
    .sort((a, b) => b.cycle - a.cycle)[0];
}

export function QuestionnairesPage() {
  const { t } = useTranslation();
  const allRows = useResponseRows();
  const choices = useTemplateChoices();
  const { workspace } = useWorkspace();
  const { repository, author } = workspace;
  const navigate = useNavigate();
  const institutes = useInstitutes();
  // Rows of several institutes are on a secretariat's computer: then the list says whose each
  // row is and can show one institute. An institute's own computer looks as it always did.
  const [params, setParams] = useSearchParams();
  const orgsPresent = useMemo(() => [...new Set((allRows ?? []).map((r) => r.org))], [allRows]);
  const several = orgsPresent.length > 1;
  const shownOrg = several ? (params.get('institute') ?? '') : '';
  const rows = useMemo(
    () => (shownOrg ? allRows?.filter((r) => r.org === shownOrg) : allRows),
    [allRows, shownOrg],
  );
  // New responses, copying forward and comparing are about one institute's cycles.
  const cyclesOf = shownOrg || author.org;
  const ownRows = useMemo(() => (allRows ?? []).filter((r) => r.org === author.org), [allRows, author.org]);
  const filterOptions = useMemo(
    () => orgsPresent.map((org) => institutes.get(org)).sort((a, b) => a.name.localeCompare(b.name)),
    [orgsPresent, institutes],
  );
  const [createError, setCreateError] = useState<string>();
  const {
    register,
    handleSubmit,
    control,
    formState: { errors, isSubmitting },
  } = useForm<NewResponseForm>({
    resolver: zodResolver(newResponseSchema),
    defaultValues: {
      templateKey: choices[0]?.key ?? '',
      cycle: String(new Date().getFullYear()),
      copyForward: false,
    },
  });
  const [chosenKey, chosenCycle] = useWatch({ control, name: ['templateKey', 'cycle'] });
  const chosen = parseTemplateKey(chosenKey);
  const earlier = previousCycle(ownRows, chosen.id, Number(chosenCycle));
  const titles = useMemo(() => new Map(choices.map((c) => [c.id, c.title])), [choices]);

  const create = handleSubmit(async ({ templateKey: key, cycle, copyForward }) => {
    const { id, version } = parseTemplateKey(key);
    setCreateError(undefined);
    try {
      const template =
        findShippedTemplate(id, version) ??
        (await repository.getTemplate(id, version)) ??
        (await adoptLibraryTemplate(workspace, id, version));
      if (!template) throw new Error(t('questionnaires.unknownTemplate', { id, version }));
      const year = Number(cycle);
      const existing = await repository.getResponse(responseId(author.org, id, year));
      let initial = initialAnswers(template, { now: new Date(), user: author.user });
      const from = copyForward && !existing ? previousCycle(ownRows, id, year) : undefined;
      if (from) {
        const source = await repository.getResponse(from.id);
        const sourceTemplate = source
          ? (findShippedTemplate(source.templateId, source.templateVersion) ??
            (await repository.getTemplate(source.templateId, source.templateVersion)))
          : undefined;
        // Answers carry forward by question code into the version this cycle starts on; the
        // new cycle's own metadata (start, today…) wins. The earlier response is only read.
        if (source && sourceTemplate) {
          initial = { ...carryOver(sourceTemplate, template, answerValues(source)).answers, ...initial };
        }
      }
      const doc = await repository.createResponse(id, version, year, initial);
      // A new, empty draft left at once is not kept (see the editor).
      navigate(`/questionnaires/${encodeURIComponent(doc._id)}`, { state: { fresh: !existing && !from } });
    } catch (error) {
      setCreateError(toErrorData(error).message);
    }
  });

  const comparable = useMemo(() => {
    const counts = new Map<string, number>();
    for (const row of allRows ?? []) {
      if (row.org === cyclesOf) counts.set(row.templateId, (counts.get(row.templateId) ?? 0) + 1);
    }
    return [...counts].filter(([, n]) => n >= 2).map(([id]) => id);
  }, [allRows, cyclesOf]);

  return (
    <section aria-labelledby="questionnaires-title">
      <h1 id="questionnaires-title">{t('questionnaires.title')}</h1>
      <p className="hint">{t('questionnaires.intro')}</p>
      <form className="inline-form" onSubmit={create} noValidate aria-label={t('questionnaires.newLabel')}>
        <div className="field">
          <label htmlFor="templateKey">{t('questionnaires.template')}</label>
          <select id="templateKey" {...register('templateKey')}>
            {choices.map((choice) => (
              <option key={choice.key} value={choice.key}>
                {choice.title}
                {choice.older ? ` (${t('questionnaires.olderVersion', { version: choice.version })})` : ''}
                {choice.published
                  ? ` (${choice.version}, ${t('institutes.published')})`
                  : choice.imported
                    ? ` (${choice.version})`
                    : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="cycle">{t('questionnaires.cycle')}</label>
          <input id="cycle" inputMode="numeric" aria-invalid={Boolean(errors.cycle)} {...register('cycle')} />
          <FieldError id="cycle" message={errors.cycle?.message} />
        </div>
        <div className="field checkbox-field">
          <label className="choice">
            <input type="checkbox" disabled={!earlier} {...register('copyForward')} />{' '}
            {earlier
              ? t('questionnaires.copyForwardFrom', { cycle: earlier.cycle })
              : t('questionnaires.copyForward')}
          </label>
          {!earlier ? <p className="hint">{t('questionnaires.noEarlierCycle')}</p> : null}
        </div>
        <button type="submit" disabled={isSubmitting}>
          {t('questionnaires.create')}
        </button>
      </form>
      {createError ? <p role="alert">{createError}</p> : null}

      {several ? (
        <div className="field">
          <label htmlFor="institute-filter">{t('institutes.filter')}</label>
          <select
            id="institute-filter"
            value={shownOrg}
            onChange={(event) =>
              setParams(
                (p) => {
                  const next = new URLSearchParams(p);
                  if (event.target.value) next.set('institute', event.target.value);
                  else next.delete('institute');
                  return next;
                },
                { replace: true },
              )
            }
          >
            <option value="">{t('institutes.all')}</option>
            {filterOptions.map((info) => (
              <option key={info.org} value={info.org}>
                {info.name}
                {info.acronym ? ` (${info.acronym})` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : null}

      {rows === undefined ? (
        <p role="status">{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('questionnaires.empty')}</p>
      ) : (
        <ScrollBox>
          <table className="list" data-testid="responses-table">
            <caption>{t('questionnaires.listCaption')}</caption>
            <thead>
              <tr>
                {several ? <th scope="col">{t('institutes.column')}</th> : null}
                <th scope="col">{t('questionnaires.template')}</th>
                <th scope="col">{t('questionnaires.cycle')}</th>
                <th scope="col">{t('questionnaires.status')}</th>
                <th scope="col">{t('questionnaires.answered')}</th>
                <th scope="col">{t('questionnaires.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  {several ? (
                    <td>
                      <InstituteName info={institutes.get(row.org)} />
                    </td>
                  ) : null}
                  <td>
                    <Link to={`/questionnaires/${encodeURIComponent(row.id)}`}>
                      {titles.get(row.templateId) ?? row.templateId}
                    </Link>
                  </td>
                  <td>{row.cycle}</td>
                  <td>
                    {t(`questionnaires.statusValue.${row.status}`)}
                    {row.revision > 1 ? ` · ${t('questionnaires.revision', { revision: row.revision })}` : ''}
                  </td>
                  <td>
                    <Progress answered={row.answeredCount} total={row.total} />
                    {row.status === 'draft' ? (
                      <span className="hint" data-testid="readiness">
                        {' '}
                        ·{' '}
                        {row.toFix.length > 0
                          ? t('questionnaires.toFixCount', { count: row.toFix.length })
                          : t('questionnaires.readyToSubmit')}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <time dateTime={row.updatedAt}>{fmt.dateTime(row.updatedAt)}</time> · {row.updatedBy}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      {comparable.length > 0 ? (
        <ul className="compare-links">
          {comparable.map((id) => (
            <li key={id}>
              <Link
                to={`/questionnaires/compare?template=${encodeURIComponent(id)}${
                  cyclesOf === author.org ? '' : `&org=${encodeURIComponent(cyclesOf)}`
                }`}
              >
                {t('questionnaires.compareLink', { title: titles.get(id) ?? id })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <ReturnsPanel />
      <MoreTools
        summary={t('questionnaires.moreTools')}
        explain={t('questionnaires.moreToolsExplain')}
        testId="questionnaires-more-tools"
      >
        <ConsolidatedExport />
        <ImportTemplate />
      </MoreTools>
    </section>
  );
}

export function Progress({ answered, total }: { answered: number; total: number }) {
  const { t } = useTranslation();
  const text = t('questionnaires.answeredOf', { count: answered, total });
  return (
    <span className="progress">
      <progress max={Math.max(total, 1)} value={Math.min(answered, Math.max(total, 1))} aria-label={text} />{' '}
      {text}
    </span>
  );
}
