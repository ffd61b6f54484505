// Helpers shared by the e2e specs (not a spec itself).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The status line once a run has finished, in English or Dutch. */
export const DONE = /Median customers after|Mediaan aantal klanten na/;

export const status = (page) => page.locator('#status');

export async function waitForDone(page) {
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
}

/** Median final customers of the funnel, from the summary table. */
export async function funnelMedian(page) {
  const text = await page.locator('#summary tbody tr').first().locator('td').nth(2).innerText();
  return Number(text.replace(/[^0-9]/g, ''));
}

/** axe-core's serious and critical violations on the page (or inside `include` selectors), as text. */
export async function seriousViolations(page, include = []) {
  let axe = new AxeBuilder({ page });
  for (const selector of include) axe = axe.include(selector);
  const results = await axe.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
