import { ComingSoon } from '../../app/ComingSoon';

export function CaseStudiesPage() {
  return <ComingSoon feature="caseStudies" />;
}
