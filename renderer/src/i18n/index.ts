import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import caseStudies from './case-studies.en.json';
import en from './en.json';
import enCmcPlans from './en.cmc-plans.json';
import enEvents from './en.events.json';
import enFunding from './en.funding.json';
import enHelp from './en.help.json';

export const defaultNS = 'translation';
// Features with many strings keep them in a file of their own: CMC plans as a namespace
// (useTranslation('cmcPlans')), funding's (useTranslation('funding')), events' and DEN2DEN's
// (useTranslation('events')) and the help pages' (useTranslation('help')) too; case studies
// merged under their key of the default one.
export const resources = {
  en: {
    translation: { ...en, caseStudies },
    cmcPlans: enCmcPlans,
    funding: enFunding,
    events: enEvents,
    help: enHelp,
  },
} as const;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNS;
    resources: (typeof resources)['en'];
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
