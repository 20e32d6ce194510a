/**
 * The first-start tour: four short steps (what the app holds, that everything is saved on
 * this computer, what sync does and when, where to start this cycle), skippable, shown once
 * after the institute is chosen and again from Settings. Whether it was seen is kept on this
 * computer (`workbench-local`), never synced.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Dialog } from '../../app/Dialog';
import { useTourStore } from '../../app/tour-store';
import { useWorkspace } from '../../app/workspace-context';
import { readSetting, writeSetting } from '../../data/device-settings';

const SEEN_KEY = 'tour-seen';

interface Step {
  heading: string;
  text: string;
}

export function Tour() {
  const { t } = useTranslation();
  const { profile } = useWorkspace();
  const { open, show, hide } = useTourStore();
  const [step, setStep] = useState(0);
  const steps = t('tour.steps', { returnObjects: true }) as unknown as Step[];

  useEffect(() => {
    let live = true;
    void readSetting(SEEN_KEY, z.boolean(), false).then((seen) => {
      if (live && !seen) show();
    });
    return () => {
      live = false;
    };
  }, [show]);

  const finish = () => {
    void writeSetting(SEEN_KEY, true);
    setStep(0);
    hide();
  };
  const current = steps[step];
  const last = step === steps.length - 1;
  return (
    <Dialog
      open={open}
      onClose={finish}
      title={t('tour.title', { name: profile.userName })}
      className="tour"
      testId="tour"
      actions={
        <>
          <button type="button" className="secondary" onClick={finish}>
            {t('tour.skip')}
          </button>
          <span className="spacer" />
          {step > 0 ? (
            <button type="button" className="secondary" onClick={() => setStep(step - 1)}>
              {t('tour.back')}
            </button>
          ) : null}
          <button type="button" data-autofocus onClick={() => (last ? finish() : setStep(step + 1))}>
            {last ? t('tour.done') : t('tour.next')}
          </button>
        </>
      }
    >
      <p className="hint">{t('tour.step', { n: step + 1, total: steps.length })}</p>
      {current ? (
        <>
          <h3>{current.heading}</h3>
          <p>{current.text}</p>
        </>
      ) : null}
    </Dialog>
  );
}
