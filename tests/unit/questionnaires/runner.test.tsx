// @vitest-environment jsdom
/**
 * The runner as a person uses it, on a real PouchDB (memory adapter) and Dexie
 * (fake-indexeddb): relevance, live calculation, repeats, autosave and submission.
 */
import 'fake-indexeddb/auto';
import '../../../renderer/src/i18n';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryRouter, Route, Routes } from 'react-router';
import { WorkspaceContext } from '../../../renderer/src/app/workspace-context';
import { openWorkspace, type Workspace } from '../../../renderer/src/data/workspace';
import { ResponseEditorPage } from '../../../renderer/src/features/questionnaires/ResponseEditorPage';
import { MemoryPouch, uniqueOrg } from '../helpers/memory-pouch';

const DEC = 'dec_capacity_needs';
const open: Workspace[] = [];
afterEach(async () => {
  cleanup();
  for (const ws of open.splice(0)) {
    ws.projector.stop();
    await ws.projector.catchUp().catch(() => undefined);
    ws.readModel.close();
    await ws.db.destroy();
  }
});

async function renderRunner() {
  const org = uniqueOrg('runner');
  const workspace = await openWorkspace({ org, user: 'Maria' }, MemoryPouch);
  open.push(workspace);
  const doc = await workspace.repository.createResponse(DEC, '2026.2', 2026);
  render(
    <WorkspaceContext.Provider
      value={{
        profile: { org, user: 'Maria', instituteName: 'Test institute', economy: 'Testland' } as never,
        workspace,
        replaceWorkspace: () => undefined,
      }}
    >
      <MemoryRouter initialEntries={[`/questionnaires/${encodeURIComponent(doc._id)}`]}>
        <Routes>
          <Route path="/questionnaires/:responseId" element={<ResponseEditorPage />} />
        </Routes>
      </MemoryRouter>
    </WorkspaceContext.Provider>,
  );
  await screen.findByRole('heading', { level: 1, name: /DEC capacity and needs assessment · 2026/ });
  return { workspace, id: doc._id, user: userEvent.setup() };
}

describe('the form runner', () => {
  it('shows a question only while it is relevant, and calculates as the person types', async () => {
    const { user } = await renderRunner();
    expect(screen.queryByLabelText(/Describe the legal status/)).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Other' }));
    expect(await screen.findByLabelText(/Describe the legal status/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Statutory body' }));
    await waitFor(() => expect(screen.queryByLabelText(/Describe the legal status/)).toBeNull());

    await user.type(screen.getByLabelText('Scientists and engineers'), '3');
    await user.type(screen.getByLabelText('Technicians'), '5');
    expect(await screen.findByText('Total staff: 8')).toBeTruthy();
  });

  it('explains an answer outside the rule in the template’s words, and keeps it as typed', async () => {
    const { user, workspace, id } = await renderRunner();
    await user.type(screen.getByLabelText('Year the institute was established'), '1799');
    expect(await screen.findByText('Enter a year from 1800 to this year.')).toBeTruthy();
    await user.clear(screen.getByLabelText('Technicians'));
    await user.type(screen.getByLabelText('Technicians'), 'six');
    // The message speaks of the question's own kind and range.
    expect(await screen.findByText('Enter a whole number of 0 or more.')).toBeTruthy();
    await waitFor(async () => {
      const doc = await workspace.repository.getResponse(id);
      expect(doc?.answers['staff_technicians']?.value).toBe('six');
      expect(doc?.answers['year_established']?.value).toBe(1799);
    });
  });

  it('adds and removes repeat instances, keyed so other instances keep their answers', async () => {
    const { user, workspace, id } = await renderRunner();
    await user.click(screen.getByRole('button', { name: /^Needs/ }));
    await user.click(screen.getByRole('button', { name: 'Add a need' }));
    await user.click(screen.getByRole('button', { name: 'Add a need' }));
    const priorities = await screen.findAllByLabelText(/Priority/);
    expect(priorities).toHaveLength(2);
    await user.type(priorities[0] as HTMLElement, '1');
    await user.type(priorities[1] as HTMLElement, '4');
    await user.click(screen.getByRole('button', { name: 'Remove Need 1' }));
    await waitFor(() => expect(screen.getAllByLabelText(/Priority/)).toHaveLength(1));
    expect((screen.getByLabelText(/Priority/) as HTMLInputElement).value).toBe('4');
    await waitFor(async () => {
      const doc = await workspace.repository.getResponse(id);
      const ids = doc?.answers['need']?.value as string[];
      expect(ids).toHaveLength(1);
      expect(doc?.answers[`need#${ids[0]}/need_priority`]?.value).toBe(4);
    });
  });

  it('refuses to submit with gaps and lists each one', async () => {
    const { user } = await renderRunner();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const gaps = await screen.findByTestId('submit-gaps');
    expect(gaps.textContent).toContain('3 answers must be completed');
    expect(gaps.textContent).toContain('In which metrology areas');
    expect(gaps.textContent).toContain('Legal status of the institute');
    expect(gaps.textContent).toContain('Is the quality system based on ISO/IEC 17025');
  });
});
