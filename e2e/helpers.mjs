// Helpers shared by the e2e specs (not a spec itself).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/** The status line once a run has finished, in English or Dutch. */
export const DONE = /Median customers won after|Mediaan aantal gewonnen klanten na/;

export const status = (page) => page.locator('#status');

// After the page's zero-delay timers set so far have run: the app moves the focus a moment after an
// action (Save to the saved scenario's Load, Add a segment to its name, a moved stage's button), and a
// test that focuses or types at once can be overtaken by it on a slow machine (CI failed so). Timers of
// one delay run in the order they were set, so this one runs after them.
export async function settled(page) {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
}

export async function waitForDone(page) {
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
}

/** Does `act` and waits until the run it starts has finished. A fast run can show "Simulating" for less
 *  than a polling interval, so the status line is watched from before `act` by a MutationObserver. */
export async function runOf(page, act) {
  await watchRun(page);
  await act();
  await ranAndDone(page);
}

/** Starts watching the status line for a run (see [`runOf`]): call it before the edits that start one. */
export async function watchRun(page) {
  await page.evaluate(() => {
    window.__runSeen = false;
    const el = document.querySelector('#status');
    const seen = () => { if (/Simulating|simuleren/.test(el.textContent)) window.__runSeen = true; };
    new MutationObserver(seen).observe(el, { childList: true, subtree: true, characterData: true });
  });
}

/** Waits until a run has started since [`watchRun`] and has finished. */
export async function ranAndDone(page) {
  await page.waitForFunction(() => window.__runSeen, null, { timeout: 10_000 });
  await waitForDone(page);
}

/** Median final customers of the funnel, from the summary table. */
export async function funnelMedian(page) {
  const text = await page.locator('#summary tbody tr').first().locator('td').nth(1).innerText();
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

/**
 * What makes the charts on a page (or in a frame) hard to read: text under 8 px on screen, text past the
 * chart's edge, a chart's buttons on more than one row, tick or quantile labels printed over each other,
 * and a page wider than its window. Empty when all is well.
 */
export function chartProblems(target) {
  return target.evaluate(() => {
      const out = [];
      const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
      for (const svg of document.querySelectorAll('figure.chart svg')) {
        const id = svg.closest('figure').id;
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim());
        for (const t of texts) {
          // The size the text is drawn at on the screen, in CSS pixels.
          const px = parseFloat(getComputedStyle(t).fontSize) * scale;
          if (px < 8) out.push(`${id}: "${t.textContent}" drawn at ${px.toFixed(1)} px`);
          const r = t.getBoundingClientRect();
          if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${id}: "${t.textContent}" cut at the edge`);
        }
        // In a phone-sized chart its buttons (Show as table, SVG, PNG) stay on one row under the title.
        const rows = new Set([...svg.closest('figure').querySelectorAll('figcaption button')].map((b) => Math.round(b.getBoundingClientRect().top)));
        if (box.width < 300 && rows.size > 1) out.push(`${id}: its buttons take ${rows.size} rows`);
        // Tick labels of one axis, and the histogram's quantile labels, never print over each other.
        for (const sel of ['.x-axis text', '.y-axis text', '.quantile-markers text']) {
          const rs = [...svg.querySelectorAll(sel)].map((t) => [t.textContent, t.getBoundingClientRect()]);
          for (let i = 0; i < rs.length; i++)
            for (let j = i + 1; j < rs.length; j++)
              if (overlap(rs[i][1], rs[j][1])) out.push(`${id}: "${rs[i][0]}" overlaps "${rs[j][0]}"`);
        }
        // Nor do the axes' titles or a marker's lines print over a tick label (each line of the marker on
        // its own: the box of the whole label would take in the space beside its shorter lines).
        const lines = (sel) =>
          [...svg.querySelectorAll(sel)].flatMap((t) => {
            const walk = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
            const out = [];
            for (let n = walk.nextNode(); n; n = walk.nextNode()) {
              if (!n.textContent.trim()) continue;
              const range = document.createRange();
              range.selectNodeContents(n);
              out.push([n.textContent, range.getBoundingClientRect()]);
            }
            return out;
          });
        const ticks = lines('.x-axis text, .y-axis text');
        for (const [text, r] of lines('.axis-label, .marker text'))
          for (const [tick, t] of ticks) if (overlap(r, t)) out.push(`${id}: "${text}" overlaps the tick "${tick}"`);
      }
      if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('the page scrolls sideways');
      return out;
    });
}

/** The colour an element is drawn on: the background of its nearest ancestor that has one (null: none). */
export function backgroundUnder(locator) {
  return locator.evaluate((e) => {
    for (let a = e.parentElement; a; a = a.parentElement) {
      const c = getComputedStyle(a).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)') return c;
    }
    return null;
  });
}
