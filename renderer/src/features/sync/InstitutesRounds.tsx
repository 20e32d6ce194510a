/** The secretariat's rounds through every institute, on the Sync screen: progress, problems, each institute's last sync. */
import { useTranslation } from 'react-i18next';
import { LIBRARY_DB } from '@shared/sync/names';
import { useSyncStore } from '../../app/sync-store';
import type { RoundsStatus } from '../../data/sync/secretariat';
import { instituteLabel } from '../institutes/directory-view';
import { useInstitutes } from '../institutes/use-institutes';
import { when } from './describe';
import { ScrollBox } from '../../app/ScrollBox';

export function InstitutesRounds() {
  const rounds = useSyncStore((s) => s.state.rounds);
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  return isSecretariat && rounds ? <Rounds rounds={rounds} /> : null;
}

function Rounds({ rounds }: { rounds: RoundsStatus }) {
  const { t } = useTranslation();
  const institutes = useInstitutes();
  const nameOf = (key: string) =>
    key === LIBRARY_DB ? t('institutes.rounds.library') : instituteLabel(institutes.get(key));
  const entries = Object.entries(rounds.results).sort(([a], [b]) =>
    a === LIBRARY_DB ? -1 : b === LIBRARY_DB ? 1 : nameOf(a).localeCompare(nameOf(b)),
  );
  // Failures, and documents kept back from an institute's database, are shown until they go.
  const problems = entries.filter(([, result]) => !result.ok || (result.heldBack?.length ?? 0) > 0);
  return (
    <section aria-labelledby="rounds-title" data-testid="institutes-rounds">
      <h2 id="rounds-title">{t('institutes.rounds.title')}</h2>
      <p>{t('institutes.rounds.explain')}</p>
      <p role="status" data-testid="rounds-progress">
        {rounds.running
          ? rounds.current === LIBRARY_DB || rounds.current === undefined
            ? t('institutes.rounds.runningLibrary')
            : t('institutes.rounds.running', {
                index: rounds.index,
                total: rounds.total,
                name: nameOf(rounds.current),
              })
          : null}
      </p>
      <dl className="facts">
        <dt>{t('institutes.rounds.lastPass')}</dt>
        <dd data-testid="rounds-last">
          {rounds.lastPassAt ? when(rounds.lastPassAt) : t('institutes.rounds.never')}
        </dd>
        {rounds.nextAt && !rounds.running ? (
          <>
            <dt>{t('institutes.rounds.next')}</dt>
            <dd>{when(rounds.nextAt)}</dd>
          </>
        ) : null}
      </dl>
      {problems.length > 0 ? (
        <div className="error" role="alert" data-testid="rounds-problems">
          <p>{t('institutes.rounds.problems', { count: problems.length })}</p>
          <ul>
            {problems.map(([key, result]) => (
              <li key={key}>
                <strong>{nameOf(key)}</strong>: {result.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {entries.length > 0 ? (
        <details>
          <summary>{t('institutes.rounds.details')}</summary>
          <ScrollBox>
            <table className="list">
              <thead>
                <tr>
                  <th scope="col">{t('institutes.column')}</th>
                  <th scope="col">{t('institutes.rounds.when')}</th>
                  <th scope="col">{t('institutes.rounds.sent')}</th>
                  <th scope="col">{t('institutes.rounds.received')}</th>
                  <th scope="col">{t('institutes.rounds.outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map(([key, result]) => (
                  <tr key={key}>
                    <td>{nameOf(key)}</td>
                    <td>{when(result.at)}</td>
                    <td>{result.up}</td>
                    <td>{result.down}</td>
                    <td>{result.ok && !result.message ? t('institutes.rounds.ok') : result.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </details>
      ) : null}
    </section>
  );
}
