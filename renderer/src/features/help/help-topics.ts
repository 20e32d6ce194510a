/** Which help page belongs to the screen at a path (the app's routes, App.tsx). */
export type HelpTopic =
  | 'questionnaires'
  | 'response'
  | 'compare'
  | 'cmcPlans'
  | 'newPlan'
  | 'plan'
  | 'planSummary'
  | 'timeline'
  | 'matching'
  | 'taxonomy'
  | 'caseStudies'
  | 'story'
  | 'publishedStory'
  | 'dashboard'
  | 'sync'
  | 'settings';

export function helpTopic(pathname: string): HelpTopic {
  const [first = '', second = '', third = ''] = pathname.split('/').filter(Boolean);
  switch (first) {
    case 'questionnaires':
      return second === '' ? 'questionnaires' : second === 'compare' ? 'compare' : 'response';
    case 'cmc-plans':
      if (second === '') return 'cmcPlans';
      if (second === 'new' || second === 'timeline' || second === 'matching' || second === 'taxonomy')
        return second === 'new' ? 'newPlan' : second;
      return third === 'summary' ? 'planSummary' : 'plan';
    case 'case-studies':
      if (second === '') return 'caseStudies';
      return second === 'library' ? 'publishedStory' : 'story';
    case 'dashboard':
    case 'sync':
    case 'settings':
      return first;
    default:
      return 'questionnaires';
  }
}
