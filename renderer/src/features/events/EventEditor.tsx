/**
 * The organiser's form: what the event is, when and where, who speaks, the concept note
 * (objectives, inputs, target groups), the participating institutes, the attendance, the
 * questionnaire its participants answer and the DEC activity it counts towards. Saved in the
 * organiser's own database; the secretariat's computer publishes it in the library.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError, invalidProps } from '../../app/FieldError';
import { Link, useNavigate, useParams } from 'react-router';
import { leverageOfWorkPackage } from '@shared/case-studies/leverage';
import { EVENT_SCHEMA_VERSION, type EventDoc } from '@shared/docs/event/schema';
import { EVENT_KIND_LABELS, EVENT_KINDS, EVENT_STATUSES, FEEDBACK_TEMPLATE } from '@shared/events/kinds';
import { latestShippedTemplate } from '@shared/forms/shipped';
import { eventId } from '@shared/ids';
import { saveDoc } from '../../data/funding';
import { useTemplateChoices } from '../questionnaires/use-templates';
import { eventFormSchema, parseTemplateChoice, templateChoice, type EventForm } from './event.form';
import { useEvents } from './use-events';
import { ChoiceOptions, WorkPackageOptions } from '../../app/options';
import { FormActions } from '../../app/FormActions';
import { useSaving } from '../../app/use-saving';

export function EventEditor() {
  const { t } = useTranslation('events');
  const { id = '' } = useParams();
  const data = useEvents();
  if (data.loading) return <p role="status">{t('loading')}</p>;
  const existing = id ? data.events.find((e) => e.id === id) : undefined;
  if (id && (!existing || existing.org !== data.author.org))
    return (
      <p role="alert">
        {t('notOrganiser')} <Link to="/events">{t('title')}</Link>
      </p>
    );
  return <EditorForm existing={existing} key={existing?.id ?? 'new'} />;
}

function EditorForm({ existing }: { existing: EventDoc | undefined }) {
  const { t } = useTranslation('events');
  const navigate = useNavigate();
  const { workspace, author, institutes, activities } = useEvents();
  const choices = useTemplateChoices().filter((c) => !c.older);
  const feedback = latestShippedTemplate(FEEDBACK_TEMPLATE);
  const { error, saving } = useSaving();
  const { register, handleSubmit, formState, control } = useForm<EventForm>({
    resolver: zodResolver(eventFormSchema),
    defaultValues: {
      title: existing?.title ?? '',
      kind: existing?.kind ?? 'workshop',
      workPackage: existing?.workPackage ?? '',
      start: existing?.start ?? '',
      end: existing?.end ?? '',
      online: existing?.online ?? false,
      place: existing?.place ?? '',
      organiser: existing?.organiser ?? '',
      objectives: existing?.objectives ?? '',
      inputs: existing?.inputs ?? '',
      targetGroups: existing?.targetGroups ?? '',
      speakers: Object.values(existing?.speakers ?? {}),
      participants: Object.keys(existing?.participants ?? {}),
      attendance: existing?.attendance === null || existing === undefined ? '' : String(existing.attendance),
      template: existing
        ? templateChoice(existing.feedbackTemplateId, existing.feedbackTemplateVersion)
        : feedback
          ? templateChoice(feedback.id, feedback.version)
          : '',
      activityId: existing?.activityId ?? '',
      status: existing?.status ?? 'planned',
    },
  });
  const speakers = useFieldArray({ control, name: 'speakers' });
  const online = useWatch({ control, name: 'online' });
  const submit = handleSubmit((form) =>
    saving(async () => {
      const now = new Date().toISOString();
      const template = parseTemplateChoice(form.template);
      const fields = {
        title: form.title.trim(),
        kind: form.kind,
        leverageArea: form.workPackage ? (leverageOfWorkPackage(form.workPackage) ?? '') : '',
        workPackage: form.workPackage,
        start: form.start,
        end: form.end || form.start,
        online: form.online,
        place: form.place,
        organiser: form.organiser,
        objectives: form.objectives,
        inputs: form.inputs,
        targetGroups: form.targetGroups,
        speakers: Object.fromEntries(form.speakers.map((s, i) => [`s${i + 1}`, s])),
        participants: Object.fromEntries(
          form.participants.map((org) => [org, existing?.participants[org] ?? { people: null }]),
        ),
        attendance: form.attendance.trim() ? Number(form.attendance) : null,
        feedbackTemplateId: template.id,
        feedbackTemplateVersion: template.version,
        activityId: form.activityId,
        status: form.status,
      } satisfies Partial<EventDoc>;
      const doc: EventDoc = existing ?? {
        _id: eventId(author.org, crypto.randomUUID().slice(0, 8)),
        type: 'event',
        schemaVersion: EVENT_SCHEMA_VERSION,
        org: author.org,
        createdAt: now,
        updatedAt: now,
        updatedBy: author.user,
        ...fields,
      };
      const saved = await saveDoc(workspace.repository, doc, fields, now, author.user);
      void navigate(`/events/${encodeURIComponent(saved._id)}`);
    }),
  );
  const err = formState.errors;
  return (
    <form
      className="edit events"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby="event-form-title"
    >
      <h1 id="event-form-title">{existing ? t('edit', { title: existing.title }) : t('add')}</h1>
      <div className="field">
        <label htmlFor="event-title">{t('field.title')}</label>
        <input id="event-title" {...invalidProps('event-title', err.title?.message)} {...register('title')} />
        <FieldError id="event-title" message={err.title?.message} />
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="event-kind">{t('field.kind')}</label>
          <select id="event-kind" {...register('kind')}>
            <ChoiceOptions values={EVENT_KINDS} labels={EVENT_KIND_LABELS} />
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-wp">{t('field.workPackage')}</label>
          <select id="event-wp" {...register('workPackage')}>
            <WorkPackageOptions />
          </select>
        </div>
        <div className="field">
          <label htmlFor="event-status">{t('field.status')}</label>
          <select id="event-status" {...register('status')}>
            <ChoiceOptions values={EVENT_STATUSES} labels={(s) => t(`status.${s}`)} />
          </select>
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="event-start">{t('field.start')}</label>
          <input
            id="event-start"
            type="date"
            {...invalidProps('event-start', err.start?.message)}
            {...register('start')}
          />
          <FieldError id="event-start" message={err.start?.message} />
        </div>
        <div className="field">
          <label htmlFor="event-end">{t('field.end')}</label>
          <input
            id="event-end"
            type="date"
            {...invalidProps('event-end', err.end?.message)}
            {...register('end')}
          />
          <FieldError id="event-end" message={err.end?.message} />
        </div>
      </div>
      <div className="row">
        <div className="field">
          <label htmlFor="event-place">{online ? t('field.link') : t('field.place')}</label>
          <input id="event-place" {...register('place')} />
          <label className="choice">
            <input type="checkbox" {...register('online')} /> {t('field.online')}
          </label>
        </div>
        <div className="field">
          <label htmlFor="event-organiser">{t('field.organiser')}</label>
          <input id="event-organiser" aria-describedby="event-organiser-hint" {...register('organiser')} />
          <p className="hint" id="event-organiser-hint">
            {t('field.organiserHint')}
          </p>
        </div>
      </div>
      <fieldset>
        <legend>{t('field.conceptNote')}</legend>
        <div className="field">
          <label htmlFor="event-objectives">{t('field.objectives')}</label>
          <textarea id="event-objectives" rows={3} {...register('objectives')} />
        </div>
        <div className="field">
          <label htmlFor="event-inputs">{t('field.inputs')}</label>
          <textarea id="event-inputs" rows={2} {...register('inputs')} />
        </div>
        <div className="field">
          <label htmlFor="event-targets">{t('field.targetGroups')}</label>
          <textarea id="event-targets" rows={2} {...register('targetGroups')} />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('field.speakers')}</legend>
        {speakers.fields.map((field, i) => (
          <div className="row" key={field.id} data-testid="speaker">
            <div className="field">
              <label htmlFor={`speaker-${i}-name`}>{t('field.speakerName')}</label>
              <input
                id={`speaker-${i}-name`}
                {...invalidProps(`speaker-${i}-name`, err.speakers?.[i]?.name?.message)}
                {...register(`speakers.${i}.name`)}
              />
              <FieldError id={`speaker-${i}-name`} message={err.speakers?.[i]?.name?.message} />
            </div>
            <div className="field">
              <label htmlFor={`speaker-${i}-institute`}>{t('field.speakerInstitute')}</label>
              <input id={`speaker-${i}-institute`} {...register(`speakers.${i}.institute`)} />
            </div>
            <div className="field">
              <label htmlFor={`speaker-${i}-role`}>{t('field.speakerRole')}</label>
              <select id={`speaker-${i}-role`} {...register(`speakers.${i}.role`)}>
                <option value="speaker">{t('role.speaker')}</option>
                <option value="resource_person">{t('role.resource_person')}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`speaker-${i}-topic`}>{t('field.speakerTopic')}</label>
              <input id={`speaker-${i}-topic`} {...register(`speakers.${i}.topic`)} />
            </div>
            <button type="button" className="secondary" onClick={() => speakers.remove(i)}>
              {t('removeSpeaker')}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="secondary"
          onClick={() => speakers.append({ name: '', institute: '', role: 'speaker', topic: '' })}
        >
          {t('addSpeaker')}
        </button>
      </fieldset>
      <fieldset>
        <legend>{t('field.participants')}</legend>
        <div className="checks">
          {institutes.list
            .filter((i) => i.org !== author.org)
            .map((i) => (
              <label key={i.org} className="choice">
                <input type="checkbox" value={i.org} {...register('participants')} /> {i.name}
              </label>
            ))}
        </div>
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor="event-attendance">{t('field.attendance')}</label>
          <input
            id="event-attendance"
            inputMode="numeric"
            aria-describedby={err.attendance ? 'event-attendance-error' : 'event-attendance-hint'}
            aria-invalid={Boolean(err.attendance)}
            {...register('attendance')}
          />
          <p className="hint" id="event-attendance-hint">
            {t('field.attendanceHint')}
          </p>
          <FieldError id="event-attendance" message={err.attendance?.message} />
        </div>
        <div className="field">
          <label htmlFor="event-template">{t('field.template')}</label>
          <select
            id="event-template"
            {...invalidProps('event-template', err.template?.message)}
            {...register('template')}
          >
            {choices.map((c) => (
              <option key={c.key} value={templateChoice(c.id, c.version)}>
                {c.title} ({c.version})
              </option>
            ))}
          </select>
          <FieldError id="event-template" message={err.template?.message} />
        </div>
        <div className="field">
          <label htmlFor="event-activity">{t('field.activity')}</label>
          <select id="event-activity" {...register('activityId')}>
            <option value="">—</option>
            {activities.map((a) => (
              <option key={a.id} value={a.id}>
                {a.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <FormActions save={t('save')} cancel={t('cancel')} onCancel={() => void navigate(-1)} error={error} />
    </form>
  );
}
