import { zodResolver } from '@hookform/resolvers/zod';
import { cloneElement, useState, type InputHTMLAttributes, type ReactElement } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toErrorData } from '@shared/errors';
import { FieldError } from '../../app/FieldError';
import { useSyncStore } from '../../app/sync-store';
import { useTraining } from '../../app/training-context';
import { useUiStore } from '../../app/ui-store';
import { useWorkspace } from '../../app/workspace-context';
import { platform } from '../../platform';
import { ConflictsInbox } from './ConflictsInbox';
import { hostOf, when } from './describe';
import { InstitutesRounds } from './InstitutesRounds';
import { signInSchema, type SignInForm } from './sync.form';
import { ScrollBox } from '../../app/ScrollBox';
import { fmt } from '../../app/format';

function kilobytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A labelled input with its validation message, wired for screen readers. */
function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  children: ReactElement<InputHTMLAttributes<HTMLInputElement>>;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, {
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? `${id}-error` : undefined,
      })}
      <FieldError id={id} message={error} />
    </div>
  );
}

function SignIn({ defaults }: { defaults: Partial<SignInForm> }) {
  const { t } = useTranslation();
  const session = useSyncStore((s) => s.session);
  const [problem, setProblem] = useState<string>();
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInForm>({
    resolver: zodResolver(signInSchema),
    defaultValues: { url: '', name: '', password: '', ...defaults },
  });
  const submit = handleSubmit(async (form) => {
    setProblem(undefined);
    try {
      await session?.signIn(form);
    } catch (error) {
      setProblem(toErrorData(error).message);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
      <h2 id="sign-in-title">{t('sync.signIn.title')}</h2>
      <p>{t('sync.signIn.explain')}</p>
      <Field id="sync-url" label={t('sync.signIn.url')} error={errors.url?.message}>
        <input
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="http://192.168.1.20:5984"
          {...register('url')}
        />
      </Field>
      <Field id="sync-name" label={t('sync.signIn.name')} error={errors.name?.message}>
        <input autoComplete="username" {...register('name')} />
      </Field>
      <Field id="sync-password" label={t('sync.signIn.password')} error={errors.password?.message}>
        <input type="password" autoComplete="current-password" {...register('password')} />
      </Field>
      <button type="submit" disabled={isSubmitting || !session}>
        {isSubmitting ? t('sync.signIn.checking') : t('sync.signIn.connect')}
      </button>
      {problem ? (
        <p className="error" role="alert" data-testid="sign-in-problem">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function Status() {
  const { t } = useTranslation();
  const { session, state } = useSyncStore();
  const online = useUiStore((s) => s.online);
  const { status, account } = state;
  if (!account || !session?.signedIn) return null;
  const phaseText =
    status.phase === 'syncing'
      ? t('sync.phase.syncing')
      : status.phase === 'connecting'
        ? t('sync.phase.connecting', { host: hostOf(account.url) })
        : status.phase === 'idle'
          ? t('sync.phase.idle')
          : status.phase === 'offline' || !online
            ? t('sync.phase.offline')
            : status.phase === 'error'
              ? t('sync.phase.error')
              : t('sync.phase.stopped');
  return (
    <section aria-labelledby="sync-status-title">
      <h2 id="sync-status-title">{t('sync.status.title')}</h2>
      <p>
        {t('sync.status.account', { name: account.name, url: account.url })}{' '}
        {state.remembered ? t('sync.status.remembered') : t('sync.status.notRemembered')}
      </p>
      <p role="status" data-testid="sync-phase">
        {phaseText}
      </p>
      {status.message ? (
        <p className={status.phase === 'error' ? 'error' : 'notice'} role="alert" data-testid="sync-message">
          {status.message}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('sync.status.last')}</dt>
        <dd data-testid="sync-last">
          {status.lastSyncedAt ? when(status.lastSyncedAt) : t('sync.status.never')}
        </dd>
        <dt>{t('sync.status.waiting')}</dt>
        <dd data-testid="sync-waiting">{fmt.number(status.waitingUp)}</dd>
        <dt>{t('sync.status.progress')}</dt>
        <dd data-testid="sync-progress">
          {t('sync.status.sent', { count: status.docsUp, n: fmt.number(status.docsUp) })},{' '}
          {t('sync.status.got', { count: status.docsDown, n: fmt.number(status.docsDown) })}
          {status.serverDocs !== undefined
            ? ` ${t('sync.status.onServer', { count: status.serverDocs, n: fmt.number(status.serverDocs) })}`
            : ''}
          {status.bytesDown > 0
            ? ` · ${t('sync.status.received', { size: kilobytes(status.bytesDown) })}`
            : ''}
        </dd>
      </dl>
      <div className="actions">
        <button type="button" onClick={() => session.syncNow()} disabled={!online}>
          {t('sync.status.now')}
        </button>
        <button type="button" onClick={() => void session.signOut()}>
          {t('sync.status.signOut')}
        </button>
      </div>
      {status.refused.length > 0 ? (
        <div data-testid="sync-refused">
          <h3>{t('sync.refused.title')}</h3>
          <p>{t('sync.refused.explain')}</p>
          <ul>
            {status.refused.map((r) => (
              <li key={r.id}>
                <code>{r.id}</code>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ByFile() {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const session = useSyncStore((s) => s.session);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<string | undefined>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      const text = await work();
      if (text) setOutcome({ kind: 'ok', text });
    } catch (error) {
      setOutcome({ kind: 'error', text: toErrorData(error).message });
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      if (!session) return undefined;
      const bundle = await session.saveChanges();
      const day = new Date().toISOString().slice(0, 10);
      const result = await platform.saveFile({
        suggestedName: `workbench-${profile.org}-changes-${day}.wbsync`,
        data: new Uint8Array(bundle.bytes),
        filters: [{ name: t('sync.file.kind'), extensions: ['wbsync'] }],
      });
      return result.saved ? t('sync.file.saved', { count: bundle.docs, path: result.path }) : undefined;
    });

  const load = (file: File) =>
    run(async () => {
      if (!session) return undefined;
      const loaded = await session.loadChanges(new Uint8Array(await file.arrayBuffer()));
      return t('sync.file.loaded', { count: loaded.docs });
    });

  return (
    <section aria-labelledby="by-file-title">
      <h2 id="by-file-title">{t('sync.file.title')}</h2>
      <p>{t('sync.file.explain')}</p>
      <div className="actions">
        <button type="button" onClick={() => void save()} disabled={busy || !session}>
          {t('sync.file.save')}
        </button>
        <label className="button-like">
          {t('sync.file.load')}
          <input
            type="file"
            accept=".wbsync,application/gzip"
            className="visually-hidden"
            disabled={busy || !session}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              event.currentTarget.value = '';
              if (file) void load(file);
            }}
          />
        </label>
      </div>
      {busy ? <p role="status">{t('sync.file.working')}</p> : null}
      {outcome ? (
        <p
          className={outcome.kind === 'error' ? 'error' : undefined}
          role={outcome.kind === 'error' ? 'alert' : 'status'}
          data-testid="file-outcome"
        >
          {outcome.text}
        </p>
      ) : null}
    </section>
  );
}

function History() {
  const { t } = useTranslation();
  const history = useSyncStore((s) => s.state.status.history);
  if (history.length === 0) return null;
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('sync.history.title')}</h2>
      <ScrollBox>
        <table data-testid="sync-history">
          <thead>
            <tr>
              <th scope="col">{t('sync.history.when')}</th>
              <th scope="col">{t('sync.history.outcome')}</th>
              <th scope="col">{t('sync.history.up')}</th>
              <th scope="col">{t('sync.history.down')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((run) => (
              <tr key={`${run.at}-${run.outcome}`}>
                <td>{when(run.at)}</td>
                <td>{run.outcome === 'ok' ? t('sync.history.ok') : (run.message ?? run.outcome)}</td>
                <td>{run.up}</td>
                <td>{run.down}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

export function SyncPage() {
  const { t } = useTranslation();
  const { session, state } = useSyncStore();
  const signedIn = session?.signedIn ?? false;
  const training = useTraining();
  if (training.active) {
    return (
      <section aria-labelledby="sync-title" className="sync-page">
        <h1 id="sync-title">{t('sync.title')}</h1>
        <p className="notice" data-testid="training-sync-off">
          {t('training.syncOff')}
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="sync-title" className="sync-page">
      <h1 id="sync-title">{t('sync.title')}</h1>
      {signedIn ? <Status /> : <SignIn defaults={state.account ?? {}} />}
      {signedIn ? <InstitutesRounds /> : null}
      <ConflictsInbox />
      <ByFile />
      <History />
    </section>
  );
}
