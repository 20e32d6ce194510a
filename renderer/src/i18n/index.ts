import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import caseStudies from './case-studies.en.json';
import en from './en.json';

export const defaultNS = 'translation';
// Each capability may keep its strings in a file of its own, merged under its key.
export const resources = { en: { translation: { ...en, caseStudies } } } as const;

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
