/**
 * DEN2DEN (issue 22; DEC plan LA5-WP3: developing-economy institutes helping each other):
 * offers institutes publish, requests made to a chosen provider and their answers, and each
 * side's record of the outcome; on the secretariat's computer, every exchange across
 * institutes. Loaded when first opened. The rules are in shared/den2den.
 */
import { useTranslation } from 'react-i18next';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { ExchangesPage } from './ExchangesPage';
import { OffersPage } from './OffersPage';
import '../funding/funding.css';
import '../events/events.css';

export default function Den2DenPage() {
  const { t } = useTranslation('events');
  return (
    <section aria-labelledby="den2den-title" className="funding den2den">
      <h1 id="den2den-title">{t('den2den.title')}</h1>
      <p className="hint">{t('den2den.intro')}</p>
      <nav aria-label={t('den2den.title')} className="tabs subnav">
        <NavLink to="/den2den/requests">{t('den2den.nav.requests')}</NavLink>
        <NavLink to="/den2den/offers">{t('den2den.nav.offers')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<Navigate to="requests" replace />} />
        <Route path="offers" element={<OffersPage />} />
        <Route path="requests/*" element={<ExchangesPage />} />
      </Routes>
    </section>
  );
}
