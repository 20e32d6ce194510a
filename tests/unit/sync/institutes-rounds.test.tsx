// @vitest-environment jsdom
/** The Sync screen's account of the secretariat's rounds: progress by name, problems in words. */
import 'fake-indexeddb/auto';
import '../../../renderer/src/i18n';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useSyncStore } from '../../../renderer/src/app/sync-store';
import { WorkspaceContext } from '../../../renderer/src/app/workspace-context';
import { initialStatus } from '../../../renderer/src/data/sync/controller';
import type { RoundsStatus } from '../../../renderer/src/data/sync/secretariat';
import { closeWorkspace, openWorkspace, type Workspace } from '../../../renderer/src/data/workspace';
import { InstitutesRounds } from '../../../renderer/src/features/sync/InstitutesRounds';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const open: Workspace[] = [];
afterEach(async () => {
  cleanup();
  useSyncStore.getState().setState({ status: initialStatus(), remembered: false });
  for (const ws of open.splice(0)) await closeWorkspace(ws);
});

const AT = '2026-11-24T09:00:00.000Z';

async function show(rounds: RoundsStatus, isSecretariat = true) {
  const org = uniqueOrg('sec');
  const workspace = await openWorkspace({ org, user: 'Sam' }, MemoryPouch, { libraryName: `library-${org}` });
  open.push(workspace);
  await workspace.library.put({
    _id: 'institute:b',
    type: 'institute',
    schemaVersion: 1,
    org: 'b',
    createdAt: AT,
    updatedAt: AT,
    updatedBy: 'workbench setup',
    name: 'Bureau B',
    acronym: 'BB',
    economy: 'Testland',
    inferred: false,
    source: 'given',
  });
  await workspace.libraryProjector.catchUp();
  act(() =>
    useSyncStore.getState().setState({ status: initialStatus(), remembered: false, isSecretariat, rounds }),
  );
  render(
    <WorkspaceContext.Provider
      value={{
        profile: {
          org,
          userName: 'Sam',
          instituteName: 'Secretariat',
          acronym: '',
          economy: 'X',
          inferred: false,
        },
        workspace,
        replaceWorkspace: () => undefined,
      }}
    >
      <InstitutesRounds />
    </WorkspaceContext.Provider>,
  );
}

describe('the secretariat’s rounds on the Sync screen', () => {
  it('says which institute of how many is syncing, and what went wrong for which', async () => {
    await show({
      running: true,
      index: 2,
      total: 3,
      current: 'b',
      bytesDown: 0,
      results: {
        'dec-library': { at: AT, ok: true, up: 0, down: 3 },
        gone: { at: AT, ok: false, up: 0, down: 0, message: 'The server has no database org-gone.' },
      },
    });
    await waitFor(() =>
      expect(screen.getByTestId('rounds-progress').textContent).toBe(
        'Syncing institute 2 of 3: Bureau B (BB)',
      ),
    );
    expect(screen.getByTestId('rounds-problems').textContent).toContain(
      'gone: The server has no database org-gone.',
    );
  });

  it('shows nothing on an institute’s own computer', async () => {
    await show({ running: false, index: 0, total: 0, bytesDown: 0, results: {} }, false);
    expect(screen.queryByTestId('institutes-rounds')).toBeNull();
  });
});
