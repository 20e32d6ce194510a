import './case-studies.css';
import { Route, Routes } from 'react-router';
import { CaseStudiesPage } from './CaseStudiesPage';
import { CaseStudyEditorPage } from './CaseStudyEditorPage';
import { PublishedStoryPage } from './PublishedStoryPage';
import { StoryPrintPage } from './StoryPrintPage';

/** Everything under /case-studies: the library, a story, its published copy, and their printable layouts. */
export function CaseStudiesRoutes() {
  return (
    <Routes>
      <Route index element={<CaseStudiesPage />} />
      <Route path="library/:caseStudyId" element={<PublishedStoryPage />} />
      <Route path="library/:caseStudyId/print" element={<StoryPrintPage source="library" />} />
      <Route path=":caseStudyId" element={<CaseStudyEditorPage />} />
      <Route path=":caseStudyId/print" element={<StoryPrintPage source="org" />} />
    </Routes>
  );
}
