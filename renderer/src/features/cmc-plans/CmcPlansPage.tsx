import { ComingSoon } from '../../app/ComingSoon';

export function CmcPlansPage() {
  return <ComingSoon feature="cmcPlans" />;
}
