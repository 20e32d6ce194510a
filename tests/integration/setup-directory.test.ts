/**
 * `workbench setup` keeps the institutes' directory in the library of a real hub: one
 * entry per institute, from the reference list when the slug is there, from the options
 * otherwise, and a second run writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { couchClient } from '../../server/couch-client';
import { setupServer } from '../../server/setup';
import { adminUrl, caller, startTestHub, type TestHub } from './helpers/hub';

const PORT = Number(process.env.HUB_TEST_PORT ?? 4685);
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub(PORT);
});
afterAll(async () => {
  await hub?.destroy();
});

async function entry(slug: string): Promise<Record<string, unknown>> {
  const answer = await caller(hub, 'admin', 'hub-admin-pw')('GET', `/dec-library/institute:${slug}`);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

describe('the directory that workbench setup keeps', () => {
  it('writes an entry per institute once, from the reference list or the options, and never again unchanged', async () => {
    const client = couchClient(adminUrl(hub));
    const first = await setupServer(client, ['ph-nml-itdi', 'nml-x', 'bare'], {
      'nml-x': { name: 'National Metrology Laboratory', acronym: 'NML', economy: 'Fiji', iso2: 'FJ' },
    });
    const directory = first.filter((s) => s.what.startsWith('directory entry'));
    expect(directory.map((s) => s.result)).toEqual(['created', 'created', 'created']);

    expect(await entry('ph-nml-itdi')).toMatchObject({
      type: 'institute',
      org: 'ph-nml-itdi',
      acronym: 'NML-ITDI',
      economy: 'Philippines',
      iso2: 'PH',
      inferred: false,
      source: 'reference',
    });
    expect(await entry('nml-x')).toMatchObject({
      name: 'National Metrology Laboratory',
      economy: 'Fiji',
      iso2: 'FJ',
      source: 'given',
    });
    expect(await entry('bare')).toMatchObject({ name: 'bare', economy: '', source: 'slug' });

    // Same run again, without the options: nothing is written, not even a new revision.
    const revs = await Promise.all(
      ['ph-nml-itdi', 'nml-x', 'bare'].map(async (s) => (await entry(s))['_rev']),
    );
    const second = await setupServer(client, ['ph-nml-itdi', 'nml-x', 'bare']);
    expect(second.every((s) => s.result === 'unchanged')).toBe(true);
    expect(
      await Promise.all(['ph-nml-itdi', 'nml-x', 'bare'].map(async (s) => (await entry(s))['_rev'])),
    ).toEqual(revs);

    // Giving the bare institute its name later updates that entry only.
    const third = await setupServer(client, ['bare'], {
      bare: { name: 'Bureau of Standards', economy: 'Tonga' },
    });
    expect(third.find((s) => s.what.startsWith('directory entry'))?.result).toBe('updated');
    const bare = await entry('bare');
    expect(bare).toMatchObject({ name: 'Bureau of Standards', economy: 'Tonga', source: 'given' });
    expect(bare['createdAt']).not.toBe(bare['updatedAt']);
  });

  it('is readable by every institute prepared, and written only by the secretariat', async () => {
    const client = couchClient(adminUrl(hub));
    await client.request('PUT', '/_users/org.couchdb.user:xavier', {
      name: 'xavier',
      password: 'xavier-password',
      roles: ['org:nml-x'],
      type: 'user',
    });
    const xavier = caller(hub, 'xavier');
    expect((await xavier('GET', '/dec-library/institute:ph-nml-itdi')).status).toBe(200);
    const current = await entry('nml-x');
    const refused = await xavier('PUT', '/dec-library/institute:nml-x', { ...current, name: 'Renamed' });
    expect(refused.status).toBe(403);
  });
});
