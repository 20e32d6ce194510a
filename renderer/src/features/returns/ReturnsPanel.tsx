/** Excel returns on the questionnaires screen: export a consolidated or blank return, import a filled one. */
import { useSyncStore } from '../../app/sync-store';
import { useWorkspace } from '../../app/workspace-context';
import { ConsolidatedExport } from './ConsolidatedExport';
import { ImportReturn } from './ImportReturn';

export function ReturnsPanel() {
  const { profile } = useWorkspace();
  // The secretariat enters returns for any institute; everyone else for their own.
  const isSecretariat = useSyncStore((s) => s.isSecretariat);
  return (
    <>
      <ConsolidatedExport />
      <ImportReturn mayWrite={(org) => org === profile.org || isSecretariat} />
    </>
  );
}
