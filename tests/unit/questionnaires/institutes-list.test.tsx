// @vitest-environment jsdom
/**
 * The questionnaires list on a computer that holds several institutes' responses (the
 * secretariat's): an Institute column with names from the directory, and a filter. An
 * institute's own computer shows neither.
 */
import 'fake-indexeddb/auto';
import '../../../renderer/src/i18n';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { WorkspaceContext } from '../../../renderer/src/app/workspace-context';
import { Repository } from '../../../renderer/src/data/repository';
import { closeWorkspace, openWorkspace, type Workspace } from '../../../renderer/src/data/workspace';
import { QuestionnairesPage } from '../../../renderer/src/features/questionnaires/QuestionnairesPage';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const open: Workspace[] = [];
afterEach(async () => {
  cleanup();
  for (const ws of open.splice(0)) await closeWorkspace(ws);
});

async function renderList(others: Record<string, string>) {
  const org = uniqueOrg('own');
  const workspace = await openWorkspace({ org, user: 'Sam' }, MemoryPouch, { libraryName: `library-${org}` });
  open.push(workspace);
  await workspace.repository.createResponse('dec_capacity_needs', '2026.1', 2026);
  for (const [other, name] of Object.entries(others)) {
    await new Repository(workspace.db, { org: other, user: 'Sam' }).createResponse(
      'dec_capacity_needs',
      '2026.1',
      2026,
    );
    await workspace.library.put({
      _id: `institute:${other}`,
      type: 'institute',
      schemaVersion: 1,
      org: other,
      createdAt: '2026-11-24T09:00:00.000Z',
      updatedAt: '2026-11-24T09:00:00.000Z',
      updatedBy: 'workbench setup',
      name,
      acronym: '',
      economy: 'Testland',
      inferred: false,
      source: 'given',
    });
  }
  render(
    <WorkspaceContext.Provider
      value={{
        profile: {
          org,
          userName: 'Sam',
          instituteName: 'DEC Secretariat',
          acronym: 'DEC',
          economy: 'Testland',
          inferred: false,
        },
        workspace,
        replaceWorkspace: () => undefined,
      }}
    >
      <MemoryRouter initialEntries={['/questionnaires']}>
        <Routes>
          <Route path="/questionnaires" element={<QuestionnairesPage />} />
        </Routes>
      </MemoryRouter>
    </WorkspaceContext.Provider>,
  );
  const table = await screen.findByTestId('responses-table');
  await waitFor(() =>
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 1 + Object.keys(others).length),
  );
  return { table, user: userEvent.setup() };
}

describe('the questionnaires list', () => {
  it('names each row’s institute from the directory and shows one institute when asked', async () => {
    const { table, user } = await renderList({ 'b-inst': 'Bureau B', 'c-inst': 'Centre C' });
    expect(within(table).getByRole('columnheader', { name: 'Institute' })).toBeTruthy();
    await waitFor(() => expect(within(table).getByText('Bureau B')).toBeTruthy());
    expect(within(table).getByText('Centre C')).toBeTruthy();
    expect(within(table).getByText('DEC Secretariat (DEC)')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('Institute'), 'Bureau B');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('Bureau B')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Institute'), 'All institutes');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
  });

  it('looks as before on an institute’s own computer', async () => {
    const { table } = await renderList({});
    expect(within(table).queryByRole('columnheader', { name: 'Institute' })).toBeNull();
    expect(screen.queryByLabelText('Institute')).toBeNull();
  });
});
