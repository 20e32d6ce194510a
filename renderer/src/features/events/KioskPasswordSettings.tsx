/**
 * Settings → "Kiosk password": the facilitator's password that leaving kiosk mode asks for,
 * set the first time kiosk mode is opened on this computer and changed here (the current one
 * is needed). Kept as a salted hash only (data/kiosk.ts).
 */
import { toErrorData } from '@shared/errors';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskPasswordIsSet, setKioskPassword } from '../../data/kiosk';

export function KioskPasswordSettings() {
  const { t } = useTranslation('events');
  const [isSet, setIsSet] = useState<boolean>();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  useEffect(() => {
    let live = true;
    void kioskPasswordIsSet().then((set) => live && setIsSet(set));
    return () => {
      live = false;
    };
  }, []);
  const save = async () => {
    setMessage(undefined);
    try {
      await setKioskPassword(next, current);
      setIsSet(true);
      setCurrent('');
      setNext('');
      setMessage({ ok: true, text: t('kioskSettings.saved') });
    } catch (error) {
      setMessage({ ok: false, text: toErrorData(error).message });
    }
  };
  return (
    <section aria-labelledby="kiosk-settings-title">
      <h2 id="kiosk-settings-title">{t('kioskSettings.title')}</h2>
      <p className="hint">{isSet ? t('kioskSettings.isSet') : t('kioskSettings.notSet')}</p>
      <form
        className="actions"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {isSet ? (
          <span>
            <label htmlFor="kiosk-current">{t('kioskSettings.current')}</label>{' '}
            <input
              id="kiosk-current"
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          </span>
        ) : null}
        <span>
          <label htmlFor="kiosk-next">{t('kioskSettings.next')}</label>{' '}
          <input
            id="kiosk-next"
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </span>
        <button type="submit" className="secondary">
          {t('kioskSettings.save')}
        </button>
      </form>
      {message ? <p role={message.ok ? 'status' : 'alert'}>{message.text}</p> : null}
    </section>
  );
}
