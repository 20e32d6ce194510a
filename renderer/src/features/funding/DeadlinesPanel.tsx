/** The director's dashboard: calls for funding closing within 30 days, from the funding map. */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { callsDueWithin } from '@shared/funding/views';
import { useFunders } from '../../data/funding-hooks';
import { madeAt } from '../dashboard/dashboard-data';
import { Panel } from '../dashboard/Panel';
import { localToday } from './use-funding';

export function DeadlinesPanel() {
  const { t } = useTranslation('funding');
  const due = callsDueWithin(useFunders() ?? [], localToday(), 30);
  return (
    <Panel
      id="deadlines"
      table={{
        title: t('deadlines.title'),
        subtitle: madeAt(),
        columns: [t('map.col.funder'), t('map.programme'), t('map.callTitle'), t('map.deadline')],
        rows: due.map((d) => [d.funder, d.programme, d.call, d.deadline]),
      }}
      note={
        <p data-testid="deadlines-note">
          {due.length === 0
            ? t('deadlines.none')
            : due
                .map((d) => `${d.funder} — ${d.programme}: ${d.call}, ${t('map.closesIn', { days: d.days })}`)
                .join('; ')}{' '}
          <Link to="/funding/map">{t('deadlines.open')}</Link>
        </p>
      }
    />
  );
}
