/**
 * Kiosk mode on the facilitator's computer: participants answer the event's questionnaire one
 * after another, without an account. Each begins on an empty form of their own (a new
 * participant key, anonymous unless they give a name); the page shows nothing but that form —
 * no navigation, no list, no other answers — whatever the address, and a reload or a restart
 * comes back here (the state is kept in `workbench-local`: data/kiosk.ts). Answers are saved as
 * they are typed, in the organiser's own database, and go up with the computer's live sync like
 * any other document. Leaving asks for the facilitator's password.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { EventDoc } from '@shared/docs/event/schema';
import type { ResponseDoc } from '@shared/docs/response/schema';
import { toErrorData } from '@shared/errors';
import type { Template } from '@shared/forms/model';
import { WorkspaceContext, useWorkspace, type WorkspaceContextValue } from '../../app/workspace-context';
import { eventTemplate, kioskParticipantKey, startEventResponse } from '../../data/events';
import { leaveKiosk, type KioskState } from '../../data/kiosk';
import { Repository } from '../../data/repository';
import { Runner } from '../questionnaires/ResponseEditorPage';
import './events.css';

type Phase = { kind: 'welcome' } | { kind: 'answering'; doc: ResponseDoc } | { kind: 'thanks' };
type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; event: EventDoc; template: Template }
  | { kind: 'error'; message: string };

export default function KioskPage({ state }: { state: KioskState }) {
  const { t } = useTranslation('events');
  const context = useWorkspace();
  const { workspace } = context;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [phase, setPhase] = useState<Phase>({ kind: 'welcome' });
  const [, setParams] = useSearchParams();
  // Answers given here are stamped as the kiosk's, not as the facilitator's own.
  const kioskContext = useMemo<WorkspaceContextValue>(() => {
    const author = { org: workspace.author.org, user: `Kiosk (${state.facilitator})` };
    return {
      ...context,
      workspace: { ...workspace, author, repository: new Repository(workspace.db, author) },
    };
  }, [context, workspace, state.facilitator]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const doc =
        (await workspace.repository.get(state.eventId)) ??
        (await workspace.libraryRepository.get(state.eventId));
      if (doc?.type !== 'event') throw new Error(t('kiosk.eventMissing'));
      const template = await eventTemplate(workspace, doc.feedbackTemplateId, doc.feedbackTemplateVersion);
      return { kind: 'ready' as const, event: doc, template };
    })().then(
      (ready) => live && setLoaded(ready),
      (error: unknown) => live && setLoaded({ kind: 'error', message: toErrorData(error).message }),
    );
    return () => {
      live = false;
    };
  }, [workspace, state.eventId, t]);

  const begin = async () => {
    if (loaded.kind !== 'ready') return;
    const { author, repository } = kioskContext.workspace;
    const doc = await startEventResponse(repository, {
      org: author.org,
      user: author.user,
      event: loaded.event,
      template: loaded.template,
      participant: kioskParticipantKey(),
    });
    // Every participant starts on the first page, whatever the last one reached.
    setParams({}, { replace: true });
    setPhase({ kind: 'answering', doc });
  };

  return (
    <div className="kiosk">
      <header className="header">
        <span className="brand">{t('kiosk.heading')}</span>
        <span className="institute">{loaded.kind === 'ready' ? loaded.event.title : ''}</span>
      </header>
      <main id="main" className="kiosk-main" tabIndex={-1}>
        {loaded.kind === 'loading' ? <p role="status">{t('loading')}</p> : null}
        {loaded.kind === 'error' ? <p role="alert">{loaded.message}</p> : null}
        {loaded.kind === 'ready' && phase.kind === 'welcome' ? (
          <section aria-labelledby="kiosk-welcome" className="kiosk-card">
            <h1 id="kiosk-welcome">{t('kiosk.welcome', { title: loaded.event.title })}</h1>
            <p>{t('kiosk.welcomeText')}</p>
            <button type="button" className="big" onClick={() => void begin()}>
              {t('kiosk.begin')}
            </button>
          </section>
        ) : null}
        {loaded.kind === 'ready' && phase.kind === 'answering' ? (
          <WorkspaceContext.Provider value={kioskContext}>
            <Runner
              key={phase.doc._id}
              initial={phase.doc}
              template={loaded.template}
              kiosk={{ onSubmitted: () => setPhase({ kind: 'thanks' }) }}
            />
            <p>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  if (window.confirm(t('kiosk.abandonConfirm'))) setPhase({ kind: 'welcome' });
                }}
              >
                {t('kiosk.abandon')}
              </button>
            </p>
          </WorkspaceContext.Provider>
        ) : null}
        {phase.kind === 'thanks' ? (
          <section aria-labelledby="kiosk-thanks" className="kiosk-card">
            <h1 id="kiosk-thanks">{t('kiosk.thanks')}</h1>
            <p>{t('kiosk.thanksText')}</p>
            <button type="button" className="big" onClick={() => setPhase({ kind: 'welcome' })}>
              {t('kiosk.next')}
            </button>
          </section>
        ) : null}
      </main>
      <LeaveKiosk />
    </div>
  );
}

function LeaveKiosk() {
  const { t } = useTranslation('events');
  const { kiosk } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (!open)
    return (
      <footer className="kiosk-footer">
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('kiosk.leave')}
        </button>
      </footer>
    );
  const leave = async () => {
    setBusy(true);
    setError(undefined);
    const ok = await leaveKiosk(password);
    setBusy(false);
    setPassword('');
    if (ok) kiosk?.left();
    else setError(t('kiosk.wrongPassword'));
  };
  return (
    <footer className="kiosk-footer">
      <form
        aria-labelledby="kiosk-leave-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void leave();
        }}
      >
        <h2 id="kiosk-leave-title">{t('kiosk.leave')}</h2>
        <label htmlFor="kiosk-password">{t('kiosk.facilitatorPassword')}</label>{' '}
        <input
          id="kiosk-password"
          type="password"
          autoComplete="off"
          value={password}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? 'kiosk-password-error' : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />{' '}
        <button type="submit" disabled={busy}>
          {busy ? t('kiosk.checking') : t('kiosk.leaveButton')}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(false);
            setError(undefined);
            setPassword('');
          }}
        >
          {t('cancel')}
        </button>
        {error ? (
          <p className="field-error" id="kiosk-password-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </footer>
  );
}
