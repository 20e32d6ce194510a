/** Where a story opens: the institute's copy in the editor, a library copy read-only. */
import type { CaseStudySource } from '../../data/case-study-rows';

export function storyPath(source: CaseStudySource, id: string): string {
  return source === 'library'
    ? `/case-studies/library/${encodeURIComponent(id)}`
    : `/case-studies/${encodeURIComponent(id)}`;
}
