/**
 * The "?" of every screen: a short help page for the screen being shown (what it is for,
 * what each action does, who sees the data) and the words the app uses, from the app itself
 * (../../i18n/en.help.json), so it works offline.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Dialog } from '../../app/Dialog';
import { helpTopic } from './help-topics';

export function HelpButton() {
  const { t } = useTranslation('help');
  const [open, setOpen] = useState(false);
  const topic = helpTopic(useLocation().pathname);
  const actions = t(`topics.${topic}.actions`, { returnObjects: true }) as unknown as string[];
  const terms = t('terms', { returnObjects: true }) as unknown as Record<string, string>;
  return (
    <>
      <button
        type="button"
        className="header-button"
        aria-label={t('buttonLabel')}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        <span aria-hidden="true">?</span>
      </button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title={t('title', { screen: t(`topics.${topic}.screen`) })}
        testId="help"
        className="help"
      >
        <h3>{t('what')}</h3>
        <p>{t(`topics.${topic}.what`)}</p>
        <h3>{t('actions')}</h3>
        <ul>
          {actions.map((action) => (
            <li key={action}>{action}</li>
          ))}
        </ul>
        <h3>{t('who')}</h3>
        <p>{t(`topics.${topic}.who`)}</p>
        <h3>{t('glossary')}</h3>
        <dl className="glossary">
          {Object.entries(terms).map(([term, meaning]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
        <p className="hint">{t('offline')}</p>
      </Dialog>
    </>
  );
}
