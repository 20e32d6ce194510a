/**
 * CMC plans: the road from no published capability to a CMC in the BIPM KCDB. The list
 * (grouped by area, with the pipeline), a new plan, a plan's editor and its printable
 * summary, the timeline, matching needs to providers, and the KCDB taxonomy.
 */
import { Route, Routes } from 'react-router';
import './cmc-plans.css';
import { MatchingPage } from './MatchingPage';
import { NewPlanPage } from './NewPlanPage';
import { PlanEditorPage } from './PlanEditorPage';
import { PlansListPage } from './PlansListPage';
import { PlanSummaryPage } from './PlanSummaryPage';
import { TaxonomyPage } from './TaxonomyPage';
import { TimelinePage } from './TimelinePage';

export function CmcPlansPage() {
  return (
    <Routes>
      <Route index element={<PlansListPage />} />
      <Route path="new" element={<NewPlanPage />} />
      <Route path="timeline" element={<TimelinePage />} />
      <Route path="matching" element={<MatchingPage />} />
      <Route path="taxonomy" element={<TaxonomyPage />} />
      <Route path=":planId/summary" element={<PlanSummaryPage />} />
      <Route path=":planId" element={<PlanEditorPage />} />
    </Routes>
  );
}
