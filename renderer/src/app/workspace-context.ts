import { createContext, useContext } from 'react';
import type { Profile } from '../data/device-settings';
import type { KioskState } from '../data/kiosk';
import type { Workspace } from '../data/workspace';
import type { TrainingContextValue } from './training-context';

export interface WorkspaceContextValue {
  profile: Profile;
  workspace: Workspace;
  /** Replaces the open workspace, e.g. after the read model was rebuilt. */
  replaceWorkspace: (next: Workspace) => void;
  /** Training mode: on or off, and the ways in and out (see useTraining). */
  training?: TrainingContextValue;
  /** Kiosk mode (features/events/KioskPage.tsx): the app shell shows only the kiosk while it is on. */
  kiosk?: { state: KioskState | undefined; enter(state: KioskState): void; left(): void };
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside the open workspace');
  return value;
}
