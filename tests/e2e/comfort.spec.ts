/**
 * A director's everyday comfort (issue 24): every main screen at 1366×768 and at 768×1024,
 * screenshotted into tests/e2e/artifacts, with no sideways scrolling and no serious
 * accessibility violation; the navigation behind a menu button on the narrow screen.
 */
import type { Page } from '@playwright/test';
import { ARTIFACTS, chooseInstitute, expect, expectAccessible, screenshot, test } from './fixtures';

const INSTITUTE = 'National Metrology Laboratory, Industrial Technology Development Institute (NML-ITDI)';

export const WIDTHS = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'tablet', width: 768, height: 1024 },
] as const;

/** Nothing on the page is wider than the window (tables scroll inside their own box). */
export async function expectNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const found = await page.evaluate(() => {
    const window = document.documentElement.clientWidth;
    const page = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    // The outermost elements that stick out, to say what is too wide.
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > window + 1)
      .filter((e) => !(e.parentElement && e.parentElement.getBoundingClientRect().right > window + 1))
      .slice(0, 3)
      .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`);
    return { window, page, wide };
  });
  expect(
    found.page,
    `${what}: the page is wider than the window (${found.wide.join(', ')})`,
  ).toBeLessThanOrEqual(found.window);
}

/** Opens a screen from the main navigation (behind the menu button on a narrow window). */
export async function openFromMenu(page: Page, name: string): Promise<void> {
  const menu = page.getByRole('button', { name: 'Menu' });
  if (await menu.isVisible()) {
    await menu.click();
  }
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();
}

/** The practice institute: every kind of document, at every stage, without a server. */
async function practice(page: Page): Promise<void> {
  await openFromMenu(page, 'Settings');
  await page.getByRole('button', { name: 'Start training mode' }).click();
  await expect(page.getByText('Training mode — practice data, not synced').first()).toBeVisible({
    timeout: 30_000,
  });
}

interface Screen {
  name: string;
  open: (page: Page) => Promise<void>;
}

const heading = (page: Page, name: string | RegExp) =>
  expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

const SCREENS: Screen[] = [
  {
    name: 'questionnaires',
    open: async (page) => {
      await openFromMenu(page, 'Questionnaires');
      await heading(page, 'Questionnaires');
    },
  },
  {
    name: 'response-editor',
    open: async (page) => {
      await openFromMenu(page, 'Questionnaires');
      await page.getByTestId('responses-table').getByRole('link').first().click();
      await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
    },
  },
  {
    name: 'compare-cycles',
    open: async (page) => {
      await openFromMenu(page, 'Questionnaires');
      await page
        .getByRole('link', { name: /^Compare .* cycles$/ })
        .first()
        .click();
      await heading(page, /Compare/);
    },
  },
  {
    name: 'cmc-plans',
    open: async (page) => {
      await openFromMenu(page, 'CMC plans');
      await heading(page, 'CMC plans');
    },
  },
  {
    name: 'cmc-plan-editor',
    open: async (page) => {
      await openFromMenu(page, 'CMC plans');
      await page.locator('[data-testid^="cmc-area-"]').getByRole('link').first().click();
      await expect(page.getByTestId('plan-stage')).toBeVisible();
    },
  },
  {
    name: 'cmc-plan-summary',
    open: async (page) => {
      await page.getByRole('button', { name: 'One-page summary' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'cmc-new-plan',
    open: async (page) => {
      await page.goto('./#/cmc-plans/new');
      await heading(page, /Plan a new CMC/);
    },
  },
  {
    name: 'cmc-timeline',
    open: async (page) => {
      await page.goto('./#/cmc-plans/timeline');
      await heading(page, 'Timeline');
    },
  },
  {
    name: 'cmc-matching',
    open: async (page) => {
      await page.goto('./#/cmc-plans/matching');
      await heading(page, 'Who could help');
    },
  },
  {
    name: 'cmc-taxonomy',
    open: async (page) => {
      await page.goto('./#/cmc-plans/taxonomy');
      await heading(page, /KCDB taxonomy/);
    },
  },
  {
    name: 'case-studies',
    open: async (page) => {
      await openFromMenu(page, 'Case studies');
      await heading(page, 'Case studies');
    },
  },
  {
    name: 'story-editor',
    open: async (page) => {
      await openFromMenu(page, 'Case studies');
      await page.getByRole('radio', { name: /Our stories/ }).check();
      await page.getByLabel('Status').selectOption({ label: 'Draft' });
      await page.getByTestId('stories').getByRole('link').first().click();
      await expect(page.getByTestId('story-byline')).toBeVisible();
    },
  },
  {
    name: 'published-story',
    open: async (page) => {
      await openFromMenu(page, 'Case studies');
      await page.getByRole('radio', { name: /Published/ }).check();
      await page.getByTestId('stories').getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    },
  },
  {
    name: 'dashboard',
    open: async (page) => {
      await openFromMenu(page, 'Dashboard');
      await heading(page, 'Dashboard');
      await expect(page.getByTestId('panel-completion')).toBeVisible();
    },
  },
  {
    name: 'sync',
    open: async (page) => {
      await openFromMenu(page, 'Sync');
      await heading(page, 'Sync');
    },
  },
  {
    name: 'settings',
    open: async (page) => {
      await openFromMenu(page, 'Settings');
      await heading(page, 'Settings');
    },
  },
];

for (const size of WIDTHS) {
  test.describe(`at ${size.width}×${size.height}`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test(`every main screen fits the window, with no sideways scrolling and no serious accessibility violation (${size.name})`, async ({
      openApp,
    }) => {
      test.setTimeout(180_000);
      const page = await openApp();
      await expectNoSidewaysScroll(page, 'first start');
      await screenshot(page, `comfort-${size.width}-first-start`);
      await expectAccessible(page);
      await chooseInstitute(page, INSTITUTE, 'Maria Santos');
      await practice(page);
      for (const screen of SCREENS) {
        await screen.open(page);
        await expectNoSidewaysScroll(page, screen.name);
        await screenshot(page, `comfort-${size.width}-${screen.name}`);
        await expectAccessible(page);
      }
    });
  });
}

test('the first start shows a short tour, which can be skipped and replayed from Settings', async ({
  openApp,
}) => {
  const page = await openApp();
  await page.getByLabel('Institute', { exact: true }).selectOption({ label: INSTITUTE });
  await page.getByLabel('Your name').fill('Maria Santos');
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  const tour = page.getByRole('dialog', { name: 'Welcome, Maria Santos' });
  await expect(tour).toContainText('Step 1 of 4');
  await expect(tour).toContainText('What NMI Workbench holds');
  await screenshot(page, 'comfort-tour');
  await expectAccessible(page);
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('Everything is saved on this computer');
  await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('Sync, when there is a link');
  await tour.getByRole('button', { name: 'Back' }).click();
  await expect(tour).toContainText('Everything is saved on this computer');
  await tour.getByRole('button', { name: 'Skip the tour' }).click();
  await expect(tour).toBeHidden();

  // Not again after a restart; again on request.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Questionnaires', level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await openFromMenu(page, 'Settings');
  await page.getByRole('button', { name: 'Show the introduction again' }).click();
  await expect(tour).toContainText('Step 1 of 4');
  for (let i = 0; i < 3; i++) await tour.getByRole('button', { name: 'Next' }).click();
  await expect(tour).toContainText('Where to start this cycle');
  await tour.getByRole('button', { name: 'Start working' }).click();
  await expect(tour).toBeHidden();
});

test('every screen has a "?" with its own help, which works offline', async ({ openApp, appContext }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await appContext.setOffline(true);
  const help = page.getByRole('dialog', { name: /^Help: / });
  for (const [screen, title, says] of [
    ['Questionnaires', 'Help: Questionnaires', 'one per questionnaire and cycle'],
    ['CMC plans', 'Help: CMC plans', 'nine steps of the review path'],
    ['Case studies', 'Help: Case studies', 'Write a new story'],
    ['Sync', 'Help: Sync', 'Conflicts inbox'],
  ] as const) {
    await openFromMenu(page, screen);
    await page.getByRole('button', { name: 'Help for this screen' }).click();
    await expect(page.getByRole('dialog', { name: title })).toBeVisible();
    await expect(help).toContainText(says);
    await expect(help).toContainText('Who sees this');
    // The words a director meets, explained.
    await expect(help.getByRole('definition').filter({ hasText: 'Key Comparison Database' })).toBeVisible();
    await expect(help.getByText('JCRB', { exact: true })).toBeVisible();
    if (screen === 'CMC plans') {
      await screenshot(page, 'comfort-help');
      await expectAccessible(page);
    }
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  }
});

test('Ctrl+K finds questionnaires by their answers, CMC plans, stories and institutes, offline', async ({
  openApp,
  appContext,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await practice(page);
  await appContext.setOffline(true);
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Search' });
  const box = dialog.getByRole('searchbox');
  await expect(box).toBeFocused();
  const results = dialog.getByTestId('search-results');

  await box.fill('ministry of commerce');
  await expect(results.getByRole('listitem').first()).toContainText('Questionnaire');
  await expect(results).toContainText('DEC capacity and needs assessment');
  await expect(results).toContainText('ministry of commerce');
  await screenshot(page, 'comfort-search');
  await expectAccessible(page);

  await box.fill('photometry');
  await expect(results.getByText('Story', { exact: true }).first()).toBeVisible();
  await box.fill('water');
  await expect(results.getByText('CMC plan', { exact: true }).first()).toBeVisible();
  await box.fill('practice metrology institute');
  await expect(results.getByText('Institute', { exact: true }).first()).toBeVisible();
  await box.fill('zzzz nothing like this');
  await expect(dialog).toContainText('Nothing on this computer matches');

  // A result opens its screen.
  await box.fill('water');
  await results.getByRole('link').first().click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('plan-stage')).toBeVisible();
});

test('removing a table row or a photo can be undone for a few seconds', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await page
    .getByLabel('Questionnaire', { exact: true })
    .selectOption({ label: 'DEC capacity and needs assessment' });
  await page.getByLabel('Cycle (year)').fill('2026');
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Needs/ })
    .click();
  await page.getByRole('button', { name: 'Add a need', exact: true }).click();
  await page.getByLabel('Priority (1 = highest, 5 = lowest) (required)').fill('2');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.getByRole('button', { name: 'Remove Need 1' }).click();
  await expect(page.getByLabel('Priority (1 = highest, 5 = lowest) (required)')).toHaveCount(0);
  const bar = page.getByTestId('undo-bar');
  await expect(bar).toContainText('Removed: Need 1');
  await bar.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Priority (1 = highest, 5 = lowest) (required)')).toHaveValue('2');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.reload();
  await expect(page.getByLabel('Priority (1 = highest, 5 = lowest) (required)')).toHaveValue('2');

  // A photo of a story, with its caption.
  await openFromMenu(page, 'Case studies');
  await page.getByRole('button', { name: 'Write a new story' }).click();
  await page.getByLabel('Title').fill('A new balance for the market');
  const png = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(400, 300);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no canvas');
    g.fillStyle = '#3d5a40';
    g.fillRect(0, 0, 400, 300);
    g.fillStyle = '#8ab8d8';
    g.fillRect(50, 50, 200, 100);
    const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
    return [...bytes];
  });
  await page
    .getByLabel('Add photos from this computer')
    .setInputFiles([{ name: 'market.png', mimeType: 'image/png', buffer: Buffer.from(png) }]);
  await expect(page.getByTestId('photo-item')).toHaveCount(1, { timeout: 30_000 });
  await page.getByLabel('Caption of photo 1').fill('The market scale');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved on this computer');
  await page.getByRole('button', { name: 'Remove photo 1' }).click();
  await expect(page.getByTestId('photo-item')).toHaveCount(0);
  await expect(bar).toContainText('Photo removed: The market scale');
  await bar.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('photo-item')).toHaveCount(1);
  await expect(page.getByLabel('Caption of photo 1')).toHaveValue('The market scale');
  await page.reload();
  await expect(page.getByTestId('photo-item')).toHaveCount(1);
});

test('below 1000 px the navigation folds behind a menu button; secretariat tools wait behind More tools; the jargon is explained', async ({
  openApp,
}) => {
  const page = await openApp();
  await page.setViewportSize({ width: 768, height: 1024 });
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(nav).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(nav).toBeVisible();
  await screenshot(page, 'comfort-768-menu-open');
  await nav.getByRole('link', { name: 'CMC plans' }).click();
  await expect(nav).toBeHidden();
  await expect(page.getByText(/KCDB, the BIPM Key Comparison Database/)).toBeVisible();

  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(nav).toBeVisible();
  await expect(menu).toBeHidden();

  // On an institute's computer the consolidated return and the form import are folded away.
  await nav.getByRole('link', { name: 'Questionnaires' }).click();
  await expect(page.getByRole('button', { name: 'Export consolidated return' })).toBeHidden();
  await expect(page.getByLabel('XLSForm workbook')).toBeHidden();
  await page.getByText('More tools (secretariat and facilitators)').click();
  await expect(page.getByRole('button', { name: 'Export consolidated return' })).toBeVisible();
  await nav.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: 'Start the hub' })).toBeHidden();
  await page.getByText('More tools', { exact: true }).click();
  await expect(page.getByRole('heading', { name: /workshop hub/i })).toBeVisible();
});

test('the dark colour scheme follows the system, and stays readable', async ({ openApp }) => {
  const page = await openApp();
  await page.emulateMedia({ colorScheme: 'dark' });
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  const rgb = (background.match(/\d+/g) ?? []).slice(0, 3).map(Number);
  expect(Math.max(...rgb)).toBeLessThan(60);
  await practice(page);
  for (const screen of SCREENS.filter((s) =>
    ['questionnaires', 'response-editor', 'cmc-plans', 'dashboard'].includes(s.name),
  )) {
    await screen.open(page);
    await screenshot(page, `comfort-dark-${screen.name}`);
    await expectAccessible(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(light).not.toBe(background);
});

/** Element screenshots of the app's components, as docs/components.md shows them (copied from tests/e2e/artifacts). */
test('the components, one of each, for the component page', async ({ openApp }) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  await practice(page);
  const shot = async (locator: ReturnType<Page['locator']>, name: string) => {
    await expect(locator).toBeVisible();
    await locator.screenshot({ path: `${ARTIFACTS}/component-${name}.png` });
  };
  await shot(page.locator('.header'), 'header');
  await openFromMenu(page, 'Questionnaires');
  await shot(page.getByRole('button', { name: 'Start or open response' }), 'button-primary');
  await shot(page.getByRole('form', { name: 'Start a questionnaire response' }), 'fields');
  await shot(page.getByTestId('responses-table'), 'table');
  await page.getByTestId('responses-table').getByRole('link').first().click();
  await shot(page.locator('.runner-actions'), 'buttons');
  await page.getByLabel('Year the institute was established').fill('1700');
  await shot(page.getByLabel('Year the institute was established').locator('xpath=..'), 'field-error');
  await page.getByLabel('Year the institute was established').fill('');
  await openFromMenu(page, 'CMC plans');
  await shot(page.locator('[data-testid^="cmc-area-"]').first().getByRole('row').nth(1), 'badges-and-meter');
  await page.getByRole('button', { name: 'Help for this screen' }).click();
  await shot(page.getByRole('dialog'), 'dialog');
  await page.keyboard.press('Escape');
  await openFromMenu(page, 'Questionnaires');
  await page.getByTestId('responses-table').getByRole('link').first().click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: /^Needs/ })
    .click();
  await page.getByRole('button', { name: /^Remove Need 1$/ }).click();
  await shot(page.getByTestId('undo-bar'), 'undo-bar');
  await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
});

test('a question carries the help its template gives: the hint under it, the guidance hint behind More help', async ({
  openApp,
}) => {
  const page = await openApp();
  await chooseInstitute(page, INSTITUTE, 'Maria Santos');
  const { buildWorkbook } = await import('../unit/forms/workbook-builder');
  const form = await buildWorkbook({
    survey: [
      ['type', 'name', 'label', 'hint', 'guidance_hint'],
      [
        'integer',
        'staff',
        'Staff',
        'Head count',
        'Count everyone the institute pays on 31 December, part-time staff as one each.',
      ],
    ],
    settings: [
      ['form_id', 'form_title', 'version'],
      ['staff_count', 'Staff count', '1'],
    ],
  });
  await page.getByText('More tools (secretariat and facilitators)').click();
  await page.getByLabel('XLSForm workbook').setInputFiles({
    name: 'staff.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(form),
  });
  await expect(page.getByText('Imported Staff count (version 1)')).toBeVisible();
  await page.getByLabel('Questionnaire', { exact: true }).selectOption({ label: 'Staff count (1)' });
  await page.getByRole('button', { name: 'Start or open response' }).click();
  await expect(page.getByText('Head count')).toBeVisible();
  const guidance = page.getByText('Count everyone the institute pays on 31 December');
  await expect(guidance).toBeHidden();
  await page.getByText('More help').click();
  await expect(guidance).toBeVisible();
  await expectAccessible(page);
});
