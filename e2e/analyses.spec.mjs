// What-if analyses in the release build: the bottleneck tornado appears after a run (and a newer run stops
// the analysis of the inputs it replaces), the target
// probability answers a question and moves the right way, and A/B comparison with "Test a change" shows
// P(B beats A) on the same random draws.
import { test, expect } from '@playwright/test';
import { runOf, watchRun, ranAndDone, settled } from './helpers.mjs';
import { readFileSync } from 'node:fs';

const status = (page) => page.locator('#status');
// The chance that B beats A in a table cell (its first line; a second may say how often they are level).
const chanceIn = async (cell) => Number((await cell.evaluate((td) => td.firstChild.textContent)).replace(/[<>%\s]/g, ''));
const DONE = /Median customers won after|Mediaan aantal gewonnen klanten na/;
// The bottleneck analysis that follows a run has answered. Its answer can change the panel's height and
// move the panels below it. (It waits while a pointer is pressed, so that a click there between
// pointerdown and pointerup is no longer lost, as a Compute was once in four full runs; the tests still
// wait for it, to start from one known layout.)
const bottlenecksAnswered = (page) =>
  expect(page.locator('#bottlenecks p[role="status"]')).toHaveText(/^(Best lever|Beste hefboom): /, { timeout: 60_000 });
// Asks the Target panel for €300,000 of revenue by period 20 on the flywheel; the chance it answers.
const askRevenueByMonth20 = async (page) => {
  await bottlenecksAnswered(page);
  await page.locator('#target-value').fill('300000');
  await page.locator('#target-period').fill('20');
  await page.locator('#target-model').selectOption('flywheel');
  await page.locator('#target-compute').click();
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  return page.locator('#target-probability').innerText();
};
// Test a change, pressed with the keyboard once the bottleneck analysis has answered. A click is two events,
// pointerdown and pointerup, and the page moved the button between them when an analysis landed: its chart
// appearing, or the best lever's sentence taking two lines more or fewer (the panel keeps its height only
// while it computes). Caught with pointer-event logs; 1 run in 8 to 12 lost its Test a change so. (Answers
// now wait for a press to end: see "an answer that comes in while a button is pressed".)
const testChange = async (page) => {
  await bottlenecksAnswered(page);
  // (A Save just before moved the focus to its Load a moment later: Enter must not reach that.)
  await settled(page);
  await page.locator('#test-change').press('Enter');
};

// Opens the page at 600,000 trials and asks the Target for €300,000: about 6 s of analysis on two cores (a
// Target takes about 10 µs a trial on one core and is split over up to four workers), so that its first
// progress report, a second in, is followed by more. (At 200,000 trials it took 1.7 s on two cores: the
// answer could land before a second report, or before the first.) Returns its progress bar.
const askLongTarget = async (page) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await runOf(page, () => page.locator('#trials').fill('600000'));
  await bottlenecksAnswered(page);
  await page.locator('#target-value').fill('300000');
  await page.locator('#target-compute').click();
  return page.locator('#target .analysis-progress progress');
};

// Collects in window.__said every text a live region takes from now on, as a screen reader would read it
// out: a region that appears with its text does not count (screen readers often miss it), nor does one
// with aria-live="off", or hidden.
const listenToLiveRegions = (page) => page.evaluate(() => {
  const live = '[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]';
  const seen = new Map();
  window.__said = [];
  const look = () => {
    for (const r of document.querySelectorAll(live)) {
      const t = r.textContent.trim();
      const heard = r.getAttribute('aria-live') !== 'off' && !r.closest('[aria-hidden="true"]');
      if (t && seen.has(r) && seen.get(r) !== t && heard) window.__said.push(t);
      seen.set(r, t);
    }
  };
  for (const r of document.querySelectorAll(live)) seen.set(r, r.textContent.trim());
  new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
});

test('the bottleneck tornado appears after a run, best lever first', async ({ page }, testInfo) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const chart = page.locator('#tornado-chart');
  await expect(chart).toBeVisible({ timeout: 60_000 });
  // Two bars (+1 pt, +10%) per stage; the first stage's bars are the highlighted best lever.
  await expect(chart.locator('g.tornado-bar')).toHaveCount(10);
  await expect(chart.locator('g.tornado-bar.best')).toHaveCount(2);
  await expect(chart.locator('text.lever-name')).toHaveCount(5);
  // A screen reader hears the result where it heard "Computing…" (the same live region).
  await expect(page.locator('#bottlenecks p.analysis-status[role="status"]')).toHaveText(/^Best lever: \w+\.$/);
  // The chart's title says what it plots; the panel's heading above it says why (not the same words twice).
  await expect(page.locator('#bottlenecks h3')).toHaveText('Bottlenecks: which stage to improve first');
  await expect(chart.locator('.chart-title')).toHaveText('Extra customers when one stage improves');
  // The table view lists the gains; the first row's +1 pt mean is the largest.
  await chart.getByRole('button', { name: 'Show as table' }).click();
  const cells = await chart.locator('tbody tr td:first-of-type').allInnerTexts();
  const means = cells.map((c) => Number(c.split(' ')[0].replace(/,/g, '')));
  expect(means.length).toBe(5);
  for (const m of means) expect(means[0]).toBeGreaterThanOrEqual(m);
  expect(means[0]).toBeGreaterThan(0);
  // Under the chart, the answer in words, with what the gains are worth at €1,200 a purchase.
  const best = page.locator('#best-lever');
  await expect(best).toContainText(/^Best lever: Awareness\. By the end, \+1 percentage point there adds about [0-9.]+ customers to the funnel \(€[0-9,]+ of revenue\); \+10% relative, about [0-9.]+ \(€[0-9,]+\)\.( Relative to their rates \(\+10%\), every stage adds about the same, and so would 10% more new leads, because the leads and the stages' rates are multiplied together: \+1 point counts most where the rate is lowest\. So start where a point is easiest to win\.)?$/);
  const said = await best.innerText();
  const [c1, c10] = said.match(/about ([0-9.]+)/g).map((t) => Number(t.slice(6)));
  const [r1, r10] = said.match(/€[0-9,]+/g).map((t) => Number(t.replace(/[€,]/g, '')));
  expect(c1).toBe(means[0]);
  // The revenue is the unrounded gain times the price: within half a shown unit (a decimal below 10
  // customers, €60; a whole customer from 10 on, €600).
  const tol = (c) => (c >= 10 ? 0.5 : 0.05) * 1200;
  expect(Math.abs(r1 - c1 * 1200)).toBeLessThanOrEqual(tol(c1));
  expect(Math.abs(r10 - c10 * 1200)).toBeLessThanOrEqual(tol(c10));
  expect(Number.isInteger(c10) || c10 < 10).toBe(true);
  // The caption's claim that the stages multiply: +10% relative at any stage adds about the same
  // (E[gain] = 10% of E[customers] at every stage; with common random numbers the standard error of
  // each mean gain is about 0.2 customers at 10,000 trials, 4 SE ≈ 3% of ~25, and the Purchase
  // stage's rate capped at 100% in the few trials with a rate above 91% takes off a few per cent
  // more: within 10% of each other). The +1 point gains differ far more (8 against 3).
  const ten = (await chart.locator('tbody tr td:nth-of-type(2)').allInnerTexts())
    .map((c) => Number(c.split(' ')[0].replace(/,/g, '')));
  expect(ten.length).toBe(5);
  expect(Math.max(...ten) / Math.min(...ten)).toBeLessThan(1.1);
  expect(means[0] / Math.min(...means)).toBeGreaterThan(1.5);
  await expect(chart.locator('.chart-caption')).toContainText('The stages multiply, so +10% relative at any stage adds about the same');
  await expect(chart.locator('.chart-caption')).toContainText('not on luck');
  // (Shown as a table: without the sentences on its bars.)
  await expect(chart.locator('.chart-caption')).not.toContainText('Upper bar of each stage');
  await page.locator('#bottlenecks').screenshot({ path: testInfo.outputPath('tornado-1280.png') });
});

test('a new run stops the analyses of the inputs it replaces, and redoes them when done', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await askRevenueByMonth20(page);
  // 600,000 trials: the Target question computes for seconds in its workers (it simulates every trial
  // again; the bottleneck analysis, which needs only each trial's drawn rates and new leads, became too
  // quick for the steps below; and split over the workers 200,000 trials take under 2 s).
  await runOf(page, () => page.locator('#trials').fill('600000'));
  const panel = page.locator('#target');
  await expect(panel).toContainText('Computing…', { timeout: 10_000 });
  // New inputs: their run starts and the panel waits for it while the run is still going. The panel leaves
  // "Computing…" only when the pending request was dropped, which terminates its worker (so its core is the
  // run's). (Playwright reports the worker closed only seconds later, so its count is not asserted here.)
  // 400,000 trials: a run of a few seconds, still going after the panel's checks below.
  await page.locator('#trials').fill('400000');
  await expect(status(page)).toContainText(/Simulating/);
  await expect(panel).toContainText('Appears when the simulation has finished.', { timeout: 5_000 });
  await expect(panel).not.toContainText('Computing…');
  await expect(status(page)).toContainText(/Simulating/);
  // Once the run is done, the analyses of the new inputs run: the tornado and the Target's answer.
  await expect(status(page)).toContainText(DONE, { timeout: 120_000 });
  await expect(page.locator('#tornado-chart g.tornado-bar')).toHaveCount(10, { timeout: 120_000 });
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 120_000 });
});

test('a long analysis shows its progress and can be stopped, and computed again', async ({ page }) => {
  test.setTimeout(150_000);
  const bar = await askLongTarget(page);
  // Seconds of work: after a second its workers report the share done.
  const panel = page.locator('#target');
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await expect(bar).toHaveAttribute('aria-label', 'Share of the trials analysed');
  const first = Number(await bar.getAttribute('value'));
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThan(1);
  // It moves on.
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 }).toBeGreaterThan(first);
  // The status line stays one live region from "Computing…" to the answer.
  await panel.locator('p[role="status"]').evaluate((p) => { window.__statusLine = p; });
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel.locator('p[role="status"]')).toHaveText('Stopped before it finished.');
  await expect(bar).toHaveCount(0);
  await expect(page.locator('#target-probability')).toHaveCount(0);
  // The button pressed became Compute again, and keeps the focus.
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  expect(await focused()).toBe('Compute again');
  // Its worker was terminated: it does not answer later.
  await page.waitForTimeout(6_000);
  await expect(page.locator('#target-probability')).toHaveCount(0);
  // Computed again (with the keyboard): its bar and Stop at once, the focus on Stop.
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Compute again' })).toHaveCount(0);
  await expect(bar).toBeVisible();
  expect(await focused()).toBe('Stop');
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // Stop went away with the focus on it: the focus went to Compute, not to the page.
  await expect(page.locator('#target-compute')).toBeFocused();
  expect(await page.evaluate(() => window.__statusLine.isConnected && window.__statusLine.textContent)).toMatch(/^Chance to reach it: /);
  // The tornado's analysis (a fraction of a second per 100,000 trials) answered with no Stop to press.
  await expect(page.locator('#tornado-chart g.tornado-bar')).toHaveCount(10);
});

test('target: on a phone the answer reads on one line, not a character a line', async ({ page }) => {
  // The label column took all but one letter of the row at 360 to 412 px: "71%" and "Month 22" stood
  // one character a line (a student's walkthrough on a phone).
  for (const [width, lang] of [[320, 'nl'], [360, 'en'], [412, 'en']]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/?lang=${lang}`);
    await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
    await bottlenecksAnswered(page);
    await page.locator('#target-compute').click();
    await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
    for (const id of ['#target-probability', '#target-median-period']) {
      const lines = await page.locator(id).evaluate((el) => {
        const r = document.createRange();
        r.selectNodeContents(el);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
      });
      expect(lines, `${id} at ${width} px (${lang}): ${await page.locator(id).innerText()}`).toBe(1);
    }
    await expect(page.locator('#target-median-period')).toHaveText(/^(Month|Maand) \d+$/);
  }
});

test('target: customers still active, a count like customers won (the same value box), less likely on the flywheel', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#target-metric').selectOption('customers');
  await page.locator('#target-value').fill('290');
  await page.locator('#target-model').selectOption('flywheel');
  await page.locator('#target-compute').click();
  const p = page.locator('#target-probability');
  await expect(p).toBeVisible({ timeout: 60_000 });
  const won = Number((await p.innerText()).replace(/[<>%\s]/g, ''));
  await page.locator('#target-metric').selectOption('active');
  await expect(page.locator('#target-value')).toHaveValue('290');
  await expect(p).not.toHaveText(`${won}%`, { timeout: 60_000 });
  const active = Number((await p.innerText()).replace(/[<>%\s]/g, ''));
  expect(active).toBeLessThan(won);
});

test('target: the question as typed, and its answer, survive a reload (in the language it is shown in)', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const chance = await askRevenueByMonth20(page);
  await page.goto('/?lang=nl');
  await expect(page.locator('#target-value')).toHaveValue('300000');
  await expect(page.locator('#target-period')).toHaveValue('20');
  await expect(page.locator('#target-model')).toHaveValue('flywheel');
  // Asked before the reload: answered again, with the same seed the same chance.
  await expect(page.locator('#target-probability')).toHaveText(chance.replace('.', ','), { timeout: 60_000 });
});

test('target: the chance to reach a goal falls as the goal rises', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Each goal keeps its own value: the revenue target is not carried over as a number of customers.
  await expect(page.locator('#target-value')).toHaveValue('250000');
  await page.locator('#target-metric').selectOption('customers');
  await expect(page.locator('#target-value')).toHaveValue('200');
  await page.locator('#target-value').fill('100');
  await page.locator('#target-metric').selectOption('revenue');
  await expect(page.locator('#target-value')).toHaveValue('250000');
  await page.locator('#target-metric').selectOption('customers');
  await expect(page.locator('#target-value')).toHaveValue('100');
  // With the keyboard: Enter on Compute keeps the focus there, and the answer is in a live region.
  await page.locator('#target-compute').focus();
  await page.keyboard.press('Enter');
  const p = page.locator('#target-probability');
  await expect(p).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#target-compute')).toBeFocused();
  await expect(page.locator('#target p.analysis-status[role="status"]')).toHaveText(/^Chance to reach it: [<>0-9.% ]+\. Median period in which it is first reached \(within the whole horizon\): (Month \d+|none \(in most futures it is never reached\))\.$/);
  // A chance is written "> 99.9%" or "< 0.1%" when it is near certain but not certain.
  const pct = (t) => Number(t.replace(/[<>%\s]/g, ''));
  const lowText = await p.innerText();
  const low = pct(lowText);
  // The period it is first reached in is named as the charts name it.
  await expect(page.locator('#target-median-period')).toHaveText(/^Month \d+$/);
  await page.locator('#target-value').fill('400');
  await expect(p).not.toHaveText(lowText, { timeout: 60_000 });
  const high = pct(await p.innerText());
  // Median final funnel customers of the default scenario is ~240: 100 is almost certain, 400 rare.
  expect(low).toBeGreaterThan(90);
  expect(high).toBeLessThan(10);
  // Reached in under half the futures: the median period is none, said so that it does not read as if
  // the chance above were wrong (it said "not within the periods simulated" beside a chance of 14%).
  await expect(page.locator('#target-median-period')).toHaveText('none (in most futures it is never reached)');
  // Bad input is explained and keeps what was typed: letters are not a number, −5 is below the range.
  await page.locator('#target-value').fill('abc');
  await expect(page.locator('#target-value-error')).toHaveText('Enter a number.');
  await page.locator('#target-value').fill('-5');
  await expect(page.locator('#target-value-error')).toHaveText('Enter a target of 0 or more.');
  await page.locator('#target-value').fill('400');
  await page.locator('#target-period').fill('2.5');
  await expect(page.locator('#target-period-error')).toHaveText('Enter a whole period from 1 to 24.');
  await page.locator('#target-period').fill('99');
  await expect(page.locator('#target-period-error')).toHaveText('Enter a whole period from 1 to 24.');
  // Marked as every invalid field is (its border stayed grey).
  const border = (sel) => page.locator(sel).evaluate((e) => [getComputedStyle(e).borderTopColor, getComputedStyle(e).borderTopWidth]);
  await page.locator('#periods').fill('0');
  await expect(page.locator('#periods')).toHaveAttribute('aria-invalid', 'true');
  expect(await border('#target-period')).toEqual(await border('#periods'));
  expect(await border('#target-period')).not.toEqual(await border('#target-value'));
  await page.locator('#periods').fill('24');
  await expect(page.locator('#target-compute')).toBeDisabled();
  await expect(page.locator('#target-period')).toHaveValue('99');
  // The answer to the old question does not stay on screen next to a question that no longer reads.
  await expect(p).toHaveCount(0);
  // Nor when the horizon shrinks under the question's period. "20.0" is period 20, as in the scenario's fields.
  await page.locator('#target-period').fill('20.0');
  await expect(page.locator('#target-period-error')).toHaveCount(0);
  await expect(p).toBeVisible({ timeout: 60_000 });
  await page.locator('#periods').fill('12');
  await expect(page.locator('#target-period-error')).toHaveText('Enter a whole period from 1 to 12.');
  await expect(p).toHaveCount(0);
  // A period at the end of the horizon follows the horizon: 12, then 36, with no error.
  await page.locator('#target-period').fill('12');
  await expect(p).toBeVisible({ timeout: 60_000 });
  await page.locator('#periods').fill('36');
  await expect(page.locator('#target-period')).toHaveValue('36');
  await expect(page.locator('#target-period-error')).toHaveCount(0);
  await expect(p).toBeVisible({ timeout: 60_000 });
  // While a scenario input is invalid nothing runs, so Compute and Compare are off until it is fixed.
  await page.locator('#arrivals').fill('-5');
  await expect(page.locator('#target-compute')).toBeDisabled();
  await expect(page.locator('#compare-run')).toBeDisabled();
  // Each says why, next to its button (the field with the problem may be screens away on a phone).
  await expect(page.locator('#target .analysis-status')).toHaveText('First fix the input marked in red (its message is under it).');
  await expect(page.locator('#compare .analysis-status')).toHaveText('First fix the input marked in red (its message is under it).');
  // and a screen reader reads that reason with the disabled button.
  await expect(page.locator('#target-compute')).toHaveAccessibleDescription('First fix the input marked in red (its message is under it).');
  await expect(page.locator('#compare-run')).toHaveAccessibleDescription('First fix the input marked in red (its message is under it).');
  await page.locator('#arrivals').fill('500');
  await expect(page.locator('#target-compute')).toBeEnabled();
  await expect(page.locator('#target-compute')).not.toHaveAttribute('aria-describedby');
  // A decimal target follows the language's decimal mark.
  await page.locator('#target-value').fill('120.5');
  await page.locator('#lang').selectOption('nl');
  await expect(page.locator('#target-value')).toHaveValue('120,5');
  // So does the other goal's value, typed in again when its goal is chosen: Dutch € 12.500 is
  // English €12,500, not €12.5.
  await page.locator('#target-metric').selectOption('revenue');
  await page.locator('#target-value').fill('12.500');
  await page.locator('#target-metric').selectOption('customers');
  await expect(page.locator('#target-value')).toHaveValue('120,5');
  await page.locator('#lang').selectOption('en');
  await expect(page.locator('#target-value')).toHaveValue('120.5');
  await page.locator('#target-metric').selectOption('revenue');
  await expect(page.locator('#target-value')).toHaveValue('12,500');
});

test('test a change to the flywheel only: the funnel rows say equal, the chart shows the flywheel', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await page.locator('#reinvest').fill('20');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  // The funnel does not reinvest: same result in every trial, said as such (not "0%").
  await expect(table.locator('td.p-beats').nth(0)).toHaveText('equal in every trial');
  await expect(table.locator('td.p-beats').nth(1)).toHaveText('equal in every trial');
  // (Its spend too: revenue minus spend is equal as well.)
  await expect(table.locator('td.p-beats').nth(2)).toHaveText('equal in every trial');
  await expect(table.locator('td.p-beats').nth(3)).toHaveText(/^([<>] )?\d+(\.\d)?%(tied in ([<>] )?\d+(\.\d)?%)?$/);
  // Mean differences of customers keep one decimal each, so that a column of them lines up ("0.0",
  // never "0" beside "24.7").
  await expect(table.locator('tbody tr').nth(0).locator('td').nth(0)).toHaveText('0.0');
  await expect(table.locator('tbody tr').nth(3).locator('td').nth(0)).toHaveText(/^−?[\d,]+\.\d$/);
  // The title names A and B (an exported chart keeps its title).
  // (B, the default funnel changed, is "My funnel" now; the title calls it the current scenario, as A's
  // and B's lists do, so that the reader sees which option it is.)
  await expect(page.locator('#difference-chart .chart-title')).toHaveText('Difference in final customers, flywheel (B − A): A = Default five-stage funnel (before), B = My funnel (current scenario, being edited)');
  // Its file is named after the page's scenario and the title up to the names: the whole title made a
  // name of 130 characters.
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('#difference-chart button.export-png').click()]);
  expect(png.suggestedFilename()).toBe('my-funnel-difference-in-final-customers-flywheel-b-a.png');
  await expect(page.locator('#compare-horizons')).toHaveCount(0);
  // A B that ends at another time is compared at its own end, and that is said.
  await page.locator('#periods').fill('12');
  await expect(page.locator('#compare-horizons')).toHaveText(
    'The two scenarios end at different times, so this compares each at its own end: A: 24 months, B: 12 months.');
  // As many periods in weeks: the note says why the results match, not only that the ends differ.
  await page.locator('#periods').fill('24');
  await page.locator('#period-unit').selectOption('week');
  await expect(page.locator('#compare-horizons')).toHaveText(
    'A and B count in different periods. Every rate and every number of leads is per period, so the same numbers give the same results over a different span of time: A: 24 months, B: 24 weeks.');
  await page.locator('#lang').selectOption('nl');
  await expect(page.locator('#compare-horizons')).toContainText('A en B rekenen in verschillende perioden.');
});

test('Test a change at the foot of a projected page brings what it did into sight', async ({ page }) => {
  // A teacher's projector (1280×720): the note under the buttons was below the window, and nothing seemed
  // to happen.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?lang=en');
  await bottlenecksAnswered(page);
  await settled(page);
  await page.locator('#test-change').evaluate((b) => b.scrollIntoView({ block: 'end' }));
  await page.locator('#test-change').click();
  const note = page.locator('#test-change-note');
  await expect(note).toHaveText(/^The current scenario is saved as A/);
  await expect(note).toBeInViewport({ ratio: 0.9 });
  await expect(page.locator('#test-change')).toBeInViewport();
});

test('test a change: one point more at Awareness is never behind in any trial', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await page.locator('#stage-0-rate').fill('31');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  // B's counts are coupled to A's, as if the same leads met both: no trial has B behind, so the
  // chance is over 99% (it was 88.8% with shared random streams alone) and nothing is drawn below 0.
  for (const cell of await table.locator('td.p-beats').all()) {
    expect(await chanceIn(cell)).toBeGreaterThan(99);
  }
  await expect(page.locator('#difference-chart')).not.toContainText('below');
});

test('test a change of the price or of churn only: the comparison shows what differs, and the trials that are level', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // The run of the edit ends before the click (the results below redraw, and the button moves with them).
  await runOf(page, () => page.locator('#reinvest').fill('0'));
  await testChange(page);
  await page.locator('#revenue').fill('1500');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Customers are the same in every trial; revenue is not: it is shown, not "no difference".
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#compare-same')).toHaveCount(0);
  await expect(page.locator('#compare p.analysis-status[role="status"]')).toHaveText(/^Chance that B beats A \(Total revenue, funnel\): /);
  await expect(page.locator('#difference-chart .chart-title')).toHaveText(/^Difference in final revenue, funnel \(B − A\)/);
  // Less churn: never behind, level in most trials, and that is said beside the chance.
  await page.locator('#revenue').fill('1200');
  await page.locator('#churn').fill('1.5');
  await expect(page.locator('#compare p.analysis-status[role="status"]')).toHaveText(/^Chance that B beats A \(Customers won, flywheel\): \d+(\.\d)?% \(tied in \d+(\.\d)?%\)\.$/, { timeout: 60_000 });
  await expect(page.locator('#comparison td.p-beats .level').first()).toHaveText(/^tied in \d+(\.\d)?%$/);
  // Cheaper leads only: customers and revenue are level in every trial; what is left of the revenue
  // shows it, in every trial (with reinvestment off, the spend is the leads' alone).
  await page.locator('#churn').fill('2');
  await page.locator('#costperlead').fill('12');
  await expect(page.locator('#compare p.analysis-status[role="status"]')).toHaveText(/^Chance that B beats A \(Revenue minus spend, funnel\): 100%/, { timeout: 60_000 });
  await expect(page.locator('#difference-chart .chart-title')).toHaveText(/^Difference in revenue minus spend, funnel \(B − A\)/);
  await expect(page.locator('#comparison tbody tr').filter({ hasText: 'Revenue minus spend, flywheel' })).toHaveCount(1);
});

test('a comparison with a flywheel that grows without limit says its rows are not a forecast', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await page.locator('#reinvest').fill('100');
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#compare-runaway')).toHaveText("The flywheel grows without limit here, so its rows show a runaway loop, not a forecast; the funnel's rows are not affected (B).");
  await page.locator('#reinvest').fill('10');
  await expect(page.locator('#compare-runaway')).toHaveCount(0);
});

test('a comparison asked for is there again after a reload, and follows edits', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await page.locator('#stage-1-rate').fill('50');
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await page.reload();
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  // And it follows the next edit, without asking again.
  const before = await page.locator('#comparison tbody tr').first().locator('td').first().innerText();
  await page.locator('#stage-1-rate').fill('60');
  await expect(page.locator('#comparison tbody tr').first().locator('td').first()).not.toHaveText(before, { timeout: 60_000 });
});

test('Test a change is announced once: what the comparison found is said by one live region, not two', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await listenToLiveRegions(page);
  await testChange(page);
  await expect(page.locator('#compare-same')).toHaveText(/^A and B give the same result in every trial/, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const said = await page.evaluate(() => window.__said);
  expect(said.filter((t) => t.startsWith('A and B give the same result')), said.join(' | ')).toHaveLength(1);
  expect(said.filter((t) => t === 'Computing…'), said.join(' | ')).toHaveLength(1);
  expect(said.filter((t) => t.startsWith('The current scenario is saved as A.')), said.join(' | ')).toHaveLength(1);
  // It is the panel's status line that says it, where it said "Computing…".
  await expect(page.locator('#compare p.analysis-status[role="status"]')).toHaveText(/^A and B give the same result in every trial/);
});

test('after an edit a screen reader hears the run\'s summary, not the analyses that follow it; what it asks is heard', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await listenToLiveRegions(page);
  const said = () => page.evaluate(() => window.__said);
  // Asked in their panels: heard, "Computing…" and the answer.
  await askRevenueByMonth20(page);
  await expect.poll(said).toContainEqual(expect.stringMatching(/^Chance to reach it: /));
  await testChange(page);
  await expect.poll(said).toContainEqual(expect.stringMatching(/^A and B give the same result/));
  expect((await said()).filter((t) => t === 'Computing…').length).toBeGreaterThanOrEqual(2);
  // An edit: the run's summary is heard; the three analyses that follow it compute and answer quietly.
  await page.evaluate(() => { window.__said = []; });
  await page.locator('#stage-0-rate').fill('35');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await expect(page.locator('#compare .analysis-status')).toHaveText(/^Chance that B beats A/, { timeout: 60_000 });
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#bottlenecks .analysis-status')).toHaveText(/^Best lever: /, { timeout: 60_000 });
  await page.waitForTimeout(300);
  let heard = await said();
  expect(heard.filter((t) => DONE.test(t)), heard.join(' | ')).not.toHaveLength(0);
  expect(heard.filter((t) => /^(Computing…|Best lever|Chance to reach it|Chance that B beats A)/.test(t)), heard.join(' | ')).toEqual([]);
  // A new question in the Target panel is heard again.
  await page.evaluate(() => { window.__said = []; });
  await page.locator('#target-value').fill('250000');
  await page.locator('#target-compute').click();
  await expect.poll(said, { timeout: 60_000 }).toContainEqual(expect.stringMatching(/^Chance to reach it: /));
  heard = await said();
  expect(heard.filter((t) => /^(Best lever|Chance that B beats A)/.test(t)), heard.join(' | ')).toEqual([]);
  // Compute pressed again with nothing changed is heard too (it said nothing): the same answer again.
  const answer = await page.locator('#target-probability').innerText();
  await page.evaluate(() => { window.__said = []; });
  await page.locator('#target-compute').click();
  await expect.poll(said, { timeout: 60_000 }).toContainEqual(expect.stringMatching(/^Chance to reach it: /));
  await expect(page.locator('#target-probability')).toHaveText(answer);
  expect(await said()).toContain('Computing…');
  // And Compare, pressed again.
  await page.evaluate(() => { window.__said = []; });
  await page.locator('#compare-run').click();
  await expect.poll(said, { timeout: 60_000 }).toContainEqual(expect.stringMatching(/^Chance that B beats A/));
});

test('the first bottleneck answer after loading moves nothing below it: its room is kept from the start', async ({ browser }) => {
  for (const [width, lang] of [[1280, 'en'], [390, 'nl']]) {
    const page = await browser.newPage({ viewport: { width, height: 844 } });
    // At every frame from the start, how far the Target panel is below the bottleneck panel's top (the
    // results above the two move them both as they come in).
    await page.addInitScript(() => {
      window.__gaps = [];
      const f = () => {
        const [b, t] = [document.querySelector('#bottlenecks'), document.querySelector('#target')];
        if (b && t) window.__gaps.push([t.getBoundingClientRect().top - b.getBoundingClientRect().top, !!document.querySelector('#tornado-chart')]);
        requestAnimationFrame(f);
      };
      requestAnimationFrame(f);
    });
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('#tornado-chart')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('#best-lever')).toBeVisible();
    await page.waitForTimeout(200);
    const gaps = await page.evaluate(() => window.__gaps);
    const answered = gaps.filter(([, a]) => a).map(([g]) => g);
    const waiting = gaps.filter(([, a]) => !a).map(([g]) => g);
    expect(waiting.length, `${width} ${lang}`).toBeGreaterThan(0);
    // From the first frame on, the room is about the answer's: no jump when it lands, nor a big empty gap
    // (the sentence kept room for may differ from the answer's by a line).
    for (const g of [...waiting, ...answered]) expect(Math.abs(g - answered[0]), `${width} ${lang}: ${g} → ${answered[0]}`).toBeLessThanOrEqual(24);
    await page.close();
  }
});

test('an answer that comes in while a button is pressed waits for the release: the press stays a click', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // 600,000 trials: the bottleneck analysis that follows a run takes about a second, so its answer lands
  // after the press below starts (at 300,000 it once came in before it, on a busy machine).
  await runOf(page, () => page.locator('#trials').fill('600000'));
  await bottlenecksAnswered(page);
  await page.locator('#target-value').fill('300000');
  // A sixth stage (by keyboard: the mouse is kept for the press): the tornado's next answer has a row
  // more than the panel keeps while it computes, and so moves the Target panel down when it lands.
  await runOf(page, () => page.locator('#add-stage').press('Enter'));
  await expect(page.locator('#bottlenecks p[role="status"]')).toHaveText(/Computing/);
  await page.locator('#target-compute').scrollIntoViewIfNeeded();
  const compute = await page.locator('#target-compute').boundingBox();
  await page.mouse.move(compute.x + compute.width / 2, compute.y + 3);
  await page.mouse.down();
  // The answer comes in meanwhile (in about a second) and waits: the panel still says it computes.
  await page.waitForTimeout(2_000);
  expect(await page.locator('#bottlenecks p[role="status"]').innerText()).toMatch(/Computing/);
  await page.mouse.up();
  // The press was a click on Compute; the bottleneck answer landed after it.
  await expect(page.locator('#target')).toContainText('Computing…');
  await expect(page.locator('#tornado-chart g.tornado-bar')).toHaveCount(12);
  // The Target computes for a few seconds; its first progress report, a second after it starts, adds a
  // line (its bar) above Test a change. A press on that button meanwhile holds the report until its
  // release. (Asked again by keyboard once answered: on a slower machine the tornado's answer above
  // came a second or more after the release, and the Target's first report before the press.)
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  await page.locator('#target-compute').press('Enter');
  await expect(page.locator('#target')).toContainText('Computing…');
  await page.waitForTimeout(200);
  await page.locator('#test-change').scrollIntoViewIfNeeded();
  const change = await page.locator('#test-change').boundingBox();
  await page.mouse.move(change.x + change.width / 2, change.y + 3);
  await page.mouse.down();
  await page.waitForTimeout(1_500);
  expect(await page.locator('#target .analysis-progress').count()).toBe(0);
  await page.mouse.up();
  await expect(page.locator('#target .analysis-progress progress')).toBeVisible();
  await expect(page.locator('#compare-same')).toBeVisible();
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
});

test('a slider dragged while the tornado waits for the new run does not measure its panel at each step', async ({ page }) => {
  // Each measure is a forced layout of the whole page: at every step of a drag it made the slider lag
  // behind the finger on a slow phone (a student's walkthrough; 60 to 80 ms a step at 6x slowdown).
  await page.addInitScript(() => {
    const get = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'offsetHeight').get;
    window.__measured = 0;
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
      get() {
        if (this.id === 'bottlenecks') window.__measured += 1;
        return get.call(this);
      },
    });
  });
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await bottlenecksAnswered(page);
  const slider = page.locator('input.slider').first();
  const steps = await slider.evaluate(async (s) => {
    const before = window.__measured;
    for (let i = 0; i < 10; i++) {
      s.value = String(31 + i);
      s.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => setTimeout(r, 20));
    }
    return window.__measured - before;
  });
  expect(steps).toBe(0);
  // The new run's answer is measured again, so that the next edit keeps its height.
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await bottlenecksAnswered(page);
  await expect.poll(() => page.evaluate(() => window.__measured)).toBeGreaterThan(0);
  await expect(page.locator('#stage-0-rate')).toHaveValue('40');
});

test('a rename while an analysis computes, or after its Stop, leaves it so; its answer comes under the new names', async ({ page }) => {
  test.setTimeout(150_000);
  const bar = await askLongTarget(page);
  const share = async () => Number(await bar.getAttribute('value', { timeout: 1_000 }).catch(() => -1));
  await expect.poll(share, { timeout: 10_000 }).toBeGreaterThan(0.15);
  const before = await share();
  // A stage renamed meanwhile (no trial reads a name): the Target goes on where it was, not from 0.
  await page.locator('#stage-1-name').fill('Curiosity');
  for (let i = 0; i < 8; i++) {
    await page.waitForTimeout(100);
    const now = await share();
    if (now < 0 && await page.locator('#target-probability').isVisible()) break;
    expect(now, `${i * 100 + 100} ms after the rename`).toBeGreaterThanOrEqual(before);
  }
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  // The tornado, answered before the rename, shows the new name.
  await expect(page.locator('#tornado-chart')).toContainText('Curiosity');
  // Stopped, then renamed: it stays stopped (Compute again is the reader's to press).
  await page.locator('#target-value').fill('310000');
  await page.locator('#target-compute').click();
  await expect(bar).toBeVisible({ timeout: 10_000 });
  await page.locator('#target').getByRole('button', { name: 'Stop' }).click();
  await expect(page.locator('#target p[role="status"]')).toHaveText('Stopped before it finished.');
  await page.locator('#stage-1-name').fill('Curiosity 2');
  await page.waitForTimeout(1_500);
  await expect(page.locator('#target p[role="status"]')).toHaveText('Stopped before it finished.');
  await expect(page.locator('#target').getByRole('button', { name: 'Compute again' })).toBeVisible();
});

test('a saved scenario renamed in the list is named so in the comparison and its chart', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await page.locator('#stage-1-rate').fill('45');
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  const title = page.locator('#difference-chart .chart-title');
  await expect(title).toContainText('A = Default five-stage funnel (before)');
  await page.locator('#saved-0-name').fill('Baseline');
  await page.locator('#saved-0-name').press('Enter');
  await expect(page.locator('#compare-a option:checked')).toHaveText('Baseline');
  await expect(title).toContainText('A = Baseline, B = ');
  // A name only: nothing is computed again.
  await expect(page.locator('#compare')).not.toContainText('Computing…');
});

test('test a change: B with a better stage beats A almost surely', async ({ page }, testInfo) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await expect(page.locator('#compare-a')).toHaveValue('s:Default five-stage funnel (before)');
  // Only the copy is named "(before)": the scenario being changed keeps its name.
  await expect(page).toHaveTitle('Funnel Lab: Default five-stage funnel');
  await expect(page.locator('#compare-b')).toHaveValue('current');
  // Before any change A and B agree in every trial: that is said, not shown as "B beats A: 0%".
  await expect(page.locator('#compare-same')).toHaveText(/^A and B give the same result in every trial/, { timeout: 60_000 });
  await expect(page.locator('#comparison')).toHaveCount(0);
  // Improve one stage in B (the working scenario): Interest 40% → 50%.
  await page.locator('#stage-1-rate').fill('50');
  // The default funnel, changed, is no longer the default: the page calls it "My funnel".
  await expect(page).toHaveTitle('Funnel Lab: My funnel');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await expect(page.locator('#compare-same')).toHaveCount(0);
  await expect(page.locator('#compare p.analysis-status[role="status"]')).toHaveText(/^Chance that B beats A \(Customers won, funnel\): (> )?\d+(\.\d)?%\.$/);
  // With common random numbers every trial of B has at least as many customers: P(B > A) is near 1.
  await expect.poll(async () => chanceIn(table.locator('td.p-beats').first()), { timeout: 60_000 }).toBeGreaterThan(95);
  await expect(page.locator('#difference-chart svg')).toBeVisible();
  await page.locator('#compare').screenshot({ path: testInfo.outputPath('compare-1280.png') });
  // Deleting A's saved scenario makes A the current scenario again: nothing left to compare, no old table.
  await page.locator('#saved-0-delete').click();
  await page.locator('#saved-0-confirm-delete').click();
  await expect(page.locator('#compare-a')).toHaveValue('current');
  await expect(page.locator('#comparison')).toHaveCount(0);
  await expect(page.locator('#compare-run')).toBeDisabled();
  // Said, as the answer to the choice of A and B: a status.
  await expect(page.locator('#compare').getByRole('status').filter({ hasText: 'Choose two different scenarios.' })).toHaveCount(1);
  // The note about A goes with A's copy.
  await expect(page.locator('#compare').getByText('The current scenario is saved as A.')).toHaveCount(0);
});

test('Test a change after a language switch: a copy made in English is not named "(before) (uitgangspunt)"', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#save-name').fill('Plan (before)');
  await page.locator('#save-scenario').click();
  await page.locator('#lang').selectOption('nl');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await testChange(page);
  await expect(page.locator('#compare-a')).toHaveValue('s:Plan (uitgangspunt)');
  await expect(page.locator('.saved-name')).toHaveCount(2);
});

test('the A and B selects show what is compared after Test a change, a rename and a deletion; churn shows in the active customers', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const [a, b] = [page.locator('#compare-a'), page.locator('#compare-b')];
  // The select's shown choice (its value property), which is what a user reads.
  const shown = (sel) => sel.evaluate((s) => s.options[s.selectedIndex].text);
  await page.locator('#save-name').fill('Base');
  await page.locator('#save-scenario').click();
  await testChange(page);
  await expect(page.locator('#compare-a')).toHaveValue('s:Base (before)');
  await expect(page.locator('#compare').getByText('Now change any input: B is your working scenario')).toBeVisible();
  // A picked by hand ends the note that says what A is. (Picked back and forth: an option once
  // picked by hand no longer follows its `selected` attribute in a browser.)
  await a.selectOption('current');
  await a.selectOption('s:Base (before)');
  await a.selectOption('s:Base');
  await expect(page.locator('#compare').getByText('Now change any input: B is your working scenario')).toHaveCount(0);
  await page.locator('#stage-1-rate').fill('44');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Test a change again: A is the new "(before)" copy, and the select shows it (it used to keep
  // showing "Base" while the table compared against the copy).
  await testChange(page);
  await expect(a).toHaveValue('s:Base (before) 2');
  expect(await shown(a)).toBe('Base (before) 2');
  // Interest is at 44% now: the first copy, a baseline with 40%, stays (it used to be replaced, with
  // no way back), the new one is numbered, and the note says so.
  await expect(page.locator('#compare').getByText('The earlier copy keeps its name, so this one is numbered.')).toBeVisible();
  const savedNames = await page.locator('.saved-name').evaluateAll((inputs) => inputs.map((i) => i.value));
  expect(savedNames).toEqual(['Base', 'Base (before)', 'Base (before) 2']);
  expect(await shown(b)).toBe('Current (being edited)');
  // A renamed saved scenario stays chosen under its new name.
  await a.selectOption('s:Base');
  const names = page.locator('.saved-name');
  const base = names.nth(0);
  await expect(base).toHaveValue('Base');
  await base.fill('Base 2027');
  await base.press('Enter');
  await expect(names.nth(0)).toHaveValue('Base 2027');
  await expect(a).toHaveValue('s:Base 2027');
  expect(await shown(a)).toBe('Base 2027');
  // Churn changes who is still a customer at the end: a row of its own.
  await page.locator('#churn').fill('8');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  const row = table.locator('tbody tr').filter({ hasText: 'Still customers, flywheel' });
  await expect(row).toHaveCount(1);
  // Interest is at 44% in B against 40% in Base, churn 8% against 2%: B wins more customers but
  // keeps fewer of them.
  const mean = async (label) => Number((await table.locator('tbody tr').filter({ hasText: label }).locator('td').first().innerText()).replace(/[,\s]/g, '').replace('−', '-'));
  await expect.poll(() => mean('Still customers, flywheel'), { timeout: 60_000 }).toBeLessThan(0);
  expect(await mean('Customers won, flywheel')).toBeGreaterThan(0);
  // The choices survive a reload (kept in the browser with the saved scenarios).
  await b.selectOption('s:Base (before) 2');
  await page.reload();
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await expect(a).toHaveValue('s:Base 2027');
  await expect(b).toHaveValue('s:Base (before) 2');
  expect(await shown(b)).toBe('Base (before) 2');
  // A printout of another scenario (a preset loaded) leaves out this comparison of two others; a
  // printout of one of them keeps it.
  await page.locator('#compare-run').click();
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#compare')).not.toHaveClass(/other-scenarios/);
  await page.locator('#preset-complexity').click();
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await expect(a).toHaveValue('s:Base 2027');
  await page.locator('#compare-run').click();
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#compare')).toHaveClass(/other-scenarios/);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#compare')).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('#compare')).toBeVisible();
  // Deleting A's saved scenario shows A as the current scenario, as it is then compared.
  await page.locator('#saved-0-delete').click();
  await page.locator('#saved-0-confirm-delete').click();
  await expect(a).toHaveValue('current');
  expect(await shown(a)).toBe('Current (being edited)');
  // And says so: the comparison changed without a choice made in its panel.
  const gone = page.locator('#compare-gone');
  await expect(gone).toHaveText('A: “Base 2027” is no longer among the saved scenarios: the current scenario takes its place.');
  await expect(gone).toHaveAttribute('role', 'status');
  // A scenario saved later under that name does not take its place unasked.
  await page.locator('#save-name').fill('Base 2027');
  await page.locator('#save-scenario').click();
  await expect(a.locator('option[value="s:Base 2027"]')).toHaveCount(1);
  await expect(a).toHaveValue('current');
  await expect(gone).toBeVisible();
  // Until A is chosen again.
  await a.selectOption('s:Base (before)');
  await expect(gone).toHaveCount(0);
  // One scenario chosen as both A and B, deleted: said once for both.
  await b.selectOption('s:Base (before)');
  const saved = await page.locator('.saved-name').evaluateAll((els) => els.map((e) => e.value));
  const k = saved.indexOf('Base (before)');
  await page.locator(`#saved-${k}-delete`).click();
  await page.locator(`#saved-${k}-confirm-delete`).click();
  await expect(gone).toHaveText('A, B: “Base (before)” is no longer among the saved scenarios: the current scenario takes its place.');
});

test('on a phone the comparison fits its panel: the chance that B beats A is in view', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const lang of ['en', 'nl']) {
    // Each language from a fresh start (no saved copy or inputs of the one before).
    await page.goto(`/?lang=${lang}`);
    await page.evaluate(() => { localStorage.clear(); sessionStorage.clear(); });
    await page.reload();
    await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
    await testChange(page);
    await expect(page.locator('#compare-a'), 'A after Test a change').toHaveValue(/^s:/, { timeout: 5_000 });
    // Ten times the default price: amounts of seven digits, as a planner's would be.
    await page.locator('#revenue').fill('12000');
    await page.locator('#stage-1-rate').fill('44');
    const table = page.locator('#comparison');
    await expect(table).toBeVisible({ timeout: 60_000 });
    const wrap = page.locator('#compare .table-wrap');
    const { scroll, client } = await wrap.evaluate((w) => ({ scroll: w.scrollWidth, client: w.clientWidth }));
    // Within a pixel (the collapsed borders' rounding): nothing to scroll to.
    expect(scroll, `${lang}: the table is ${scroll} px wide in a ${client} px region`).toBeLessThanOrEqual(client + 1);
  }
});

test('without churn the comparison has no row of customers still active: it would repeat the customers won', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // The run of the edits ends before the click (the results lose a row and the button moves up).
  await runOf(page, async () => {
    await page.locator('#churn').fill('0');
    await page.locator('#detractorchurn').fill('0');
  });
  await testChange(page);
  await page.locator('#stage-1-rate').fill('44');
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(table.locator('tbody tr').filter({ hasText: 'Still customers, flywheel' })).toHaveCount(0);
  // Churn in B: the row is back.
  await page.locator('#churn').fill('3');
  await expect(table.locator('tbody tr').filter({ hasText: 'Still customers, flywheel' })).toHaveCount(1, { timeout: 60_000 });
});

test('target: a share link carries the asked question, and whoever opens it (also in an embed) gets the same answer', async ({ page, browser }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Before a question is asked, the link holds the scenario only, and nothing is offered.
  await page.locator('#copy-link').click();
  await expect(page.locator('#share .hint[role="status"]')).not.toContainText('target question');
  await expect(page.locator('#share-target')).toHaveCount(0);
  const chance = await askRevenueByMonth20(page);
  // Asked, it goes along unless unticked; the link made before is gone (it lacks the question).
  await expect(page.locator('#share-target')).toBeChecked();
  // The tick says it governs the embed code too.
  await expect(page.locator('label:has(#share-target)')).toContainText('in the link and in the embed code');
  await expect(page.locator('#share-link')).toHaveCount(0);
  await page.locator('#copy-link').click();
  await expect(page.locator('#share .hint[role="status"]')).toContainText('opens with your target question asked');
  const shared = new URL(await page.locator('#share-link').inputValue());
  // Unticked, the link is made without it (and the one with it goes).
  await page.locator('#share-target').uncheck();
  await expect(page.locator('#share-link')).toHaveCount(0);
  await page.locator('#copy-link').click();
  await expect(page.locator('#share .hint[role="status"]')).not.toContainText('target question');
  const without = await page.locator('#share-link').inputValue();
  expect(without.length).toBeLessThan(shared.href.length);
  await page.locator('#share-target').check();
  // The embed code carries it with the analyses only, and says so.
  await page.locator('#share details summary').first().click();
  const code = () => page.locator('#embed-code').inputValue();
  const plain = await code();
  await page.locator('#embed-analyses').check();
  await expect(page.locator('#embed-target')).toBeVisible();
  expect((await code()).length).toBeGreaterThan(plain.length + 20);
  // A question that no longer reads (a period past the horizon) is not offered.
  await page.locator('#target-period').fill('99');
  await expect(page.locator('#share-target')).toHaveCount(0);
  await expect(page.locator('#embed-target')).toHaveCount(0);
  await page.locator('#target-period').fill('20');
  await expect(page.locator('#share-target')).toBeChecked();
  // A colleague with nothing stored: the question as asked, answered with the same seed, so the same
  // chance.
  const other = await browser.newContext();
  const colleague = await other.newPage();
  await colleague.goto(shared.href);
  await expect(colleague.locator('#target-value')).toHaveValue('300000');
  await expect(colleague.locator('#target-period')).toHaveValue('20');
  await expect(colleague.locator('#target-model')).toHaveValue('flywheel');
  await expect(colleague.locator('#target-probability')).toHaveText(chance, { timeout: 60_000 });
  // The colleague changes the question; opening the same link again asks its question again.
  await colleague.locator('#target-value').fill('100000');
  await expect(colleague.locator('#target-probability')).not.toHaveText(chance, { timeout: 60_000 });
  // (The app dropped the #s=… from its address: this is the same page getting a link.)
  await colleague.goto(shared.href);
  await expect(colleague.locator('#target-value')).toHaveValue('300000');
  await expect(colleague.locator('#target-probability')).toHaveText(chance, { timeout: 60_000 });
  // The link replaced the colleague's own question (on the same scenario): Restore asks it again, also
  // after a reload.
  await colleague.reload();
  await expect(colleague.locator('#target-value')).toHaveValue('300000');
  await colleague.locator('#restore-previous').click();
  await expect(colleague.locator('#target-value')).toHaveValue('100000');
  await expect(colleague.locator('#target-probability')).not.toHaveText(chance, { timeout: 60_000 });
  await expect(colleague.locator('#restore-previous')).toHaveCount(0);
  // A read-only embed with the analyses shows the same answer (and keeps nothing).
  await colleague.goto(`/?embed=1&analyses=1&lang=en${shared.hash}`);
  await expect(colleague.locator('#target-probability')).toHaveText(chance, { timeout: 60_000 });
  await other.close();
});

test('target: the chance to break even, from revenue minus spend at 0, higher on the flywheel by the end', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Money like revenue: the revenue target's amount stays in the box, with its euro sign allowed.
  await page.locator('#target-metric').selectOption('net');
  await expect(page.locator('#target-value')).toHaveValue('250000');
  await expect(page.locator('#target-net-hint')).toContainText('A target of 0 gives the chance to have broken even by then and to stay at or above break-even to the last period');
  await page.locator('#target-value').fill('€0');
  await page.locator('#target-model').selectOption('funnel');
  await page.locator('#target-compute').click();
  const p = page.locator('#target-probability');
  await expect(p).toBeVisible({ timeout: 60_000 });
  const funnelText = await p.innerText();
  const funnel = Number(funnelText.replace(/[<>%\s]/g, ''));
  // Asked, the question is answered again for the other model.
  await page.locator('#target-model').selectOption('flywheel');
  await expect(p).not.toHaveText(funnelText, { timeout: 60_000 });
  const flywheel = Number((await p.innerText()).replace(/[<>%\s]/g, ''));
  // The default funnel ends below 0 on average (−€26,636) and the flywheel above it (€72,799).
  expect(funnel).toBeLessThan(50);
  expect(flywheel).toBeGreaterThan(50);
  // A loss to stay within is a goal too (negative), and likelier than breaking even.
  await page.locator('#target-value').fill('-50000');
  await expect(page.locator('#target-value-error')).toHaveCount(0);
  await expect(p).not.toHaveText(`${flywheel}%`, { timeout: 60_000 });
  expect(Number((await p.innerText()).replace(/[<>%\s]/g, ''))).toBeGreaterThan(flywheel);
  await page.locator('#target-metric').selectOption('customers');
  await expect(page.locator('#target-net-hint')).toHaveCount(0);
});

test('compare: a share link carries the comparison, and whoever opens it sees the same one asked, A saved beside their own', async ({ page, browser }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Nothing to carry before a comparison is asked.
  await expect(page.locator('#share-compare')).toHaveCount(0);
  await testChange(page);
  await page.locator('#stage-1-rate').fill('44');
  const table = page.locator('#comparison');
  await expect(table).toBeVisible({ timeout: 60_000 });
  const rows = await table.locator('tbody').innerText();
  await expect(page.locator('#share-compare')).toBeChecked();
  await page.locator('#copy-link').click();
  await expect(page.locator('#share .hint[role="status"]')).toContainText('opens with your comparison of A and B');
  const shared = await page.locator('#share-link').inputValue();
  // Unticked, the link is the scenario's alone, and shorter.
  await page.locator('#share-compare').uncheck();
  await expect(page.locator('#share-link')).toHaveCount(0);
  await page.locator('#copy-link').click();
  await expect(page.locator('#share .hint[role="status"]')).not.toContainText('comparison');
  expect((await page.locator('#share-link').inputValue()).length).toBeLessThan(shared.length);
  // A colleague who saved a different scenario under A's name keeps it: A comes as a second copy, and
  // the comparison is asked with the same seed, so the same rows.
  const other = await browser.newContext();
  const colleague = await other.newPage();
  const mine = { name: 'Default five-stage funnel (before)', scenario: { ...JSON.parse(await page.evaluate(() => localStorage.getItem('funnel-lab.scenario'))), periods: 12 } };
  await colleague.goto('/?lang=en');
  await colleague.evaluate((m) => localStorage.setItem('funnel-lab.saved', JSON.stringify([m])), mine);
  // (A new page load, which reads the list: the same page would take the link without one.)
  await colleague.goto('about:blank');
  await colleague.goto(shared);
  await expect(colleague.locator('#notice-text')).toContainText('It brings a comparison, shown under Compare two scenarios; its other scenario is saved as “Default five-stage funnel (before) (2)”.');
  await expect(colleague.locator('#stage-1-rate')).toHaveValue('44');
  await expect(colleague.locator('#compare-a')).toHaveValue('s:Default five-stage funnel (before) (2)');
  await expect(colleague.locator('#compare-b')).toHaveValue('current');
  await expect(colleague.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => colleague.locator('#comparison tbody').innerText(), { timeout: 60_000 }).toBe(rows);
  const saved = JSON.parse(await colleague.evaluate(() => localStorage.getItem('funnel-lab.saved')));
  expect(saved.map((s) => [s.name, s.scenario.periods])).toEqual([['Default five-stage funnel (before)', 12], ['Default five-stage funnel (before) (2)', 24]]);
  // The colleague's own Copy link carries it on.
  await expect(colleague.locator('#share-compare')).toBeChecked();
  await other.close();
});

test('compare: "Open in Funnel Lab" in an editable embed takes the visitor\'s Test a change along', async ({ page }) => {
  await page.goto('/?embed=1&editable=1&analyses=1&lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const open = () => page.getByRole('link', { name: /Open in Funnel Lab/ }).getAttribute('href');
  const before = await open();
  await testChange(page);
  await page.locator('#stage-1-rate').fill('44');
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  const rows = await page.locator('#comparison tbody').innerText();
  await expect.poll(open).not.toBe(before);
  const href = await open();
  await page.goto(new URL(href, page.url()).href);
  await expect(page.locator('#notice-text')).toContainText('It brings a comparison');
  await expect(page.locator('#stage-1-rate')).toHaveValue('44');
  await expect(page.locator('#compare-a')).toHaveValue('s:Default five-stage funnel (before)');
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => page.locator('#comparison tbody').innerText(), { timeout: 60_000 }).toBe(rows);
});

test('a long Target and Compare are split over the workers: the answers of one worker, on every core', async ({ browser }, testInfo) => {
  test.setTimeout(240_000);
  const seen = [];
  for (const cores of [1, 2]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The pool's size and the analyses' split follow the cores the browser reports.
    await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
    const analysisWorkers = [];
    page.on('worker', (w) => analysisWorkers.push(w));
    await page.goto('/?lang=en');
    await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
    await page.locator('#trials').fill('30000');
    await expect(status(page)).toContainText('30,000 trials', { timeout: 60_000 });
    await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
    await testChange(page);
    await page.locator('#stage-1-rate').fill('42');
    await expect(page.locator('#comparison')).toBeVisible({ timeout: 120_000 });
    const started = Date.now();
    await askRevenueByMonth20(page);
    const targetMs = Date.now() - started;
    const target = await page.locator('#target').innerText();
    const comparison = await page.locator('#comparison').innerText();
    // Workers alive at the end: the run pool's and the bottleneck analysis', and as many per panel as cores.
    const alive = page.workers().length;
    seen.push({ cores, target, comparison, alive, targetMs });
    await context.close();
  }
  testInfo.annotations.push({ type: 'target at 30,000 trials (ms, 1 and 2 cores)', description: seen.map((s) => s.targetMs).join(', ') });
  expect(seen[1].target).toBe(seen[0].target);
  expect(seen[1].comparison).toBe(seen[0].comparison);
  expect(seen[0].target).toMatch(/\d+(\.\d)?%/);
  expect(seen.map((s) => s.alive)).toEqual([4, 7]);
});

test('target: a goal typed key by key is asked once, after the typing pauses, and answered for what was typed', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  // Long enough (about half a second per answer) that an analysis asked at a keystroke is still
  // computing at the next one, where it would be stopped and its worker replaced.
  await page.locator('#trials').fill('20000');
  await expect(status(page)).toContainText('20,000 trials', { timeout: 60_000 });
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#target-compute').click();
  const p = page.locator('#target-probability');
  await expect(p).toBeVisible({ timeout: 60_000 });
  const before = await p.innerText();
  let started = 0;
  page.on('worker', () => { started += 1; });
  await page.locator('#target-value').fill('');
  await page.locator('#target-value').pressSequentially('150000', { delay: 40 });
  await expect(p).toBeVisible({ timeout: 60_000 });
  await expect(p).not.toHaveText(before);
  // One question asked, of the worker that answered the first: no worker stopped and started again.
  expect(started).toBe(0);
  // The answer is the one to 150,000, as when it is asked at once.
  const typed = await p.innerText();
  await page.locator('#target-compute').click();
  await expect(page.locator('#target .analysis-status[role="status"]')).toContainText(typed, { timeout: 60_000 });
  await expect(p).toHaveText(typed);
});

test('while a new run computes, the answers for the previous inputs are greyed and then answered anew', async ({ page }) => {
  // A planner's QA walkthrough: at 150,000 trials the Target's "78.6% … Week 29" and the best-lever
  // sentence stayed on screen unmarked for the seconds of the run after an edit, answers for inputs that
  // were no longer there.
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await runOf(page, () => page.locator('#trials').fill('300000'));
  await expect(page.locator('#tornado-chart')).toBeVisible({ timeout: 120_000 });
  await page.locator('#target-compute').click();
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 120_000 });
  // (The Target's answer is greyed as a whole: the element in its region that holds the chance.)
  const filter = (sel) => page.locator(sel).evaluate((e) => getComputedStyle(e.closest('.target-answer > *') ?? e).filter);
  expect(await filter('#tornado-chart')).toBe('none');
  expect(await filter('#target-probability')).toBe('none');
  await watchRun(page);
  await page.locator('#stage-1-rate').fill('35');
  // During the new run (seconds at 300,000 trials), after the moment a quick run would take.
  await expect(page.locator('#status')).toContainText('Simulating');
  await expect.poll(() => filter('#tornado-chart')).toBe('grayscale(1)');
  await expect.poll(() => filter('#target-probability')).toBe('grayscale(1)');
  await expect(page.locator('#target .answer-waits')).toHaveText('This answer is for the previous inputs: it is computed again when the simulation has finished.');
  expect(await page.locator('#status').innerText()).toContain('Simulating');
  // Answered anew for the new inputs: not greyed.
  await ranAndDone(page);
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => filter('#target-probability'), { timeout: 120_000 }).toBe('none');
  await expect.poll(() => filter('#tornado-chart'), { timeout: 120_000 }).toBe('none');
  expect(await page.locator('.answer-waits').count()).toBe(0);
});

test('after an edit and Cancel, the analyses say where it is seen that their answers are for the inputs before, and Run again finishes the same seed', async ({ page }) => {
  // A robustness walkthrough: after Cancel, the Target's "71%" and the best lever stayed greyed, said to
  // be for the previous inputs only to a screen reader, with a promise of a new answer that never came;
  // Run drew the next seed, so the cancelled run could not be finished.
  test.setTimeout(150_000);
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await bottlenecksAnswered(page);
  await page.locator('#target-compute').click();
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  const seed = await page.locator('#seed').inputValue();
  await page.locator('#trials').fill('1000000');
  await expect(page.locator('#status')).toContainText(/Simulating… [1-9]/);
  // While a long run goes on, the downloads say what they wait for (they were off without a word).
  await expect(page.locator('#share-unfinished')).toHaveText('The results\' downloads wait for the simulation to finish.');
  await expect(page.locator('#download-summary')).toHaveAccessibleDescription('The results\' downloads wait for the simulation to finish.');
  await page.locator('#cancel').click();
  await expect(page.locator('#status')).toContainText('Cancelled');
  for (const panel of ['#target', '#bottlenecks']) {
    const note = page.locator(`${panel} .answer-waits`);
    await expect(note).not.toHaveClass(/visually-hidden/);
    await expect(note).toBeVisible();
    await expect(note).toHaveText('This answer is for the inputs before your last change: the simulation was cancelled. Rerun to compute it for these inputs.');
  }
  // The results' downloads say why they are off.
  await expect(page.locator('#download-summary')).toBeDisabled();
  await expect(page.locator('#download-summary')).toHaveAccessibleDescription(/^The results' downloads wait for a simulation that has finished/);
  await expect(page.locator('#share-unfinished')).toBeVisible();
  // Run finishes these inputs with the same seed (a smaller run, to be quick).
  await page.locator('#trials').fill('20000');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#trials').fill('300000');
  await expect(page.locator('#status')).toContainText(/Simulating… [1-9]/);
  await page.locator('#cancel').click();
  await expect(page.locator('#run')).toHaveText('Rerun (same draws)');
  await page.locator('#run').click();
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await expect(page.locator('#seed')).toHaveValue(seed);
  await expect(page.locator('#run')).toHaveText('Rerun (new draws)');
  await expect(page.locator('#share-unfinished')).toHaveCount(0);
  await expect(page.locator('#download-summary')).toBeEnabled();
  // The Target asks again for the finished inputs.
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 120_000 });
  expect(await page.locator('.answer-waits').count()).toBe(0);
});

test('the results summary file carries the analyses on screen, each for the run it summarises', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto('/?lang=en');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  const summary = async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download-summary').click()]);
    const path = testInfo.outputPath(download.suggestedFilename());
    await download.saveAs(path);
    return JSON.parse(readFileSync(path, 'utf8'));
  };
  await bottlenecksAnswered(page);
  // The levers as the tornado's table shows them, best first (a mean gain: one decimal below 10
  // customers, whole from 10 on).
  let file = await summary();
  expect(Object.keys(file.analyses)).toEqual(['bottlenecks']);
  const levers = file.analyses.bottlenecks.levers;
  expect(levers.map((l) => l.name)[0]).toBe('Awareness');
  expect(levers.map((l) => l.stage).sort()).toEqual([0, 1, 2, 3, 4]);
  const chart = page.locator('#tornado-chart');
  await chart.getByRole('button', { name: 'Show as table' }).click();
  const shown = (await chart.locator('tbody tr td:first-of-type').allInnerTexts()).map((c) => Number(c.split(' ')[0].replace(/,/g, '')));
  levers.forEach((l, i) => {
    const m = l.plus_one_point.mean;
    expect(Math.abs(shown[i] - m), `${l.name}: ${shown[i]} shown, ${m} in the file`).toBeLessThanOrEqual(m >= 10 ? 0.5 : 0.05);
    expect(l.plus_one_point.p5).toBeLessThanOrEqual(m);
    expect(l.plus_one_point.p95).toBeGreaterThanOrEqual(m);
  });
  // A Target asked: its question and the chance shown (one decimal), the periods numbered as on screen.
  const chance = Number((await askRevenueByMonth20(page)).replace(/[^0-9.]/g, ''));
  file = await summary();
  const t = file.analyses.target;
  expect(t).toMatchObject({ metric: 'cumulative_revenue', model: 'flywheel', value: 300000, by_period_number: 20, trials: 10000 });
  expect(Math.abs(t.probability * 100 - chance)).toBeLessThanOrEqual(0.05);
  expect(t.first_period_counts.length).toBe(24);
  expect(t.first_period_counts.reduce((a, b) => a + b, 0) + t.never).toBe(10000);
  const reached = t.first_period_counts.slice(0, 20).reduce((a, b) => a + b, 0);
  expect(reached / 10000).toBeCloseTo(t.probability, 10);
  // A question that no longer reads has no answer on screen, nor in the file.
  await page.locator('#target-value').fill('lots');
  await expect(page.locator('#target-probability')).toHaveCount(0);
  file = await summary();
  expect(Object.keys(file.analyses)).toEqual(['bottlenecks']);
  await page.locator('#target-value').fill('300000');
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  // Test a change, then Interest 40% → 50%: the file holds the new run's analyses and the comparison,
  // A and B named as the panel lists them.
  await testChange(page);
  await expect(page.locator('#compare-same')).toBeVisible({ timeout: 60_000 });
  // A against an unchanged B: "the same in every trial", on screen and in the file.
  file = await summary();
  expect(file.analyses.comparison.b).toBe('Default five-stage funnel (current scenario, being edited)');
  expect(file.analyses.comparison.report.funnel_customers).toMatchObject({ probability_b_greater: 0, probability_equal: 1 });
  await page.locator('#stage-1-rate').fill('50');
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await expect(page.locator('#comparison')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#target-probability')).toBeVisible({ timeout: 60_000 });
  await bottlenecksAnswered(page);
  file = await summary();
  expect(file.scenario.stages[1].rate.mean).toBe(0.5);
  expect(Object.keys(file.analyses)).toEqual(['bottlenecks', 'target', 'comparison']);
  const c = file.analyses.comparison;
  expect(c.a).toBe('Default five-stage funnel (before)');
  expect(c.b).toBe('My funnel (current scenario, being edited)');
  expect(c.report.trials).toBe(10000);
  const beats = await chanceIn(page.locator('#comparison td.p-beats').first());
  expect(c.report.funnel_customers.probability_b_greater).toBeGreaterThan(0.95);
  expect(Math.abs(c.report.funnel_customers.probability_b_greater * 100 - beats)).toBeLessThanOrEqual(0.05);
  // The levers and the Target are those of the edited funnel: Interest at 50% gives more customers, so
  // the chance of the revenue goal is the one on screen now.
  const now = Number((await page.locator('#target-probability').innerText()).replace(/[^0-9.]/g, ''));
  expect(Math.abs(file.analyses.target.probability * 100 - now)).toBeLessThanOrEqual(0.05);
  expect(file.analyses.target.probability).toBeGreaterThan(t.probability);
});
