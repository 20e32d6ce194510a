/**
 * Funding and activities (issue 21): the funding map, the support ledger, DEC activities with
 * their results and follow-ups, and the annual report. Loaded when first opened (it shares the
 * dashboard's charts). The rules are in shared/funding; these screens are thin over them.
 */
import { useTranslation } from 'react-i18next';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { ActivitiesPage } from './ActivitiesPage';
import { FundingMapPage } from './FundingMapPage';
import { LedgerPage } from './LedgerPage';
import { ReportPage } from './ReportPage';
import './funding.css';

export default function FundingPage() {
  const { t } = useTranslation('funding');
  return (
    <section aria-labelledby="funding-title" className="funding">
      <h1 id="funding-title">{t('title')}</h1>
      <p className="hint no-print">{t('intro')}</p>
      <nav aria-label={t('nav.label')} className="tabs subnav no-print">
        <NavLink to="/funding/map">{t('nav.map')}</NavLink>
        <NavLink to="/funding/ledger">{t('nav.ledger')}</NavLink>
        <NavLink to="/funding/activities">{t('nav.activities')}</NavLink>
        <NavLink to="/funding/report">{t('nav.report')}</NavLink>
      </nav>
      <Routes>
        <Route index element={<Navigate to="map" replace />} />
        <Route path="map" element={<FundingMapPage />} />
        <Route path="ledger" element={<LedgerPage />} />
        <Route path="activities/*" element={<ActivitiesPage />} />
        <Route path="report" element={<ReportPage />} />
      </Routes>
    </section>
  );
}
