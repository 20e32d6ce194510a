/**
 * Case studies as the committee uses them, through a real hub: a director writes a story
 * offline with two photos (resized and stripped of their location on the way in; a text
 * file and a damaged photo refused), sends it for review; the secretariat comments from
 * its own computer; the author resolves the comment; the secretariat approves and
 * publishes; a director of another institute finds the story in the library after sync.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { ADMIN_PASSWORD } from '../integration/helpers/hub';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { hubForTests, nav, startSignedIn } from './steps';

const HUB_PORT = Number(process.env.E2E_CASE_HUB_PORT ?? 4657);
const AUTHOR_INSTITUTE =
  'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';
const AUTHOR_ORG = 'ph-nml-itdi';
const SECRETARIAT_INSTITUTE = 'National Institute of Metrology (Thailand) (NIMT)';
const SECRETARIAT_ORG = 'th-nimt';
const READER_INSTITUTE = 'Mongolian Agency for Standardization and Metrology (MASM)';
const READER_ORG = 'mn-masm';
const TITLE = 'Rice mills weigh fairly after weighbridge calibration';

const hub = hubForTests(
  HUB_PORT,
  [AUTHOR_ORG, SECRETARIAT_ORG, READER_ORG],
  [
    { name: 'maria', role: `org:${AUTHOR_ORG}` },
    { name: 'sam', role: 'secretariat' },
    { name: 'tuya', role: `org:${READER_ORG}` },
  ],
);

/** A textured picture drawn by the browser, as base64 of the given type. */
async function drawPicture(
  page: Page,
  width: number,
  height: number,
  type: string,
  quality = 0.95,
): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ({ width, height, type, quality }) => {
      const canvas = new OffscreenCanvas(width, height);
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no canvas');
      const sky = g.createLinearGradient(0, 0, 0, height);
      sky.addColorStop(0, '#8ab8d8');
      sky.addColorStop(1, '#3d5a40');
      g.fillStyle = sky;
      g.fillRect(0, 0, width, height);
      let seed = 7;
      const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      for (let i = 0; i < 30000; i++) {
        g.fillStyle = `hsl(${Math.floor(rnd() * 360)}, 45%, ${25 + Math.floor(rnd() * 50)}%)`;
        g.fillRect(rnd() * width, rnd() * height, 2 + rnd() * 24, 2 + rnd() * 24);
      }
      const blob = await canvas.convertToBlob({ type, quality });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000)
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(binary);
    },
    { width, height, type, quality },
  );
  return Buffer.from(base64, 'base64');
}

/** A JPEG with an EXIF block that holds a GPS position (14.6° N, 121.0° E), as phones write it. */
function withGpsExif(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(128);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  // IFD0: one entry, the GPS IFD pointer.
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10);
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt32BE(0, 22);
  // GPS IFD: latitude and longitude with their references.
  const entries: [number, number, number, number][] = [
    [1, 2, 2, 0x4e000000], // 'N'
    [2, 5, 3, 80],
    [3, 2, 2, 0x45000000], // 'E'
    [4, 5, 3, 104],
  ];
  tiff.writeUInt16BE(entries.length, 26);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 28 + i * 12;
    tiff.writeUInt16BE(tag, at);
    tiff.writeUInt16BE(type, at + 2);
    tiff.writeUInt32BE(count, at + 4);
    tiff.writeUInt32BE(value, at + 8);
  });
  tiff.writeUInt32BE(0, 28 + entries.length * 12);
  [14, 1, 36, 1, 0, 1, 121, 1, 0, 1, 0, 1].forEach((n, i) => tiff.writeUInt32BE(n, 80 + i * 4));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff] as Uint8Array[]);
  const header = Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, body, jpeg.subarray(2)] as Uint8Array[]);
}

async function hubBytes(db: string, id: string, name: string): Promise<Buffer> {
  const answer = await fetch(`${hub.url}/${db}/${encodeURIComponent(id)}/${encodeURIComponent(name)}`, {
    headers: { authorization: `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}` },
  });
  expect(answer.status).toBe(200);
  return Buffer.from(await answer.arrayBuffer());
}

test('a story written offline is reviewed, approved, published, and read by another institute', async ({
  openApp,
  appContext,
  openComputer,
}) => {
  test.setTimeout(300_000);
  // The author, signed in once, then offline for the writing.
  const page = await startSignedIn(
    await openApp(),
    { institute: AUTHOR_INSTITUTE, person: 'Maria Santos' },
    hub.url,
    'maria',
  );
  await nav(page, 'Case studies').click();
  await expect(page.getByRole('heading', { name: 'Case studies', level: 1 })).toBeVisible();
  await expect(page.getByText('No story has been published yet.')).toBeVisible();
  await screenshot(page, '40-case-studies-empty');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Write a new story' }).click();
  await expect(page.getByRole('heading', { name: 'Untitled story', level: 1 })).toBeVisible();
  await expect(page.getByTestId('story-status')).toHaveText('Draft');
  // The checklist says what is still missing, and the essential parts block review.
  await expect(page.getByTestId('check-context')).toContainText('not written yet');
  await expect(page.getByRole('button', { name: 'Send for review' })).toBeDisabled();
  await expect(page.getByTestId('why-submit')).toHaveText(
    'Write these parts first: title, context, challenge, actions, results.',
  );

  await page.getByLabel('Title', { exact: true }).fill(TITLE);
  const context =
    'Rice is traded by weight across Central Luzon. Until 2024 most mills had never had their weighbridges calibrated, and farmers often disputed the weight of their harvest. ' +
    'The national laboratory had the mass standards but no mobile capability, and only two staff trained for large scales.';
  await page.getByLabel('Context', { exact: true }).fill(context);
  // The last keystroke is kept: a restart a second later finds it.
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(page.getByLabel('Context', { exact: true })).toHaveValue(context);

  // The rest is written offline (a reload needs the web server; the desktop app would not).
  await appContext.setOffline(true);
  await expect(page.getByTestId('header-sync-state')).toHaveText(/^(Offline|Not syncing)/);

  await page
    .getByLabel('The challenge', { exact: true })
    .fill(
      'Farmers lost income and trust; mills faced complaints and inspections. Calibrating a weighbridge took three weeks, because test weights travelled by truck from Manila.',
    );
  await page
    .getByLabel('What was done', { exact: true })
    .fill(
      'With **APMP** mentoring and a regional trade programme, the laboratory built a mobile test-weight trailer, trained six technicians, and wrote a procedure for weighbridges.\n\n- 2024: trailer and training\n- 2025: 42 mills calibrated',
    );
  await page
    .getByLabel('Results', { exact: true })
    .fill(
      'Forty-two mills now hold a calibration certificate; disputes reported to the trade office fell sharply.',
    );
  // Pasted content cannot run script in the preview.
  await page
    .getByLabel('Lessons', { exact: true })
    .fill(
      'Start with the mills that complain. <img src=x onerror="window.__pwned=1"> [see](javascript:window.__pwned=2)',
    );
  const lessonsPreview = page.getByRole('region', { name: 'Preview of Lessons' });
  await expect(lessonsPreview).toContainText('Start with the mills that complain.');
  expect(await lessonsPreview.locator('img, [onerror], a[href^="javascript"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByRole('region', { name: 'Preview of What was done' }).locator('strong')).toHaveText(
    'APMP',
  );

  await page.getByLabel('9. Industry, innovation and infrastructure').check();
  await page.getByLabel('2. Zero hunger').check();
  await page.getByLabel('Mass and Related Quantities (M)').check();
  await page.getByLabel(/Leverage area of the plan/).selectOption({
    label:
      'LA2 — Collaborate to contribute to the SDGs and increase capacity for effective stakeholder engagement',
  });
  await page.getByRole('button', { name: 'Add an indicator' }).click();
  await page.getByLabel('Indicator 1: what is measured').fill('Days to calibrate a weighbridge');
  await page.getByLabel('Indicator 1: before').fill('21');
  await page.getByLabel('Indicator 1: after').fill('3');
  await page.getByLabel('Indicator 1: unit').fill('days');
  await page.getByRole('button', { name: 'Add a quote' }).click();
  await page.getByLabel('What they said').fill('Now the farmers believe our scale.');
  await page.getByLabel('Who', { exact: true }).fill('Ana Reyes');
  await page.getByLabel('Role or organisation').fill('Owner of a rice mill, Nueva Ecija');

  // Photos: a large PNG and a phone JPEG with its GPS position; a text file and a damaged photo.
  const large = await drawPicture(page, 3000, 2000, 'image/png');
  const phone = withGpsExif(await drawPicture(page, 4000, 3000, 'image/jpeg', 0.95));
  expect(phone.includes(Buffer.from('Exif'))).toBe(true);
  await page.getByLabel('Add photos from this computer').setInputFiles([
    { name: 'weighbridge.png', mimeType: 'image/png', buffer: large },
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') },
    {
      name: 'broken.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('ffd8ffe0 this is not really a jpeg'),
    },
    { name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: phone },
  ]);
  const refused = page.getByTestId('photo-refused');
  await expect(refused).toContainText('2 files were not added', { timeout: 30_000 });
  await expect(refused).toContainText('notes.txt is not a photo (text/plain)');
  await expect(refused).toContainText('broken.jpg could not be read as an image');
  await expect(page.getByTestId('photo-item')).toHaveCount(2, { timeout: 30_000 });
  for (const size of await page.getByTestId('photo-size').allTextContents()) {
    const match = /^(\d+) × (\d+) px · (\d+) KB$/.exec(size);
    expect(match, size).not.toBeNull();
    const [, w, h, kb] = (match ?? []).map(Number);
    expect(Math.max(w ?? 0, h ?? 0)).toBeLessThanOrEqual(1600);
    expect(kb).toBeLessThanOrEqual(300);
  }
  await page.getByLabel('Caption of photo 1').fill('The mobile test-weight trailer at a mill in Nueva Ecija');
  await page.getByLabel('Credit of photo 1 (who took it)').fill('NML-ITDI');
  await page.getByLabel('Caption of photo 2').fill('Technicians checking the weighbridge');
  await expect(page.getByTestId('sync-cost')).toContainText('To sync, this story costs');
  await expect(page.getByTestId('sync-cost')).toContainText('2 photos');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await screenshot(page, '41-case-study-editor');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Send for review' }).click();
  await expect(page.getByTestId('story-status')).toHaveText('In review');
  await expect(page.getByTestId('header-sync-state')).toHaveText(
    /Not syncing · \d+ changes? waiting to go up/,
  );
  const storyUrl = page.url();
  const storyId = decodeURIComponent(storyUrl.split('/case-studies/')[1] ?? '');
  expect(storyId).toMatch(new RegExp(`^casestudy:${AUTHOR_ORG}:`));

  // Back online, the story goes up by itself, photos and all.
  await appContext.setOffline(false);
  await expect(page.getByTestId('header-sync-state')).toHaveText(/^Synced /, { timeout: 30_000 });
  await expect
    .poll(
      async () => Object.keys((await hub.doc(`org-${AUTHOR_ORG}`, storyId))?.['_attachments'] ?? {}).length,
      {
        timeout: 30_000,
      },
    )
    .toBe(2);
  // What went up has no EXIF: no camera, no time, no location; each a JPEG of at most 300 KB.
  const uploaded = (await hub.doc(`org-${AUTHOR_ORG}`, storyId)) as {
    _attachments: Record<string, unknown>;
  };
  for (const name of Object.keys(uploaded._attachments)) {
    const bytes = await hubBytes(`org-${AUTHOR_ORG}`, storyId, name);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xd8]);
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);
    expect(bytes.length).toBeLessThanOrEqual(300 * 1024);
  }

  // The secretariat, on its own computer, reviews every institute's stories.
  const sam = await startSignedIn(
    await openComputer(),
    { institute: SECRETARIAT_INSTITUTE, person: 'Sam Secretariat' },
    hub.url,
    'sam',
  );
  await expect(sam.getByTestId('institutes-rounds').getByTestId('rounds-last')).not.toHaveText('Not yet', {
    timeout: 30_000,
  });
  await nav(sam, 'Case studies').click();
  await sam.getByLabel(/Institutes' stories/).check();
  await sam.getByRole('link', { name: TITLE }).click();
  await expect(sam.getByTestId('story-status')).toHaveText('In review');
  await expect(
    sam.getByRole('img', { name: 'The mobile test-weight trailer at a mill in Nueva Ecija' }),
  ).toBeVisible();
  await sam.getByRole('button', { name: 'Comment on Results' }).click();
  await sam
    .getByLabel('Your comment on Results')
    .fill('How many disputes were there before and after? Add them as an indicator.');
  await sam.getByRole('button', { name: 'Add the comment' }).click();
  await expect(sam.getByTestId('comments-results')).toContainText('How many disputes');
  await expect(sam.getByRole('button', { name: 'Approve' })).toBeDisabled();
  await expect(sam.getByTestId('why-approve')).toHaveText(
    '1 comment is not resolved yet; the author resolves them before approval.',
  );
  // Only allowed steps are offered: the secretariat cannot resolve the author's comments.
  await expect(sam.getByRole('button', { name: 'Mark as resolved' })).toHaveCount(0);
  await screenshot(sam, '42-case-study-review');
  await expectAccessible(sam);
  await nav(sam, 'Sync').click();
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => Object.keys((await hub.doc(`org-${AUTHOR_ORG}`, storyId))?.['comments'] ?? {}).length, {
      timeout: 30_000,
    })
    .toBe(1);

  // The author sees the comment come in, answers it in the text, and resolves it.
  await expect(page.getByTestId('comments-results')).toContainText('How many disputes', {
    timeout: 30_000,
  });
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Add an indicator' }).click();
  await page.getByLabel('Indicator 2: what is measured').fill('Weight disputes reported to the trade office');
  await page.getByLabel('Indicator 2: before').fill('118');
  await page.getByLabel('Indicator 2: after').fill('9');
  await page.getByLabel('Indicator 2: unit').fill('per year');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.getByRole('button', { name: 'Mark as resolved' }).click();
  await expect(page.getByTestId('comments-results')).toContainText('resolved by Maria Santos');
  await expect
    .poll(
      async () => {
        const doc = await hub.doc(`org-${AUTHOR_ORG}`, storyId);
        const comments = Object.values((doc?.['comments'] ?? {}) as Record<string, { resolved?: unknown }>);
        return (
          comments.length === 1 &&
          comments.every((c) => c.resolved) &&
          (doc?.['indicators'] as unknown[]).length
        );
      },
      { timeout: 30_000 },
    )
    .toBe(2);

  // The secretariat approves and publishes.
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await sam.goBack();
  await expect(sam.getByRole('button', { name: 'Approve' })).toBeEnabled({ timeout: 30_000 });
  await sam.getByRole('button', { name: 'Approve' }).click();
  await expect(sam.getByTestId('story-status')).toHaveText('Approved');
  await expect(sam.getByTestId('read-only-notice')).toContainText('approved and can no longer be changed');
  await sam.getByRole('button', { name: 'Publish to every institute' }).click();
  await expect(sam.getByTestId('story-status')).toHaveText('Published');
  await expect(sam.getByTestId('step-done')).toContainText('Published: copied to the shared library');
  await expect
    .poll(async () => Object.keys((await hub.doc('dec-library', storyId))?.['_attachments'] ?? {}).length, {
      timeout: 30_000,
    })
    .toBe(2);
  const published = await hub.doc('dec-library', storyId);
  expect(published?.['comments']).toEqual({});
  expect(published?.['status']).toBe('published');
  await nav(sam, 'Sync').click();
  await sam.getByRole('button', { name: 'Sync now' }).click();
  await expect
    .poll(async () => (await hub.doc(`org-${AUTHOR_ORG}`, storyId))?.['status'], { timeout: 30_000 })
    .toBe('published');
  // Each step is recorded with who and when, on the author's computer too.
  await expect(page.getByTestId('story-status')).toHaveText('Published', { timeout: 30_000 });
  await page.getByText(/^History/).click();
  await expect(page.getByTestId('story-history')).toContainText('Approved by Sam Secretariat');
  await expect(page.getByTestId('story-history')).toContainText('Published by Sam Secretariat');
  await expect(page.getByTestId('story-history')).toContainText('Sent for review by Maria Santos');

  // A director of another institute finds it in the library after sync.
  const tuya = await startSignedIn(
    await openComputer(),
    { institute: READER_INSTITUTE, person: 'Tuya Bat' },
    hub.url,
    'tuya',
  );
  await nav(tuya, 'Case studies').click();
  await expect(tuya.getByTestId('stories')).toContainText(TITLE, { timeout: 30_000 });
  await tuya.getByLabel('Words').fill('weighbridge nueva');
  await tuya
    .getByLabel('SDG', { exact: true })
    .selectOption({ label: '9. Industry, innovation and infrastructure' });
  await expect(tuya.getByTestId('stories-count')).toHaveText('1 of 1 stories matches.');
  await tuya.getByLabel('SDG', { exact: true }).selectOption({ label: '3. Good health and well-being' });
  await expect(tuya.getByTestId('stories-count')).toHaveText('0 of 1 stories match.');
  await tuya.getByRole('button', { name: 'Clear the filters' }).click();
  await screenshot(tuya, '43-case-study-library');
  await expectAccessible(tuya);
  await tuya.getByRole('link', { name: TITLE }).click();
  await expect(tuya.getByRole('heading', { name: 'Published story' })).toBeVisible();
  await expect(tuya.getByTestId('published-line')).toContainText('Published by Sam Secretariat');
  const figures = tuya.locator('.story-photo img');
  await expect(figures).toHaveCount(2);
  await expect
    .poll(() => figures.evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth > 0)))
    .toEqual([true, true]);
  await expect(tuya.getByText('Weight disputes reported to the trade office')).toBeVisible();
  await expect(tuya.getByText('How many disputes')).toHaveCount(0);
  await expect(tuya.getByTestId('story-status')).toHaveCount(0);
  await screenshot(tuya, '44-case-study-published');
  await expectAccessible(tuya);

  // Export: Markdown with its photos, and the printable layout.
  const download = tuya.waitForEvent('download');
  await tuya.getByRole('button', { name: 'Markdown with photos (.zip)' }).click();
  const zipPath = test.info().outputPath('story.zip');
  await (await download).saveAs(zipPath);
  const files = unzipSync(new Uint8Array(await readFile(zipPath)));
  const names = Object.keys(files).sort();
  expect(names).toHaveLength(3);
  expect(names[0]).toMatch(/^photos\/photo-.*\.jpg$/);
  const markdown = strFromU8(files['story.md'] ?? new Uint8Array());
  expect(markdown).toContain(`# ${TITLE}`);
  expect(markdown).toContain('| Days to calibrate a weighbridge | 21 | 3 | days |');
  expect(markdown).toContain('![The mobile test-weight trailer at a mill in Nueva Ecija](photos/');

  await tuya.getByRole('link', { name: 'Printable layout (PDF)' }).click();
  await expect(tuya.getByRole('heading', { name: 'Printable layout' })).toBeVisible();
  await tuya.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await tuya.getByRole('button', { name: 'Print or save as PDF…' }).click();
  expect(await tuya.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await expectAccessible(tuya);
  await tuya.emulateMedia({ media: 'print' });
  await expect(tuya.getByRole('navigation', { name: 'Main' })).toBeHidden();
  await expect(tuya.getByRole('heading', { name: 'Printable layout' })).toBeHidden();
  await expect(tuya.getByRole('heading', { name: TITLE })).toBeVisible();
  await screenshot(tuya, '45-case-study-print');
});
