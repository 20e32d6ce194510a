import { createContext, useContext } from 'react';
import type { Profile } from '../data/device-settings';
import type { Workspace } from '../data/workspace';
import type { TrainingContextValue } from './training-context';

export interface WorkspaceContextValue {
  profile: Profile;
  workspace: Workspace;
  /** Replaces the open workspace, e.g. after the read model was rebuilt. */
  replaceWorkspace: (next: Workspace) => void;
  /** Training mode: on or off, and the ways in and out (see useTraining). */
  training?: TrainingContextValue;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside the open workspace');
  return value;
}
