/**
 * One event: what it is (concept note, speakers, participants), and its participants'
 * feedback. The organiser collects it on this computer in kiosk mode; a participant answers on
 * their own computer; both see the results of the responses this computer holds (the
 * secretariat's computer holds every institute's), with the follow-up of implementation plans
 * three months on.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { leverageLabel } from '@shared/case-studies/leverage';
import { toErrorData } from '@shared/errors';
import { EVENT_KIND_LABELS, PLAN_FOLLOWUP_TEMPLATE } from '@shared/events/kinds';
import { planFollowupDue, PLAN_QUESTION } from '@shared/events/results';
import {
  ownParticipantKey,
  planFollowupTemplate,
  startEventResponse,
  eventTemplate,
} from '../../data/events';
import type { EventRow } from '../../data/events-projector';
import { EventResults } from './EventResults';
import { KioskStart } from './KioskStart';
import { useEvents, useFeedbackRows } from './use-events';
import { fmt } from '../../app/format';

export function EventDetail() {
  const { t } = useTranslation('events');
  const { id = '' } = useParams();
  const data = useEvents();
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const event = data.events.find((e) => e.id === id);
  if (!event)
    return (
      <p role="alert">
        {t('missing')} <Link to="/events">{t('title')}</Link>
      </p>
    );
  return <Detail event={event} key={event.id} />;
}

function Detail({ event }: { event: EventRow }) {
  const { t } = useTranslation('events');
  const navigate = useNavigate();
  const data = useEvents();
  const rows = useFeedbackRows(event.id);
  const [message, setMessage] = useState<string>();
  const [tookPart, setTookPart] = useState(false);
  const organiser = event.org === data.author.org;
  const participating = Object.hasOwn(event.participants, data.author.org);
  const name = (org: string) => data.institutes.get(org).name;
  const mine = (rows ?? []).filter(
    (r) => r.org === data.author.org && r.participant === ownParticipantKey(data.author.user),
  );
  const myFeedback = mine.find((r) => r.templateId === event.feedbackTemplateId);
  const myPlan =
    typeof myFeedback?.answers[PLAN_QUESTION] === 'string' ? myFeedback.answers[PLAN_QUESTION] : '';
  const activity = data.activities.find((a) => a.id === event.activityId);

  const open = async (which: 'feedback' | 'followup', participant: string, plan?: string) => {
    setMessage(undefined);
    try {
      const template =
        which === 'feedback'
          ? await eventTemplate(data.workspace, event.feedbackTemplateId, event.feedbackTemplateVersion)
          : planFollowupTemplate();
      const doc = await startEventResponse(data.workspace.repository, {
        org: data.author.org,
        user: data.author.user,
        event,
        template,
        participant,
        ...(plan ? { plan } : {}),
      });
      void navigate(`/questionnaires/${encodeURIComponent(doc._id)}`);
    } catch (error) {
      setMessage(toErrorData(error).message);
    }
  };

  return (
    <article aria-labelledby="event-title" className="events">
      <p>
        <Link to="/events">{t('title')}</Link>
      </p>
      <h1 id="event-title">{event.title}</h1>
      <p className="hint">
        {[
          EVENT_KIND_LABELS[event.kind],
          [event.start, event.end].filter(Boolean).map(fmt.date).join(' – '),
          event.online ? `${t('online')} ${event.place}`.trim() : event.place,
          t(`status.${event.status}`),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <dl className="facts">
        <dt>{t('field.organiser')}</dt>
        <dd>{[name(event.org), event.organiser].filter(Boolean).join(' — ')}</dd>
        {event.workPackage ? (
          <>
            <dt>{t('field.workPackage')}</dt>
            <dd>
              {event.workPackage}
              {event.leverageArea ? ` (${leverageLabel(event.leverageArea)})` : ''}
            </dd>
          </>
        ) : null}
        {activity ? (
          <>
            <dt>{t('field.activity')}</dt>
            <dd>
              <Link to={`/funding/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>
            </dd>
          </>
        ) : null}
        <dt>{t('field.objectives')}</dt>
        <dd>{event.objectives || t('none')}</dd>
        <dt>{t('field.inputs')}</dt>
        <dd>{event.inputs || t('none')}</dd>
        <dt>{t('field.targetGroups')}</dt>
        <dd>{event.targetGroups || t('none')}</dd>
        <dt>{t('field.speakers')}</dt>
        <dd>
          {Object.values(event.speakers).length === 0 ? (
            t('none')
          ) : (
            <ul>
              {Object.entries(event.speakers).map(([key, s]) => (
                <li key={key}>
                  {s.name}
                  {s.institute ? `, ${s.institute}` : ''} — {t(`role.${s.role}`)}
                  {s.topic ? `: ${s.topic}` : ''}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('field.participants')}</dt>
        <dd>
          {Object.keys(event.participants).length === 0
            ? t('none')
            : Object.keys(event.participants)
                .map((org) => name(org))
                .join('; ')}
        </dd>
        <dt>{t('field.attendance')}</dt>
        <dd>{event.attendance ?? t('notKnown')}</dd>
      </dl>
      {organiser ? (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void navigate('edit')}>
            {t('editButton')}
          </button>
          {event.status !== 'cancelled' ? <KioskStart event={event} /> : null}
        </div>
      ) : null}
      {!organiser && event.status !== 'cancelled' && !participating && !myFeedback && !tookPart ? (
        <p>
          <button type="button" className="secondary" onClick={() => setTookPart(true)}>
            {t('mine.tookPart')}
          </button>
        </p>
      ) : null}
      {!organiser && event.status !== 'cancelled' && (participating || myFeedback || tookPart) ? (
        <section aria-labelledby="my-feedback-title" className="panel">
          <h2 id="my-feedback-title">{t('mine.title')}</h2>
          <p className="hint">{t('mine.intro')}</p>
          <div className="actions">
            <button type="button" onClick={() => void open('feedback', ownParticipantKey(data.author.user))}>
              {myFeedback ? t('mine.open') : t('mine.start')}
            </button>
            {myFeedback ? (
              <span>{t(myFeedback.status === 'submitted' ? 'mine.sent' : 'mine.draft')}</span>
            ) : null}
          </div>
          {myPlan ? (
            <div className="actions">
              <p>{t('mine.plan', { due: fmt.inText(planFollowupDue(event) ?? t('notKnown')) })}</p>
              <button
                type="button"
                className="secondary"
                onClick={() => void open('followup', ownParticipantKey(data.author.user), myPlan)}
              >
                {mine.some((r) => r.templateId === PLAN_FOLLOWUP_TEMPLATE)
                  ? t('mine.openFollowup')
                  : t('mine.followup')}
              </button>
            </div>
          ) : null}
        </section>
      ) : null}
      {message ? <p role="alert">{message}</p> : null}
      <EventResults
        event={event}
        rows={rows ?? []}
        onFollowup={(participant, plan) => void open('followup', participant, plan)}
      />
    </article>
  );
}
