import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import enCmcPlans from './en.cmc-plans.json';

export const defaultNS = 'translation';
// Features with many strings keep them in a namespace of their own (useTranslation('cmcPlans')).
export const resources = { en: { translation: en, cmcPlans: enCmcPlans } } as const;

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
