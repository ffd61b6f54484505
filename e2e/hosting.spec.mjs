// Static hosting: the release build works from a sub-path under a strict Content-Security-Policy (no inline
// scripts or styles), with its workers, and inside <iframe sandbox="allow-scripts"> (an opaque origin: no
// workers, no localStorage), where it falls back to simulating on the main thread.
import { test, expect } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 8091) + 1;
const SUB = `http://127.0.0.1:${PORT}/tools/funnel/`;
const DONE = /Median customers won after/;

test('from a sub-path under a strict CSP: loads, runs in workers, no violations', async ({ page }) => {
  const problems = [];
  page.on('console', (m) => (m.type() === 'error' || m.type() === 'warning') && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const response = await page.goto(`${SUB}?lang=en`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  expect(page.workers().length).toBeGreaterThanOrEqual(1);
  // Every asset came from under the sub-path.
  const outside = requests.filter((p) => !p.startsWith('/tools/funnel/'));
  expect(outside).toEqual([]);
  expect(requests).toContain('/tools/funnel/worker.js');
  expect(problems).toEqual([]);
  // The JS API for host pages works from there too.
  const trials = await page.evaluate(async () => JSON.parse(await window.FunnelLab.simulate(window.FunnelLab.defaultScenario(), { trials: 1000 })).trials_done);
  expect(trials).toBe(1000);
});

test('PNG export under the strict CSP says what the policy needs; with img-src blob: it downloads', async ({ page }) => {
  await page.goto(`${SUB}?lang=en`);
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const png = page.locator('#customers-chart button.export-png');
  // default-src 'self' blocks the blob: image the SVG is drawn from: a note instead of nothing at all.
  const downloads = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await png.click();
  const note = page.locator('#export-note[role="alert"]');
  await expect(note).toHaveText(/The PNG cannot be made on this page: .*img-src 'self' blob:/);
  expect(downloads).toEqual([]);
  // The policy that the README gives for PNG export: the same, plus img-src 'self' blob:.
  await page.route(`${SUB}?lang=nl`, async (route) => {
    const r = await route.fetch();
    const csp = r.headers()['content-security-policy'];
    expect(csp).not.toContain('img-src');
    await route.fulfill({ response: r, headers: { ...r.headers(), 'content-security-policy': `${csp}; img-src 'self' blob:` } });
  });
  await page.goto(`${SUB}?lang=nl`);
  await expect(page.locator('#status')).toContainText(/Mediaan aantal gewonnen klanten na/, { timeout: 60_000 });
  const [dl] = await Promise.all([page.waitForEvent('download'), png.click()]);
  expect(dl.suggestedFilename()).toMatch(/\.png$/);
  await expect(page.locator('#export-note')).toHaveCount(0);
});

test('inside a sandboxed iframe without same-origin it still simulates', async ({ page }) => {
  await page.goto('/?lang=en');
  await page.setContent(`<!DOCTYPE html><title>host</title>
    <iframe id="embed" sandbox="allow-scripts" src="${SUB}?lang=en" width="800" height="900" title="Funnel Lab"></iframe>`);
  const frame = page.frameLocator('#embed');
  // What the frame said, for a failure's report (it once showed no #status at all within the minute).
  const said = [];
  page.on('console', (m) => said.push(`console.${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => said.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => said.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  try {
    await expect(frame.locator('#status')).toContainText(DONE, { timeout: 50_000 });
  } catch (e) {
    const body = await frame.locator('body').innerText({ timeout: 2_000 }).catch((x) => `(no body: ${x.message})`);
    throw new Error(`${e.message}\n--- the frame's page: ${body.slice(0, 500)}\n--- it said:\n${said.join('\n')}`);
  }
  await expect(frame.locator('#fatal-error')).toHaveCount(0);
  await expect(frame.locator('#customers-chart svg path.median')).toHaveCount(2);
  // The JS API there runs on the frame's own thread and says so through onFallback.
  const inner = page.frames().find((f) => f !== page.mainFrame());
  const api = await inner.evaluate(async () => {
    const reasons = [];
    const json = await window.FunnelLab.simulate(window.FunnelLab.defaultScenario(), { trials: 1000, onFallback: (r) => reasons.push(r) });
    return { trials: JSON.parse(json).trials_done, reasons };
  });
  expect(api.trials).toBe(1000);
  expect(api.reasons.length).toBe(1);
  expect(api.reasons[0].length).toBeGreaterThan(0);
});
