/** The institutes' directory for screens (see ./directory-view.ts for where each answer comes from). */
import { useMemo } from 'react';
import { listReferenceInstitutes } from '@shared/reference/economies';
import economiesFile from '../../../../resources/reference/apmp-economies.json';
import { useWorkspace } from '../../app/workspace-context';
import { useInstituteRows } from '../../data/library-hooks';
import type { InstituteRow } from '../../data/read-model';
import { directoryView, type InstituteDirectory } from './directory-view';

const reference = listReferenceInstitutes(economiesFile);
const NO_ROWS: InstituteRow[] = [];

export function useInstitutes(): InstituteDirectory {
  const { profile } = useWorkspace();
  const rows = useInstituteRows() ?? NO_ROWS;
  return useMemo(() => directoryView(rows, profile, reference), [rows, profile]);
}
