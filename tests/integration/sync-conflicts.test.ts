/**
 * The conflict storm: three devices of one institute edit the same responses offline —
 * different answers and the same answers — and sync with a real hub in random order.
 * All devices end identical, and every edit is either in the merged document or waiting
 * in the Conflicts inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseDoc } from '../../shared/docs/response/schema';
import { resolveConflicts, resolveWithChoices } from '../../renderer/src/data/sync/conflicts';
import { device, seeded, type Device } from './helpers/devices';
import { prepare, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4651);
const ORG = 'a';
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(PORT);
  await prepare(
    hub,
    [ORG],
    [
      { name: 'ana', role: 'org:a' },
      { name: 'ben', role: 'org:a' },
      { name: 'cai', role: 'org:a' },
    ],
  );
});
afterAll(async () => {
  await hub.destroy();
});

async function syncOnce(d: Device): Promise<void> {
  await d.db.sync(d.remote(hub.url, `org-${ORG}`));
  await resolveConflicts(d.db);
  await d.db.sync(d.remote(hub.url, `org-${ORG}`));
}

describe('three devices editing the same responses offline', () => {
  it('end identical, with every edit merged or in the inbox', async () => {
    let tick = Date.parse('2026-11-24T09:00:00Z');
    const clock = () => new Date((tick += 1000));
    const devices = [
      device('one', ORG, 'ana', 'ana-password', clock),
      device('two', ORG, 'ben', 'ben-password', clock),
      device('three', ORG, 'cai', 'cai-password', clock),
    ];
    const [first] = devices as [Device, Device, Device];
    const questions = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6'];
    const ids: string[] = [];
    for (const cycle of [2024, 2025, 2026]) {
      const doc = await first.repository.createResponse(
        'dec_capacity_needs',
        '2026.1',
        cycle,
        Object.fromEntries(questions.map((q) => [q, `start ${q}`])),
      );
      ids.push(doc._id);
    }
    for (const d of devices) await syncOnce(d);
    await syncOnce(first);
    for (const d of devices) await syncOnce(d);

    // Offline: each device edits some answers; some questions are edited on two devices.
    const random = seeded(20261124);
    const edits: { device: string; id: string; key: string; value: string }[] = [];
    for (const d of devices) {
      for (const id of ids) {
        const changes: Record<string, string> = {};
        for (const q of questions) {
          if (random() < 0.4) {
            changes[q] = `${d.name} ${q} ${Math.floor(random() * 1000)}`;
            edits.push({ device: d.name, id, key: q, value: changes[q] });
          }
        }
        if (Object.keys(changes).length > 0) await d.repository.saveAnswers(id, changes);
      }
    }
    expect(edits.length).toBeGreaterThan(10);

    // Back online, in random order, until a whole round changes nothing (live sync does this by itself).
    const fingerprint = async () =>
      JSON.stringify(
        await Promise.all(
          devices.map(async (d) =>
            (await d.db.allDocs({ conflicts: true, include_docs: true })).rows.map((r) => [
              r.id,
              r.value.rev,
              (r.doc as { _conflicts?: string[] })._conflicts,
            ]),
          ),
        ),
      );
    let rounds = 0;
    for (let before = ''; rounds < 8; rounds++) {
      const order = [...devices].sort(() => random() - 0.5);
      for (const d of order) await syncOnce(d);
      const after = await fingerprint();
      if (after === before) break;
      before = after;
    }
    expect(rounds).toBeLessThan(8);

    for (const id of ids) {
      const views = await Promise.all(
        devices.map(
          async (d) => (await d.db.get(id, { conflicts: true })) as ResponseDoc & { _conflicts?: string[] },
        ),
      );
      // Identical on every device: the same winning revision and the same open conflicts.
      expect(new Set(views.map((v) => v._rev)).size, id).toBe(1);
      expect(new Set(views.map((v) => JSON.stringify([...(v._conflicts ?? [])].sort()))).size).toBe(1);
    }
    const inbox = (await resolveConflicts(first.db)).inbox;
    expect(inbox.length).toBeGreaterThan(0);
    const offered = (edit: (typeof edits)[number]) =>
      inbox.some(
        (item) =>
          item.id === edit.id &&
          item.conflicts.some(
            (c) => c.field === `answers.${edit.key}` && c.options.some((o) => o.value === edit.value),
          ),
      );

    // A person settles the inbox on one device; the others follow after sync, with no conflict left.
    for (const item of inbox) {
      const choices = Object.fromEntries(item.conflicts.map((c) => [c.field, c.options[0]?.value]));
      await resolveWithChoices(first.db, item.id, choices);
    }
    for (let round = 0; round < 2; round++) for (const d of devices) await syncOnce(d);
    for (const d of devices) {
      expect((await resolveConflicts(d.db)).inbox, d.name).toEqual([]);
    }
    for (const id of ids) {
      const finals = await Promise.all(devices.map(async (d) => (await d.db.get(id)) as ResponseDoc));
      expect(new Set(finals.map((f) => f._rev)).size, id).toBe(1);
    }
    // Every edit is in the final document, or was offered to the person who chose another value.
    for (const edit of edits) {
      const doc = (await first.db.get(edit.id)) as ResponseDoc;
      const kept = doc.answers[edit.key]?.value === edit.value;
      expect(kept || offered(edit), `${edit.device} ${edit.key} = ${edit.value}`).toBe(true);
    }
  }, 120_000);
});
