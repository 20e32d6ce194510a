/**
 * The assessment's "support received", read from the support ledger (issue 21): the entries of
 * the response's institute for its cycle that were received or are under way
 * (shared/funding/assessment-support.ts, the same rule as the return's sheet), with links to add
 * or edit them in the ledger instead of a table to fill in again. On the secretariat's computer
 * another institute's entries are shown read only: each institute keeps its own ledger.
 */
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { supportOfCycle } from '@shared/funding/assessment-support';
import { SUPPORT_KIND_LABELS } from '@shared/funding/kinds';
import { funderName } from '@shared/funding/views';
import { useWorkspace } from '../../app/workspace-context';
import { useFunders, useSupports } from '../../data/funding-hooks';
import { useInstitutes } from '../institutes/use-institutes';
import './funding.css';
import { fmt } from '../../app/format';

export function SupportInAssessment({ org, cycle }: { org: string; cycle: number }) {
  const { t } = useTranslation('funding');
  const { author } = useWorkspace().workspace;
  const supports = useSupports();
  const funders = useFunders();
  const institutes = useInstitutes();
  const location = useLocation();
  if (!supports || !funders) return <p role="status">{t('loading')}</p>;
  const entries = supportOfCycle(supports, org, cycle);
  const own = org === author.org;
  const back = encodeURIComponent(`${location.pathname}${location.search}`);
  // Each day kept whole on its line: a narrow column breaks between the two days only.
  const period = (start: string, end: string) =>
    start || end ? (
      <>
        <span className="nowrap">{start ? fmt.date(start) : '…'} –</span>{' '}
        <span className="nowrap">{end ? fmt.date(end) : t('assessment.ongoing')}</span>
      </>
    ) : (
      t('none')
    );
  return (
    <div className="ledger-in-assessment" data-testid="support-from-ledger">
      <p className="hint">{t('assessment.intro', { cycle })}</p>
      {entries.length === 0 ? (
        <p>{t('assessment.empty', { cycle })}</p>
      ) : (
        <div className="table-scroll">
          <table className="list">
            <thead>
              <tr>
                <th scope="col">{t('ledger.funder')}</th>
                <th scope="col">{t('ledger.provider')}</th>
                <th scope="col">{t('ledger.kind')}</th>
                <th scope="col">{t('assessment.period')}</th>
                <th scope="col">{t('ledger.status')}</th>
                {own ? (
                  <th scope="col">
                    <span className="visually-hidden">{t('ledger.edit')}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e._id}>
                  <td>{funderName(e, funders)}</td>
                  <td>{e.provider ? institutes.get(e.provider).name : t('none')}</td>
                  <td>{SUPPORT_KIND_LABELS[e.kind]}</td>
                  <td>{period(e.start, e.end)}</td>
                  <td>{t(`status.${e.status}`)}</td>
                  {own ? (
                    <td>
                      <Link
                        to={`/funding/ledger?edit=${encodeURIComponent(e._id)}&back=${back}`}
                        aria-label={t('assessment.editEntry', { funder: funderName(e, funders) })}
                      >
                        {t('ledger.edit')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {own ? (
          <Link to={`/funding/ledger?add=1&back=${back}`}>{t('assessment.add')}</Link>
        ) : (
          t('assessment.othersReadOnly')
        )}
      </p>
    </div>
  );
}
