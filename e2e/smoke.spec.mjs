// The release build in a real browser: it loads cleanly, shows the funnel, simulates, reacts to Run, and
// stays on its own origin.
import { test, expect } from '@playwright/test';

const STAGES = ['Awareness', 'Interest', 'Evaluation', 'Decision', 'Purchase'];

test('the app loads, shows the five stages, runs, and requests nothing from other origins', async ({ page, baseURL }, testInfo) => {
  const problems = [];
  const foreign = [];
  const origin = new URL(baseURL).origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) foreign.push(url);
  });

  await page.goto('/?lang=en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funnel Lab');
  const stages = page.getByRole('list', { name: 'Funnel stages' }).getByRole('listitem');
  await expect(stages).toHaveCount(STAGES.length);
  for (let i = 0; i < STAGES.length; i++) await expect(stages.nth(i)).toContainText(STAGES[i]);

  // The first run starts by itself and ends with a summary of the median customers.
  const status = page.locator('#status');
  await expect(status).toContainText('Median customers won after 24 months', { timeout: 30_000 });
  const before = await status.innerText();
  await expect(page.locator('#customers-chart svg path.median')).toHaveCount(2);

  // Run draws the next seed: the seed field and the numbers change.
  await page.getByRole('button', { name: 'Run again (next seed)', exact: true }).click();
  await expect(page.locator('#seed')).toHaveValue('43');
  await expect(status).toContainText('Median customers', { timeout: 30_000 });
  await expect(status).not.toHaveText(before);
  await expect(page.locator('#fatal-error')).toHaveCount(0);

  await page.screenshot({ path: testInfo.outputPath('home-1280.png'), fullPage: true });
  expect(problems, 'console errors/warnings').toEqual([]);
  expect(foreign, 'requests to other origins').toEqual([]);
});

test('while the wasm loads the page says so, and when it cannot load it says that and offers a reload', async ({ page }) => {
  // Held back until the loading line has been seen.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/app_bg.wasm', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?lang=en', { waitUntil: 'domcontentloaded' });
  const loading = page.locator('#app > .loading');
  await expect(loading).toHaveText('Loading Funnel Lab… · Funnel Lab wordt geladen…');
  await expect(loading).toHaveAttribute('role', 'status');
  release();
  // The app takes its place.
  await expect(page.locator('#status')).toContainText('Median customers won after', { timeout: 30_000 });
  await expect(loading).toHaveCount(0);
  // No connection for the wasm: not a blank page.
  await page.unroute('**/app_bg.wasm');
  await page.route('**/app_bg.wasm', (route) => route.abort('internetdisconnected'));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await expect(loading).toHaveAttribute('role', 'alert');
  await expect(loading).toContainText('Funnel Lab could not load: check the connection, then reload.');
  await expect(loading.getByRole('link', { name: 'Reload · Opnieuw laden' })).toHaveAttribute('href', /\/\?lang=en$/);
});
