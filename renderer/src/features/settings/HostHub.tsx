/**
 * Settings → "Host a workshop hub": the desktop app runs the same hub as `workbench hub`
 * and shows the addresses participants use. A browser tab cannot listen on the network,
 * so the web build explains where to find the feature instead.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hubStartRequestSchema, type HubStatus } from '@shared/platform-api';
import { toErrorData } from '@shared/errors';
import { FieldError } from '../../app/FieldError';
import { platform } from '../../platform';

export function HostHub() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<HubStatus>();
  const [port, setPort] = useState('5984');
  const [portError, setPortError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void platform.hubStatus().then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, []);

  const run = async (action: () => Promise<HubStatus>) => {
    setBusy(true);
    try {
      setStatus(await action());
    } catch (error) {
      setStatus((s) => ({
        available: true,
        running: false,
        addresses: [],
        ...s,
        error: toErrorData(error).message,
      }));
    } finally {
      setBusy(false);
    }
  };

  const start = () => {
    const parsed = hubStartRequestSchema.safeParse({ port: Number(port) });
    if (!parsed.success) {
      setPortError(t('hub.badPort'));
      return;
    }
    setPortError(undefined);
    void run(() => platform.hubStart(parsed.data));
  };

  return (
    <section aria-labelledby="hub-title">
      <h2 id="hub-title">{t('hub.title')}</h2>
      <p>{t('hub.explain')}</p>
      {status === undefined ? null : !status.available ? (
        <p className="notice">{t('hub.desktopOnly')}</p>
      ) : status.running ? (
        <div data-testid="hub-running">
          <p role="status">{t('hub.running', { port: status.port })}</p>
          {status.addresses.length > 0 ? (
            <>
              <p>{t('hub.addresses')}</p>
              <ul>
                {status.addresses.map((a) => (
                  <li key={a}>
                    <code>{a}</code>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{t('hub.noNetwork')}</p>
          )}
          {status.newAdminPassword ? (
            <p className="notice">
              {t('hub.password', { password: status.newAdminPassword, dir: status.dataDir })}
            </p>
          ) : null}
          <p className="hint">{t('hub.next')}</p>
          <button type="button" onClick={() => void run(() => platform.hubStop())} disabled={busy}>
            {t('hub.stop')}
          </button>
        </div>
      ) : (
        <div className="inline-form">
          <div className="field">
            <label htmlFor="hub-port">{t('hub.port')}</label>
            <input
              id="hub-port"
              inputMode="numeric"
              value={port}
              aria-invalid={Boolean(portError)}
              onChange={(e) => setPort(e.target.value)}
            />
            <FieldError id="hub-port" message={portError} />
          </div>
          <button type="button" onClick={start} disabled={busy}>
            {busy ? t('hub.starting') : t('hub.start')}
          </button>
        </div>
      )}
      {status?.error ? <p role="alert">{status.error}</p> : null}
    </section>
  );
}
