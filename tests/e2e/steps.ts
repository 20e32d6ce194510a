/**
 * Steps the end-to-end tests share: the app's navigation, signing in to a hub on the Sync
 * screen, a hub for a test file (its institutes and users), and reading the hub's documents
 * as its administrator to see what really arrived.
 */
import type { Page } from '@playwright/test';
import { couchClient } from '../../server/couch-client';
import { adminUrl, prepare, startTestHub, type TestHub } from '../integration/helpers/hub';
import { chooseInstitute, expect, test } from './fixtures';

/** A link of the main navigation. */
export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
}

/** A link of a screen's own navigation (e.g. 'Funding and activities', 'DEN2DEN'). */
export function subNav(page: Page, section: string, name: string) {
  return page.getByRole('navigation', { name: section }).getByRole('link', { name });
}

/** A day counted from today on this computer, as yyyy-mm-dd. */
export function isoDay(offsetDays: number): string {
  const day = new Date();
  day.setDate(day.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** A day as the screens show it (the app formats in the computer's locale, en-US here). */
export function shownDay(offsetDays: number): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDay(offsetDays)}T00:00:00Z`),
  );
}

/** Starts (or opens) the response to a questionnaire, chosen by its title, for a cycle. */
export async function startResponse(page: Page, questionnaire: string, cycle: number): Promise<void> {
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: questionnaire });
  await page.getByLabel('Cycle (year)').fill(String(cycle));
  await page.getByRole('button', { name: 'Start or open response' }).click();
}

/** Fills the Sync screen's sign-in form and connects, without waiting for the outcome. */
export async function connect(page: Page, url: string, name: string, password = `${name}-password`) {
  await nav(page, 'Sync').click();
  await page.getByLabel('Server address').fill(url);
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
}

/** Signs in to the hub as `name` (password `<name>-password`) and waits for the first sync. */
export async function signIn(page: Page, url: string, name: string): Promise<void> {
  await connect(page, url, name);
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 30_000 });
}

/** First start on a computer: the institute and the person, then signed in to the hub. */
export async function startSignedIn(
  page: Page,
  who: { institute: string; person: string },
  url: string,
  name: string,
): Promise<Page> {
  await chooseInstitute(page, who.institute, who.person);
  await signIn(page, url, name);
  return page;
}

/** The Sync screen's "Sync now", waiting until it is up to date. */
export async function syncNow(page: Page): Promise<void> {
  await nav(page, 'Sync').click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Up to date/, { timeout: 30_000 });
}

export interface HubForTests {
  /** The running hub (restarted in place by `restart`). */
  readonly hub: TestHub;
  readonly url: string;
  restart(): Promise<void>;
  /** The documents of `db` whose ids start with `prefix`, read as the hub's administrator. */
  docs(db: string, prefix: string): Promise<Record<string, unknown>[]>;
  /** One document, or undefined where the hub has none. */
  doc(db: string, id: string): Promise<Record<string, unknown> | undefined>;
}

/**
 * A hub for the tests of this file (or `describe` block): started before them with the
 * institutes' databases and the users (password `<name>-password`), then `seed`; removed after.
 */
export function hubForTests(
  port: number,
  orgs: string[],
  users: { name: string; role: string }[],
  seed?: (hub: TestHub) => Promise<void>,
): HubForTests {
  let running: TestHub | undefined;
  const current = (): TestHub => {
    if (!running) throw new Error('The hub is not started: use it inside a test.');
    return running;
  };
  test.beforeAll(async () => {
    running = await startTestHub(port);
    await prepare(running, orgs, users);
    await seed?.(running);
  });
  test.afterAll(async () => {
    await running?.destroy();
  });
  const admin = () => couchClient(adminUrl(current()));
  return {
    get hub() {
      return current();
    },
    get url() {
      return current().url;
    },
    restart: async () => {
      running = await current().restart();
    },
    docs: async (db, prefix) => {
      const range = `startkey=${encodeURIComponent(JSON.stringify(prefix))}&endkey=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
      const answer = (await admin().request('GET', `/${db}/_all_docs?include_docs=true&${range}`)) as {
        rows: { doc: Record<string, unknown> }[];
      };
      return answer.rows.map((r) => r.doc);
    },
    doc: async (db, id) => {
      try {
        return (await admin().request('GET', `/${db}/${encodeURIComponent(id)}`)) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}
