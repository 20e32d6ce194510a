import { useTranslation } from 'react-i18next';
import type { resources } from '../i18n';

type ComingSoonKey = keyof (typeof resources)['en']['translation']['comingSoon'];

/** A capability whose own issue has not landed yet: says plainly what will be here. */
export function ComingSoon({ feature }: { feature: ComingSoonKey }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${feature}-title`}>
      <h1 id={`${feature}-title`}>{t(`nav.${feature}`)}</h1>
      <p>{t(`comingSoon.${feature}`)}</p>
    </section>
  );
}
