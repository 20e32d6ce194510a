import { ComingSoon } from '../../app/ComingSoon';

export function SyncPage() {
  return <ComingSoon feature="sync" />;
}
