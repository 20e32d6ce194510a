/**
 * A plan on one printed page: the capability as it would be submitted, where it stands, the
 * review path with dates, support and providers, and what is left to check. "Print" uses the
 * system's print dialog (which also saves as PDF); the print style sheet leaves out the
 * app's frame.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { cmcRowOf } from '@shared/cmc/cmc-rows';
import { MILESTONES, milestoneLabel } from '@shared/cmc/milestones';
import { stageOf } from '@shared/cmc/stage';
import { validatePlan } from '@shared/cmc/validate';
import type { CmcPlanDoc } from '@shared/docs/cmcplan/schema';
import { toErrorData } from '@shared/errors';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { localToday, useCmcRepository, useStageText } from './parts';
import { areaLabel, isUnverifiedBranch, useTaxonomy } from './use-taxonomy';
import { fmt } from '../../app/format';
import { ScrollBox } from '../../app/ScrollBox';

export function PlanSummaryPage() {
  const { t } = useTranslation('cmcPlans');
  const { planId = '' } = useParams();
  const cmc = useCmcRepository();
  const [state, setState] = useState<
    | { kind: 'loading' }
    | { kind: 'missing' }
    | { kind: 'error'; message: string }
    | { kind: 'ready'; doc: CmcPlanDoc }
  >({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    cmc.getPlan(planId).then(
      (doc) => live && setState(doc ? { kind: 'ready', doc } : { kind: 'missing' }),
      (error: unknown) => live && setState({ kind: 'error', message: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [cmc, planId]);
  if (state.kind === 'loading') return <p role="status">{t('loading')}</p>;
  if (state.kind === 'error') return <p role="alert">{state.message}</p>;
  if (state.kind === 'missing')
    return (
      <p role="alert">
        {t('editor.missing')} <Link to="/cmc-plans">{t('editor.back')}</Link>
      </p>
    );
  return <Summary plan={state.doc} />;
}

function Summary({ plan }: { plan: CmcPlanDoc }) {
  const { t } = useTranslation('cmcPlans');
  const taxonomy = useTaxonomy();
  const institutes = useInstitutes();
  const stageText = useStageText();
  const problems = validatePlan(plan);
  const none = t('summary.none');
  const text = (value: string | number | null) => (value === null || value === '' ? none : String(value));
  const range =
    plan.rangeMin === null && plan.rangeMax === null
      ? none
      : `${text(plan.rangeMin)} to ${text(plan.rangeMax)} ${plan.rangeUnit}`.trim();
  const confidence =
    plan.confidenceLevel === 'stated'
      ? plan.confidenceStated
      : plan.confidenceLevel
        ? t(`confidence.${plan.confidenceLevel}`)
        : '';
  // The same words the KCDB rows export gives.
  const row = cmcRowOf(plan, '', taxonomy);
  const span =
    row.uncertaintyMin === row.uncertaintyMax
      ? text(row.uncertaintyMin)
      : `${text(row.uncertaintyMin)} to ${text(row.uncertaintyMax)}`;
  const uncertainty =
    plan.uncertaintyMin === null &&
    plan.uncertaintyMax === null &&
    !row.uncertaintyEquation &&
    !row.uncertaintyTable
      ? none
      : [
          `${span} ${plan.uncertaintyUnit}`.trim(),
          row.uncertaintyEquation,
          row.uncertaintyTable,
          plan.uncertaintyMode === 'relative' ? t('summary.relative') : t('summary.absolute'),
          plan.coverageFactor !== null ? t('summary.k', { k: plan.coverageFactor }) : '',
          confidence ? t('summary.confidence', { level: confidence }) : '',
        ]
          .filter(Boolean)
          .join(', ');
  const rows: [string, string][] = [
    [t('editor.area'), areaLabel(taxonomy, plan.area)],
    [
      t('editor.branch'),
      `${text(plan.branch)}${isUnverifiedBranch(taxonomy, plan.area, plan.branch) ? ` (${t('unverified')})` : ''}`,
    ],
    [
      t('editor.service'),
      [plan.service, plan.subService, plan.individualService].filter(Boolean).join(' › ') || none,
    ],
    [t('editor.quantity'), text(plan.quantity)],
    ...(row.family === 'chembio'
      ? ([
          [t('editor.analyte'), text(row.analyte)],
          [t('editor.matrix'), text(row.matrix)],
          [t('editor.crm'), text(row.crm)],
          [t('editor.deliveryMechanism'), text(row.deliveryMechanism)],
        ] as [string, string][])
      : []),
    ...(row.family === 'radiation'
      ? ([
          [t('editor.nuclide'), text(row.nuclide)],
          [t('editor.source'), text(row.source)],
          [t('editor.medium'), text(row.medium)],
        ] as [string, string][])
      : []),
    [t('editor.instrument'), text(plan.instrument)],
    [t('editor.instrumentType'), text(plan.instrumentType)],
    [row.family === 'chembio' ? t('editor.technique') : t('editor.method'), text(plan.method)],
    [t('editor.range'), range],
    [t('editor.parameters'), text(row.parameters)],
    [t('editor.uncertainty'), uncertainty],
    [t('editor.referenceStandard'), text(plan.referenceStandard)],
    [t('editor.traceabilitySource'), text(plan.traceabilitySource)],
    [t('editor.comparisons'), plan.comparisons.join(', ') || none],
    [t('editor.internationalStandard'), text(plan.internationalStandard)],
    [t('editor.serviceId'), text(plan.serviceId)],
    [t('editor.kcdbId'), text(plan.kcdbId)],
    ...(plan.maintenanceDue
      ? ([[t('editor.maintenanceDue'), plan.maintenanceDue]] as [string, string][])
      : []),
  ];
  return (
    <article className="plan-summary" aria-labelledby="summary-title" data-testid="plan-summary">
      <div className="actions no-print">
        <Link to={`/cmc-plans/${encodeURIComponent(plan._id)}`}>{t('summary.back')}</Link>
        <button type="button" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
      </div>
      <header>
        <h1 id="summary-title">{t('summary.title', { service: plan.service || t('list.unnamed') })}</h1>
        <p>
          <strong>{instituteLabel(institutes.get(plan.org))}</strong> · {stageText(stageOf(plan))}
        </p>
      </header>
      <section aria-labelledby="summary-capability">
        <h2 id="summary-capability">{t('summary.capability')}</h2>
        <dl className="facts">
          {rows.map(([label, value]) => (
            <div key={label} className={value === none ? 'fact empty' : 'fact'}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="summary-path">
        <h2 id="summary-path">{t('summary.path')}</h2>
        <ScrollBox>
          <table className="list summary-path">
            <thead>
              <tr>
                <th scope="col">{t('summary.milestone')}</th>
                <th scope="col">{t('editor.milestoneStatus')}</th>
                <th scope="col">{t('editor.planned')}</th>
                <th scope="col">{t('editor.actual')}</th>
                <th scope="col">{t('summary.support')}</th>
                <th scope="col">{t('editor.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {MILESTONES.map(({ key }, i) => {
                const m = plan.milestones[key];
                const provider = m.provider ? instituteLabel(institutes.get(m.provider)) : '';
                return (
                  <tr key={key}>
                    <th scope="row">
                      {i + 1}. {milestoneLabel(key)}
                    </th>
                    <td>{t(`status.${m.status}`)}</td>
                    <td>{m.planned ? fmt.date(m.planned) : none}</td>
                    <td>{m.actual ? fmt.date(m.actual) : none}</td>
                    <td>
                      {[m.support.map((s) => t(`support.${s}`)).join(', '), provider]
                        .filter(Boolean)
                        .join(' — ') || none}
                    </td>
                    <td>{m.notes || none}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollBox>
      </section>
      {problems.length > 0 ? (
        <section aria-labelledby="summary-check">
          <h2 id="summary-check">{t('summary.toCheck')}</h2>
          <ul>
            {problems.map((p) => (
              <li key={`${p.field}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {plan.comments ? <p>{plan.comments}</p> : null}
      <footer className="hint">{t('summary.printed', { date: localToday() })}</footer>
    </article>
  );
}
