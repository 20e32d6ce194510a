/**
 * "Collect feedback here": turns this computer into a kiosk for the event (./KioskPage.tsx).
 * The first time, the facilitator chooses the password that leaving kiosk mode will ask for
 * (kept on this computer as a salted hash only: data/kiosk.ts).
 */
import { toErrorData } from '@shared/errors';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../app/workspace-context';
import type { EventRow } from '../../data/events-projector';
import { enterKiosk, KIOSK_PASSWORD_MIN, kioskPasswordIsSet, setKioskPassword } from '../../data/kiosk';

export function KioskStart({ event }: { event: EventRow }) {
  const { t } = useTranslation('events');
  const { workspace, kiosk } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [hasPassword, setHasPassword] = useState<boolean>();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void kioskPasswordIsSet().then((set) => live && setHasPassword(set));
    return () => {
      live = false;
    };
  }, [open]);
  if (!kiosk) return null;
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('kiosk.open')}
      </button>
    );
  const start = async () => {
    setError(undefined);
    if (!hasPassword) {
      if (password.length < KIOSK_PASSWORD_MIN)
        return setError(t('kiosk.tooShort', { min: KIOSK_PASSWORD_MIN }));
      if (password !== again) return setError(t('kiosk.mismatch'));
    }
    setBusy(true);
    try {
      if (!hasPassword) await setKioskPassword(password);
      kiosk.enter(await enterKiosk(event.id, workspace.author.user));
    } catch (e) {
      setError(toErrorData(e).message);
      setBusy(false);
    }
  };
  return (
    <form
      className="edit kiosk-start"
      aria-labelledby="kiosk-start-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <h2 id="kiosk-start-title">{t('kiosk.open')}</h2>
      <p>{t('kiosk.explain')}</p>
      {hasPassword === undefined ? <p role="status">{t('loading')}</p> : null}
      {hasPassword === false ? (
        <>
          <p className="hint">{t('kiosk.choosePassword', { min: KIOSK_PASSWORD_MIN })}</p>
          <div className="row">
            <div className="field">
              <label htmlFor="kiosk-new-password">{t('kiosk.password')}</label>
              <input
                id="kiosk-new-password"
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="kiosk-new-password-again">{t('kiosk.passwordAgain')}</label>
              <input
                id="kiosk-new-password-again"
                type="password"
                autoComplete="new-password"
                value={again}
                onChange={(e) => setAgain(e.target.value)}
              />
            </div>
          </div>
        </>
      ) : null}
      {hasPassword ? <p className="hint">{t('kiosk.passwordKept')}</p> : null}
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" disabled={busy || hasPassword === undefined}>
        {busy ? t('kiosk.starting') : t('kiosk.start')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('cancel')}
      </button>
    </form>
  );
}
