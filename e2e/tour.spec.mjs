// The guided tour (closing it returns the focus to its button), the flywheel histograms, and screenshots of every panel at 360 px and 1280 px.
import { test, expect } from '@playwright/test';

const DONE = /Median customers won after/;

test('the guided tour walks through six parts and closes with Escape', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await expect(page.locator('#tornado-chart svg')).toBeVisible({ timeout: 60_000 });
  await page.locator('#tour-start').click();
  const box = page.getByRole('dialog', { name: '1. Your funnel, stage by stage' });
  await expect(box).toBeVisible();
  await expect(box).toBeFocused();
  await expect(page.locator('.stages-panel')).toHaveClass(/tour-highlight/);
  await expect(page.locator('#tour-back')).toBeDisabled();
  // On a laptop the box sits beside the part it points at, not over it: right of the inputs, left of a chart.
  const span = (l) => l.evaluate((e) => { const r = e.getBoundingClientRect(); return [r.left, r.right]; });
  expect((await span(page.locator('#tour-box')))[0]).toBeGreaterThanOrEqual((await span(page.locator('.stages-panel')))[1]);
  for (let i = 2; i <= 6; i++) {
    await page.locator('#tour-next').click();
    await expect(page.locator('.tour-count')).toHaveText(`Step ${i} of 6`);
    if (i === 4) {
      await expect(page.locator('#customers-chart')).toHaveClass(/tour-highlight/);
      expect((await span(page.locator('#tour-box')))[1]).toBeLessThanOrEqual((await span(page.locator('#customers-chart')))[0]);
    }
  }
  await expect(page.locator('#share')).toHaveClass(/tour-highlight/);
  await expect(page.locator('#tour-next')).toHaveText('Done');
  await page.locator('#tour-back').click();
  // The bottleneck step points at its chart once the analysis has drawn it (else at the panel).
  await expect(page.locator('#tornado-chart')).toHaveClass(/tour-highlight/);
  await expect(page.locator('#bottlenecks')).not.toHaveClass(/tour-highlight/);
  await page.locator('#tour-box').press('Escape');
  await expect(page.locator('#tour-box')).toHaveCount(0);
  await expect(page.locator('.tour-highlight')).toHaveCount(0);
  // Escape closes it also when the focus has left the box (it is not modal: Tab goes on into the page).
  await page.locator('#tour-start').click();
  await page.locator('#arrivals').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#tour-box')).toHaveCount(0);
  // …and the focus stays in the field where the user was.
  await expect(page.locator('#arrivals')).toBeFocused();
  // In Dutch too.
  await page.locator('#lang').selectOption('nl');
  await page.locator('#tour-start').click();
  await expect(page.locator('#tour-title')).toHaveText('1. Je trechter, fase voor fase');
});

// Also from the sub-path with the strict Content-Security-Policy, which refuses a style attribute (the part's
// scroll margin is set through the CSSOM).
const SUB = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 8091) + 1}/tools/funnel/`;
for (const [where, base] of [['', '/'], [' (strict CSP)', SUB]]) test(`on a phone the tour box sits at the top and each part it points at starts just below it${where}`, async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto(`${base}?lang=en`);
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#tour-start').click();
  const rect = (l) => l.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
  for (let i = 1; i <= 6; i++) {
    await expect(page.locator('.tour-count')).toHaveText(`Step ${i} of 6`);
    const part = page.locator('.tour-highlight');
    await expect(part).toHaveCount(1);
    // The part's top (its heading, a chart's title) is in sight below the box, not under it.
    await expect.poll(async () => (await rect(part)).top - (await rect(page.locator('#tour-box'))).bottom).toBeGreaterThanOrEqual(0);
    expect((await rect(part)).top).toBeLessThan(640 - 100);
    if (i < 6) await page.locator('#tour-next').click();
  }
});

test('on a phone the bottleneck step shows the chart it speaks of, just below the box', async ({ page }) => {
  // A teacher's students at 360 × 740 saw the box, the panel's heading and its explanation: the chart was
  // below the window.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/?lang=nl');
  await expect(page.locator('#tornado-chart svg')).toBeVisible({ timeout: 60_000 });
  await page.locator('#tour-start').click();
  for (let i = 1; i < 5; i++) await page.locator('#tour-next').click();
  await expect(page.locator('.tour-count')).toHaveText('Stap 5 van 6');
  await expect(page.locator('#tornado-chart')).toHaveClass(/tour-highlight/);
  const [box, svg] = await Promise.all(['#tour-box', '#tornado-chart svg'].map((s) => page.locator(s).evaluate((e) => e.getBoundingClientRect().toJSON())));
  expect(svg.top).toBeGreaterThanOrEqual(box.bottom);
  expect(svg.top).toBeLessThan(740 - 100);
});

// A phone or tablet turned during a step: back in portrait the part is again just below the box at the top.
// Before, the box stayed at the foot of the window where landscape had put it, over the chart's lower half,
// and (tablet) the chart's top stayed above the window.
for (const [w, h] of [[390, 844], [768, 1024]]) {
  test(`the tour after a turn of the device (${w} × ${h}): the step's part is placed below the box again`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?lang=en');
    await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
    await page.locator('#tour-start').click();
    for (let i = 1; i < 4; i++) await page.locator('#tour-next').click();
    await expect(page.locator('.tour-count')).toHaveText('Step 4 of 6');
    const rect = (l) => l.evaluate((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    const chart = page.locator('#customers-chart');
    const placed = async () => {
      const [c, b] = [await rect(chart), await rect(page.locator('#tour-box'))];
      // The box at the top (8 px down), the chart's title 15–25 px below it.
      return b.top < 20 && c.top >= b.bottom && c.top < b.bottom + 60;
    };
    await expect.poll(placed).toBe(true);
    await page.setViewportSize({ width: h, height: w });
    await page.waitForTimeout(300);
    await page.setViewportSize({ width: w, height: h });
    await expect.poll(placed).toBe(true);
    // A change of height only (a phone's address bar) leaves the page where it is.
    const y = await page.evaluate(() => scrollY);
    await page.setViewportSize({ width: w, height: h - 60 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => scrollY)).toBe(y);
  });
}

// The box is not modal: Tab goes on from it into the page. Whatever gets the focus is never under the box
// (it moves to the other end of the window, or the page scrolls), on a phone (step 1: the box at the top,
// the page's header under it) and on a laptop (step 4: the box over the inputs' column, at its foot).
for (const [width, height, step] of [[390, 844, 1], [1280, 720, 4]]) {
  test(`keyboard: the tour box never covers the element that has the focus (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/?lang=nl');
    await expect(page.locator('#status')).toContainText(/Mediaan aantal gewonnen klanten na/, { timeout: 60_000 });
    await page.locator('#tour-start').click();
    for (let i = 1; i < step; i++) await page.locator('#tour-next').click();
    await expect(page.locator('.tour-count')).toHaveText(`Stap ${step} van 6`);
    await expect(page.locator('#tour-box')).toBeFocused();
    // The focused element's box where the tour box overlaps it, or null.
    const covered = () => page.evaluate(() => {
      const [a, box] = [document.activeElement, document.getElementById('tour-box')];
      if (!a || !box || box.contains(a)) return null;
      const [r, b] = [a.getBoundingClientRect(), box.getBoundingClientRect()];
      return r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom ? `${a.id || a.tagName} ${r.top}–${r.bottom} under ${b.top}–${b.bottom}` : null;
    });
    for (const key of [...Array(45).fill('Tab'), ...Array(15).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      await expect.poll(covered, { timeout: 2_000 }).toBeNull();
    }
    await expect(page.locator('#tour-box')).toBeVisible();
    // The next step puts the box back, and the part it points at is not under it.
    await page.locator('#tour-next').click();
    const part = await page.locator('.tour-highlight').evaluate((e) => e.getBoundingClientRect());
    const box = await page.locator('#tour-box').evaluate((e) => e.getBoundingClientRect());
    expect(part.left >= box.right || part.right <= box.left || part.top >= box.bottom || Math.min(part.bottom, part.top + 48) <= box.top).toBe(true);
  });
}

test('in a short window (200% zoom) the tour box leaves room for the part it explains', async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 360 });
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#stage-1-rate').fill('35');
  await page.locator('#tour-start').click();
  for (let i = 1; i <= 6; i++) {
    if (i > 1) await page.locator('#tour-next').click();
    // The step's text from its start as soon as the step shows (read in the same task as its count).
    const shown = await page.waitForFunction((n) => document.querySelector('.tour-count')?.textContent === `Step ${n} of 6`
      && { top: document.getElementById('tour-text').scrollTop }, i, { polling: 5 });
    expect((await shown.jsonValue()).top, `step ${i}`).toBe(0);
    const [box, part] = await page.evaluate(() => {
      const r = (e) => e.getBoundingClientRect();
      return [r(document.getElementById('tour-box')), r(document.querySelector('.tour-highlight'))].map((b) => [b.top, b.bottom]);
    });
    // At most half the window; the part's top in the window, below the box.
    expect(box[1] - box[0], `step ${i}`).toBeLessThanOrEqual(180);
    expect(part[0], `step ${i}`).toBeGreaterThanOrEqual(box[1]);
    expect(part[0], `step ${i}`).toBeLessThan(360 - 60);
    // Its count and buttons whole in it; only the step's text scrolls, from its start at each step.
    const whole = await page.evaluate(() => {
      const b = document.getElementById('tour-box').getBoundingClientRect();
      const within = (e) => { const r = e.getBoundingClientRect(); return r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5; };
      return ['.tour-count', '#tour-back', '#tour-next', '#tour-close'].every((q) => within(document.querySelector(q)));
    });
    expect(whole, `step ${i}`).toBe(true);
    // The step's text whole, or at least four lines of it (it had two: the count on a line of its own,
    // a title that the short window's smaller size did not reach, tall buttons, the header's margin).
    const [scroll, client, line] = await page.locator('#tour-text').evaluate((e) => [e.scrollHeight, e.clientHeight, parseFloat(getComputedStyle(e).lineHeight)]);
    if (scroll > client) expect(client / line, `step ${i}`).toBeGreaterThanOrEqual(4);
    expect(await page.locator('#tour-text').evaluate((e) => e.scrollTop), `step ${i}`).toBe(0);
    await page.locator('#tour-text').evaluate((e) => { e.scrollTop = e.scrollHeight; });
    // The copy of the status line is not shown under the box meanwhile.
    await expect(page.locator('.live-mini')).toBeHidden();
  }
});

test('on a phone with large text the tour box fits the window: its text scrolls, its buttons stay in reach', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lang=nl');
  await expect(page.locator('#status')).toContainText(/Mediaan aantal gewonnen klanten na/, { timeout: 60_000 });
  // The phone's text size at 200% (the box was 1,050–1,270 px tall, Next and Close below the window).
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.locator('#tour-start').click();
  for (let i = 1; i <= 6; i++) {
    await expect(page.locator('.tour-count')).toHaveText(`Stap ${i} van 6`);
    const box = await page.locator('#tour-box').boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(844);
    for (const id of ['#tour-back', '#tour-next', '#tour-close']) await expect(page.locator(id)).toBeInViewport({ ratio: 1 });
    await page.locator('#tour-next').click();
  }
  await expect(page.locator('#tour-box')).toHaveCount(0);
});

test('at 200% zoom the arrow, page and space keys on the tour box scroll its text, not the page behind it', async ({ page }) => {
  // A laptop at 200% zoom (640 × 400): the box showed 2.5 lines of a step, and ArrowDown moved the page.
  // (A smaller laptop's here, 960 × 600 at 200%: at 640 × 400 the first step's text now shows whole.)
  await page.setViewportSize({ width: 480, height: 300 });
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#tour-start').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#tour-box')).toBeFocused();
  const text = page.locator('#tour-text');
  const [scroll, client] = await text.evaluate((t) => [t.scrollHeight, t.clientHeight]);
  expect(scroll).toBeGreaterThan(client);
  const y = await page.evaluate(() => scrollY);
  await page.keyboard.press('ArrowDown');
  expect(await text.evaluate((t) => t.scrollTop)).toBeGreaterThan(0);
  await page.keyboard.press('Space');
  expect(await page.evaluate(() => scrollY)).toBe(y);
  await page.keyboard.press('PageUp');
  await page.keyboard.press('ArrowUp');
  expect(await text.evaluate((t) => t.scrollTop)).toBe(0);
  await expect(page.locator('#tour-box')).toBeFocused();
  // A clicker's PageDown reads the text to its end first, then goes to the next step.
  let presses = 0;
  while (presses < 20 && (await text.evaluate((t) => t.scrollTop < t.scrollHeight - t.clientHeight - 1))) {
    await page.keyboard.press('PageDown');
    presses += 1;
    await expect(page.locator('.tour-count')).toHaveText('Step 1 of 6');
  }
  expect(presses).toBeGreaterThan(0);
  await page.keyboard.press('PageDown');
  await expect(page.locator('.tour-count')).toHaveText('Step 2 of 6');
});

test('on a laptop with 200% text the tour box stays over the inputs\' column, beside the chart it explains', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await page.locator('#tour-start').click();
  for (let i = 2; i <= 4; i++) await page.locator('#tour-next').click();
  await expect(page.locator('#customers-chart')).toHaveClass(/tour-highlight/);
  const [box, chart] = [await page.locator('#tour-box').boundingBox(), await page.locator('#customers-chart').boundingBox()];
  expect(box.x + box.width).toBeLessThanOrEqual(chart.x);
});

test('closing the tour puts the focus back on "Take the tour"', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const start = page.locator('#tour-start');
  // Escape, from the tour box and from one of its buttons.
  await start.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#tour-box')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#tour-box')).toHaveCount(0);
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  await page.locator('#tour-next').focus();
  await page.keyboard.press('Escape');
  await expect(page.locator('#tour-box')).toHaveCount(0);
  await expect(start).toBeFocused();
  // The Close button, and Done on the last step.
  await page.keyboard.press('Enter');
  await page.locator('#tour-close').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('#tour-box')).toHaveCount(0);
  await expect(start).toBeFocused();
  await page.keyboard.press('Enter');
  for (let i = 2; i <= 6; i++) await page.locator('#tour-next').click();
  await page.locator('#tour-next').click();
  await expect(page.locator('#tour-box')).toHaveCount(0);
  await expect(start).toBeFocused();
});

test('the histograms switch between the funnel and the flywheel', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const title = page.locator('#customers-histogram .chart-title');
  await expect(title).toHaveText('Customers won by the end, across trials (funnel)');
  const funnelDesc = await page.locator('#customers-histogram desc').textContent();
  await page.locator('#histogram-model').selectOption('flywheel');
  await expect(title).toHaveText('Customers won by the end, across trials (flywheel)');
  await expect(page.locator('#customers-histogram svg.histogram.flywheel')).toHaveCount(1);
  // The default flywheel ends with more customers than the funnel: its median differs.
  await expect(page.locator('#customers-histogram desc')).not.toHaveText(funnelDesc);
});

for (const width of [360, 1280]) {
  test(`screenshots of every panel at ${width} px`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/?lang=en');
    await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
    await expect(page.locator('#tornado-chart')).toBeVisible({ timeout: 60_000 });
    await page.locator('#add-segment').click();
    await page.locator('#add-segment').click();
    const panels = {
      segments: '#segments',
      presets: '.presets', saved: '.saved', stages: '.stages-panel', general: '.general', flywheel: '.flywheel-panel',
      learn: '.learn', results: '.result-panels', flow: '#flow', share: '#share', bottlenecks: '#bottlenecks',
      target: '#target', compare: '#compare',
    };
    for (const [name, sel] of Object.entries(panels)) {
      const el = page.locator(sel).first();
      await expect(el, name).toBeVisible();
      await el.screenshot({ path: testInfo.outputPath(`panel-${name}-${width}.png`) });
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('a presenter\'s clicker (PageDown / PageUp, → / ←) steps the tour and the single-trial demo instead of scrolling the page', async ({ page }) => {
  // A lecturer's beamer: 1280 × 720 at 125% zoom. Her clicker's PageDown scrolled the page (and the part
  // the tour points at) off the screen while the tour stayed on step 1, and scrolled the demo away.
  await page.setViewportSize({ width: 1024, height: 576 });
  await page.goto('/?lang=nl');
  await expect(page.locator('#status')).toContainText(/Mediaan aantal gewonnen klanten/, { timeout: 60_000 });
  await page.locator('#tour-start').click();
  await expect(page.locator('#tour-box')).toBeFocused();
  const count = page.locator('.tour-count');
  // Step 1's text fits the box here, so PageDown goes on at once.
  expect(await page.locator('#tour-text').evaluate((t) => t.scrollHeight <= t.clientHeight)).toBe(true);
  await page.keyboard.press('PageDown');
  await expect(count).toHaveText('Stap 2 van 6');
  await expect(page.locator('#tour-box')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(count).toHaveText('Stap 3 van 6');
  await page.keyboard.press('PageUp');
  await expect(count).toHaveText('Stap 2 van 6');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(count).toHaveText('Stap 1 van 6');
  // Not with a modifier (Alt+→ is the browser's Forward, Ctrl+PageDown the next tab), and a held key's
  // repeats do not run through the steps.
  for (const key of ['Alt+ArrowRight', 'Control+PageDown', 'Shift+ArrowRight']) {
    await page.keyboard.press(key);
    await expect(count, key).toHaveText('Stap 1 van 6');
  }
  await page.keyboard.down('PageDown');
  await expect(count).toHaveText('Stap 2 van 6');
  await page.keyboard.down('PageDown');
  await page.keyboard.down('PageDown');
  await page.keyboard.up('PageDown');
  await expect(count).toHaveText('Stap 2 van 6');
  // On the box's buttons too; past the last step it stays there (Klaar closes it).
  await page.locator('#tour-next').focus();
  await page.keyboard.press('PageDown');
  await expect(count).toHaveText('Stap 3 van 6');
  for (let i = 0; i < 30 && (await count.innerText()) !== 'Stap 6 van 6'; i++) await page.keyboard.press('PageDown');
  await expect(count).toHaveText('Stap 6 van 6');
  await page.keyboard.press('PageDown');
  await expect(count).toHaveText('Stap 6 van 6');
  await page.keyboard.press('Escape');
  // The demo: on its buttons the clicker steps a period and the page stays where it is.
  const flow = page.locator('#flow');
  await page.locator('#flow-play').focus();
  const y = await page.evaluate(() => scrollY);
  const line = page.locator('#flow-period-label');
  await expect(line).toHaveText(/^Periode 1 \/ 24 /);
  await page.keyboard.press('PageDown');
  await expect(line).toHaveText(/^Periode 2 \/ 24 /);
  await page.keyboard.press('ArrowRight');
  await expect(line).toHaveText(/^Periode 3 \/ 24 /);
  await page.keyboard.press('PageUp');
  await expect(line).toHaveText(/^Periode 2 \/ 24 /);
  expect(await page.evaluate(() => scrollY)).toBe(y);
  await expect(flow).toBeInViewport();
  // Not with a modifier (Alt+← is the browser's Back).
  await page.locator('#flow-play').focus();
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(line).toHaveText(/^Periode 2 \/ 24 /);
  // The slider keeps a slider's keys: End goes to the last period, PageDown lowers it.
  await page.locator('#flow-period').focus();
  await page.keyboard.press('End');
  await expect(line).toHaveText(/^Periode 24 \/ 24 /);
  await page.keyboard.press('PageDown');
  await expect(line).not.toHaveText(/^Periode 24 \/ 24 /);
});
