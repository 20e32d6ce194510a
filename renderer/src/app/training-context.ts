import { useContext } from 'react';
import type { PracticeInstitute, TrainingState } from '../data/training';
import { WorkspaceContext } from './workspace-context';

export interface TrainingContextValue {
  state: TrainingState;
  /** The practice institute, when training mode is on. */
  active: PracticeInstitute | undefined;
  /** Training mode on with the built-in practice institute. */
  start(): void;
  /** Training mode on with a facilitator's file; rejects, with nothing changed, when the file is not one. */
  startFromFile(bytes: Uint8Array): Promise<void>;
  /** Back to the real workspace. */
  leave(): void;
  /** Deletes every practice database (leaving training mode first). */
  remove(): void;
}

const unavailable = () => {
  throw new Error('Training mode is switched by the app shell (App.tsx), which is not around this screen.');
};

/**
 * Outside the app shell (a screen rendered on its own, as component tests do) training
 * mode is off and cannot be switched; the app always provides the real value with the
 * open workspace (App.tsx).
 */
const OUTSIDE_APP: TrainingContextValue = {
  state: { active: false, orgs: [] },
  active: undefined,
  start: unavailable,
  startFromFile: () => Promise.reject(new Error('Training mode is not available here.')),
  leave: unavailable,
  remove: unavailable,
};

export function useTraining(): TrainingContextValue {
  return useContext(WorkspaceContext)?.training ?? OUTSIDE_APP;
}
