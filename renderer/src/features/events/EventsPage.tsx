/**
 * Events (issue 22; DEC plan LA2-WP2 national workshops with concept notes, the BIPM's
 * capacity-building courses): the list, an event's page with its concept note and its
 * participants' feedback (kiosk or own computers), results and the follow-up of plans, and the
 * organiser's form. Loaded when first opened. The rules are in shared/events.
 */
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { EVENT_KIND_LABELS } from '@shared/events/kinds';
import { EventDetail } from './EventDetail';
import { EventEditor } from './EventEditor';
import { useEvents } from './use-events';
import './events.css';
import { fmt } from '../../app/format';

export default function EventsPage() {
  return (
    <Routes>
      <Route index element={<EventList />} />
      <Route path="new" element={<EventEditor />} />
      <Route path=":id/edit" element={<EventEditor />} />
      <Route path=":id" element={<EventDetail />} />
    </Routes>
  );
}

function EventList() {
  const { t } = useTranslation('events');
  const data = useEvents();
  const navigate = useNavigate();
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = data.events.filter((e) => e.status === 'planned' || (e.end || e.start) >= today);
  const past = data.events.filter((e) => !upcoming.includes(e));
  const list = (events: typeof data.events) => (
    <ul className="plain-list">
      {events.map((e) => (
        <li key={e.id} className="card" data-testid="event">
          <h3>
            <Link to={encodeURIComponent(e.id)}>{e.title}</Link>
          </h3>
          <p className="hint">
            {[
              EVENT_KIND_LABELS[e.kind],
              [e.start, e.end].filter(Boolean).map(fmt.date).join(' – '),
              e.online ? t('online') : e.place,
              t('by', { organiser: data.institutes.get(e.org).name }),
              t(`status.${e.status}`),
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
        </li>
      ))}
    </ul>
  );
  return (
    <section aria-labelledby="events-title" className="events">
      <h1 id="events-title">{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <button type="button" onClick={() => void navigate('new')}>
        {t('add')}
      </button>
      {data.events.length === 0 ? <p>{t('empty')}</p> : null}
      {upcoming.length > 0 ? (
        <>
          <h2>{t('upcoming')}</h2>
          {list(upcoming)}
        </>
      ) : null}
      {past.length > 0 ? (
        <>
          <h2>{t('past')}</h2>
          {list(past)}
        </>
      ) : null}
    </section>
  );
}
