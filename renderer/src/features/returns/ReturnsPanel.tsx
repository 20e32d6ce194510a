/**
 * Excel returns on the questionnaires screen: import a filled return (everyone), and, among
 * the secretariat's tools, export a consolidated or a blank return.
 */
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { ImportReturn } from './ImportReturn';

export { ConsolidatedExport } from './ConsolidatedExport';

export function ReturnsPanel() {
  const { profile } = useWorkspace();
  // The secretariat enters returns for any institute; everyone else for their own.
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  return <ImportReturn mayWrite={(org) => org === profile.org || isSecretariat} />;
}
