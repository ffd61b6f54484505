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
  await page.getByRole('button', { name: 'Rerun (new draws)', exact: true }).click();
  await expect(page.locator('#seed')).toHaveValue('43');
  await expect(status).toContainText('Median customers', { timeout: 30_000 });
  await expect(status).not.toHaveText(before);
  await expect(page.locator('#fatal-error')).toHaveCount(0);

  await page.screenshot({ path: testInfo.outputPath('home-1280.png'), fullPage: true });
  expect(problems, 'console errors/warnings').toEqual([]);
  expect(foreign, 'requests to other origins').toEqual([]);
});

test('on a slow connection the loading line shows how much of the app has arrived', async ({ page }) => {
  // 300 KiB/s: the 1 MB wasm (served uncompressed here) takes about 3 s.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 20, downloadThroughput: 300 * 1024, uploadThroughput: 300 * 1024,
  });
  // Every value the bar takes, recorded in the page (the bar is gone once the app starts).
  await page.addInitScript(() => {
    window.barValues = [];
    new MutationObserver((records) => {
      for (const r of records) if (r.target.parentElement?.matches('p.loading')) window.barValues.push(r.target.value);
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['value'] });
  });
  await page.goto('/?lang=en', { waitUntil: 'commit' });
  const bar = page.locator('#app > .loading progress');
  await expect(bar).toHaveAccessibleName('Download');
  await expect(page.locator('#status')).toContainText('Median customers won after', { timeout: 60_000 });
  await expect(bar).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const seen = await page.evaluate(() => window.barValues);
  // Several steps between empty and full, never going back, and full before the app starts.
  const between = seen.filter((v) => v > 0.05 && v < 0.95);
  expect(between.length, `values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen[seen.length - 1]).toBe(1);
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
