import { ComingSoon } from '../../app/ComingSoon';

export function DashboardPage() {
  return <ComingSoon feature="dashboard" />;
}
