// @vitest-environment jsdom
/**
 * The Sync screen as a person uses it, on a real PouchDB and a real hub: sign-in mistakes
 * and a document the server refused, each in plain words; the Conflicts inbox showing both
 * values with who and when, and keeping the one chosen.
 */
import 'fake-indexeddb/auto';
import '../../renderer/src/i18n';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDoc } from '../../shared/docs/response/schema';
import { useSyncStore } from '../../renderer/src/app/sync-store';
import { WorkspaceContext } from '../../renderer/src/app/workspace-context';
import { SLOW_LINK } from '../../renderer/src/data/sync/controller';
import { SyncSession } from '../../renderer/src/data/sync/session';
import { SyncPage } from '../../renderer/src/features/sync/SyncPage';
import { device, memoryKeeper, type Device } from './helpers/devices';
import { prepare, responseDoc, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4671);
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(hub, ['a'], [{ name: 'ana', role: 'org:a' }]);
});
afterAll(async () => {
  await hub?.destroy();
});
afterEach(() => {
  cleanup();
  useSyncStore.getState().session?.dispose();
  useSyncStore.getState().setSession(undefined);
});

async function renderSync(d: Device) {
  const { TestPouch } = await import('./helpers/devices');
  const session = new SyncSession({
    db: d.db,
    org: 'a',
    Pouch: TestPouch,
    keeper: memoryKeeper(),
    online: true,
    options: { ...SLOW_LINK, retryMs: 200 },
    onState: (state) => useSyncStore.getState().setState(state),
  });
  useSyncStore.getState().setSession(session);
  await act(() => session.open());
  render(
    <WorkspaceContext.Provider
      value={{
        profile: { org: 'a', userName: 'Ana', instituteName: 'Institute A', economy: 'Testland' } as never,
        workspace: { db: d.db } as never,
        replaceWorkspace: () => undefined,
      }}
    >
      <SyncPage />
    </WorkspaceContext.Provider>,
  );
  return { session, user: userEvent.setup() };
}

async function fill(user: ReturnType<typeof userEvent.setup>, url: string, name: string, password: string) {
  for (const [label, value] of [
    ['Server address', url],
    ['User name', name],
    ['Password', password],
  ] as const) {
    const input = screen.getByLabelText(label);
    await user.clear(input);
    await user.type(input, value);
  }
  await user.click(screen.getByRole('button', { name: 'Connect and sync' }));
}

describe('the Sync screen', () => {
  it('says what is wrong with a sign-in, and names a document the server refused and why', async () => {
    const d = device('page-refused', 'a', 'ana', 'ana-password');
    await d.repository.createResponse('dec_capacity_needs', '2026.1', 2026, {});
    await d.db.put({ ...responseDoc('b', 2030), _id: 'response:b:dec_capacity_needs:2030' });
    const { user } = await renderSync(d);

    await fill(user, hub.url, 'ana', 'wrong');
    expect((await screen.findByTestId('sign-in-problem')).textContent).toBe(
      'The user name or password is wrong.',
    );
    await fill(user, 'http://127.0.0.1:4679', 'ana', 'ana-password');
    await waitFor(() =>
      expect(screen.getByTestId('sign-in-problem').textContent).toMatch(/cannot be reached/),
    );
    await fill(user, hub.url, 'ana', 'ana-password');
    const refused = await screen.findByTestId('sync-refused', {}, { timeout: 20_000 });
    expect(refused.textContent).toContain('response:b:dec_capacity_needs:2030');
    expect(refused.textContent).toMatch(/belongs to institute "b"/);
    await waitFor(() => expect(screen.getByTestId('sync-phase').textContent).toMatch(/Up to date/), {
      timeout: 20_000,
    });
  }, 60_000);

  it('shows both values of an answer changed in two places, with who and when, and keeps the chosen one', async () => {
    let minutes = 0;
    const clock = (day: string) => () => new Date(Date.parse(day) + 60_000 * ++minutes);
    const here = device('page-here', 'a', 'ana', 'ana-password', clock('2026-11-20T10:00:00Z'));
    const there = device('page-there', 'a', 'ben', 'ben-password', clock('2026-11-21T15:30:00Z'));
    const doc = await here.repository.createResponse('dec_capacity_needs', '2026.1', 2026, {
      staff_technicians: 4,
    });
    await here.db.replicate.to(there.db);
    await here.repository.saveAnswers(doc._id, { staff_technicians: 5, staff_admin: 2 });
    await there.repository.saveAnswers(doc._id, { staff_technicians: 7 });
    await there.db.replicate.to(here.db);

    const { user } = await renderSync(here);
    const inbox = await screen.findByTestId('conflicts-inbox');
    expect(within(inbox).getByRole('heading', { level: 2 }).textContent).toBe(
      '1 document edited in two places',
    );
    const group = within(inbox).getByRole('group', { name: 'Question staff_technicians' });
    expect(group.textContent).toMatch(/5\s*by ana/);
    expect(group.textContent).toMatch(/7\s*by ben/);
    const keep = within(inbox).getByRole('button', { name: 'Keep the chosen values' });
    expect((keep as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(group).getByRole('radio', { name: /^7/ }));
    await user.click(keep);
    await waitFor(() => expect(screen.queryByTestId('conflicts-inbox')).toBeNull());

    const merged = (await here.db.get(doc._id, { conflicts: true })) as ResponseDoc & {
      _conflicts?: string[];
    };
    expect(merged._conflicts ?? []).toEqual([]);
    expect(merged.answers['staff_technicians']?.value).toBe(7);
    // The answer only one side changed was merged without asking.
    expect(merged.answers['staff_admin']?.value).toBe(2);
  }, 60_000);
});
