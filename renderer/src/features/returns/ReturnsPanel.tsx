/** Excel returns on the questionnaires screen: export a consolidated or blank return, import a filled one. */
import { useWorkspace } from '../../app/workspace-context';
import { ConsolidatedExport } from './ConsolidatedExport';
import { ImportReturn } from './ImportReturn';

export function ReturnsPanel() {
  const { profile } = useWorkspace();
  return (
    <>
      <ConsolidatedExport />
      <ImportReturn mayWrite={(org) => org === profile.org} />
    </>
  );
}
