// Embedding: the example blog post embeds two scenarios that size themselves to their content, at 320, 360
// and 800 px wide, with legible charts; the embed layout has no app chrome, links back to the full app, and never overwrites the
// visitor's own stored scenario; the Embed dialog writes a snippet that works.
import { test, expect } from '@playwright/test';
import { chartProblems, seriousViolations } from './helpers.mjs';

const DONE = /Median customers won after/;

for (const width of [320, 360, 800]) {
  test(`the example blog post at ${width} px: two embeds that auto-resize`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/blog-post.html');
    for (const id of ['#embed-healthy', '#embed-editable']) {
      const frame = page.frameLocator(id);
      await page.locator(id).scrollIntoViewIfNeeded();
      await expect(frame.locator('#status')).toContainText(DONE, { timeout: 90_000 });
      await expect(frame.locator('.app-header')).toHaveCount(0);
      await expect(frame.getByRole('link', { name: /Open in Funnel Lab/ })).toBeVisible();
      // Its arrow is seen, not read out; a screen reader hears that it opens a new tab.
      await expect(frame.getByRole('link', { name: /Open in Funnel Lab/ })).toHaveAccessibleName('Open in Funnel Lab (opens in a new tab)');
      await expect(frame.getByRole('link', { name: /Open in Funnel Lab/ })).toHaveText('Open in Funnel Lab ↗(opens in a new tab)');
      // The host resized the frame to the height the embed reported (different from the initial attribute).
      await expect.poll(async () => page.locator(id).evaluate((f) => f.style.height), { timeout: 30_000 }).toMatch(/^\d+px$/);
      // The reported height follows the content (messages are asynchronous: poll until they agree).
      await expect.poll(async () => {
        const reported = await page.locator(id).evaluate((f) => parseInt(f.style.height, 10));
        const content = await frame.locator('body').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
        return Math.abs(reported - content);
      }, { timeout: 20_000 }).toBeLessThanOrEqual(2);
      // No horizontal scrolling inside the frame, and charts legible in it: at 320 px the blog's own
      // margins leave the frame 288 px, its charts 230 px and the bottleneck chart 196 px.
      const overflow = await frame.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      // The final values' table shows p5, the median and p95 without scrolling sideways (in the
      // 256 px column of a 320 px blog only the mean, last, scrolls).
      const p95 = await frame.locator('#summary').evaluate((t) => t.rows[0].cells[3].getBoundingClientRect().right - t.parentElement.getBoundingClientRect().right);
      expect(p95).toBeLessThanOrEqual(0);
      await expect(frame.locator('#tornado-chart svg')).toBeVisible({ timeout: 60_000 });
      const inner = await (await page.locator(id).elementHandle()).contentFrame();
      expect(await chartProblems(inner)).toEqual([]);
    }
    if (width === 360) {
      // Wider (a phone turned sideways): the frames get shorter again, to their content's height.
      const tall = await page.locator('#embed-editable').evaluate((f) => parseInt(f.style.height, 10));
      await page.setViewportSize({ width: 800, height: 900 });
      await expect.poll(async () => {
        const reported = await page.locator('#embed-editable').evaluate((f) => parseInt(f.style.height, 10));
        const content = await page.frameLocator('#embed-editable').locator('body').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
        return [reported < tall - 200, Math.abs(reported - content) <= 2];
      }, { timeout: 20_000 }).toEqual([true, true]);
      await page.setViewportSize({ width, height: 900 });
    }
    await expect(page.frameLocator('#embed-healthy').locator('#stage-0-rate')).toHaveCount(0);
    await expect(page.frameLocator('#embed-editable').locator('#stage-0-rate')).toBeVisible();
    await expect(page.frameLocator('#embed-healthy').locator('#tornado-chart')).toBeVisible({ timeout: 60_000 });
    // A read-only embed has nothing to compare (no inputs, no saved scenarios): no A/B panel there; the
    // editable one keeps it ("Test a change" works with its inputs).
    await expect(page.frameLocator('#embed-healthy').locator('#test-change')).toHaveCount(0);
    // Its reader is told what the flywheel's figures rest on, not to set what it cannot reach.
    await expect(page.frameLocator('#embed-healthy').locator('#flywheel-assumed')).toHaveText(/example settings \(.*\)\. With referrals/);
    await expect(page.frameLocator('#embed-editable').locator('#flywheel-assumed')).toContainText('set yours under Flywheel');
    await expect(page.frameLocator('#embed-editable').locator('#test-change')).toBeVisible();
    // An embed has no Save: its comparison starts from Test a change.
    await expect(page.frameLocator('#embed-editable').locator('#compare .hint').first()).toHaveText(/Start with Test a change\.$/);
    // The second frame is the scenario its text describes: Evaluation kept 20 of 100 leads, and it shows
    // the bottleneck chart the text points to.
    await expect(page.frameLocator('#embed-editable').locator('#stage-2-successes')).toHaveValue('20');
    await expect(page.frameLocator('#embed-editable').locator('#tornado-chart')).toBeVisible({ timeout: 60_000 });
    await page.screenshot({ path: testInfo.outputPath(`blog-post-${width}.png`), fullPage: true });
  });
}

test('an embed reports its height only once it has drawn itself (the host frame never collapses first)', async ({ page }) => {
  await page.addInitScript(() => {
    window.__heights = [];
    addEventListener('message', (e) => { if (e.data?.type === 'funnel-lab:height') window.__heights.push(e.data.height); });
  });
  await page.goto('/blog-post.html');
  await expect(page.frameLocator('#embed-healthy').locator('#status')).toContainText(DONE, { timeout: 90_000 });
  const heights = await page.evaluate(() => window.__heights);
  expect(heights.length).toBeGreaterThan(0);
  // The empty page before the app mounts is a few pixels tall: no message carried such a height.
  expect(Math.min(...heights)).toBeGreaterThan(200);
});

test('an embed never overwrites the visitor\'s stored scenario, and the dialog snippet opens this scenario', async ({ page }) => {
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#periods').fill('30');
  await expect(page.locator('#status')).toContainText('after 30 months', { timeout: 60_000 });
  const stored = await page.evaluate(() => localStorage.getItem('funnel-lab.scenario'));
  await page.locator('#embed-dialog summary').click();
  await page.locator('#embed-editable').check();
  await page.locator('#embed-lang').selectOption('nl');
  // "As the system" says what it follows (a blogger's dark page showed a white frame to a reader whose
  // system is light); a chosen theme needs no word.
  await expect(page.locator('#embed-theme')).toHaveAccessibleDescription("Each reader's own setting: on a page with a dark background, choose Dark.");
  const row = () => page.evaluate(() => ['embed-lang', 'embed-theme'].map((id) => { const r = document.getElementById(id).getBoundingClientRect(); return [r.x, r.y]; }));
  const before = await row();
  await page.locator('#embed-theme').selectOption('dark');
  await expect(page.locator('#embed-theme-hint')).toHaveCount(0);
  // The hint sits under the row: the row's fields stay where they were (in the field, its width put
  // them one above the other).
  expect(await row()).toEqual(before);
  await expect(page.locator('#embed-code')).toHaveValue(/theme=dark&amp;/);
  await page.locator('#embed-theme').selectOption('auto');
  // A size that is not one is explained, kept as typed, and the snippet waits for it (it kept the last
  // valid size, and Copy code copied a frame other than the one typed).
  await page.locator('#embed-height').fill('abc');
  await expect(page.locator('#embed-height-error')).toHaveText('Enter a height in pixels, from 100 to 10,000 (such as 900).');
  await expect(page.locator('#embed-height')).toHaveValue('abc');
  await expect(page.locator('#embed-code')).toHaveCount(0);
  await expect(page.locator('#embed-code-copy')).toHaveCount(0);
  await expect(page.locator('#embed-code-waits')).toHaveText('First fix the input marked in red (its message is under it).');
  // Narrower than 320 px the embed's layout is cut (a QA walkthrough at 200 px): the width says so.
  await page.locator('#embed-width').fill('200');
  await expect(page.locator('#embed-width-error')).toHaveText('Enter a width in pixels from 320 to 10,000 (such as 800) or a percentage from 1% to 100% (such as 100%).');
  await page.locator('#embed-width').fill('100%');
  await expect(page.locator('#embed-width-error')).toHaveCount(0);
  await page.locator('#embed-height').fill('750');
  await expect(page.locator('#embed-height-error')).toHaveCount(0);
  await expect(page.locator('#embed-code')).toHaveValue(/ height="750" /);
  const code = await page.locator('#embed-code').inputValue();
  // Copy code puts the snippet on the clipboard and says so; where the browser refuses, the snippet is
  // selected for Ctrl+C and the note says that instead. A new snippet drops the note of the old one.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.locator('#embed-code-copy').click();
  await expect(page.locator('#embed-dialog [role="status"]')).toHaveText("Copied. Paste it into your page's HTML.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); });
  await page.locator('#embed-resize-copy').click();
  await expect(page.locator('#embed-dialog [role="status"]')).toHaveText(/^The browser did not allow copying: the code is selected/);
  const selected = await page.evaluate(() => { const t = document.getElementById('embed-resize'); return [t.selectionStart, t.selectionEnd, t.value.length]; });
  expect(selected[0]).toBe(0);
  expect(selected[1]).toBe(selected[2]);
  await page.locator('#embed-height').fill('760');
  await page.locator('#embed-code-copy').click();
  await page.locator('#embed-height').fill('750');
  await expect(page.locator('#embed-dialog [role="status"]')).toHaveCount(0);
  expect(code).toMatch(/^<iframe src="[^"]+\?embed=1&amp;lang=nl&amp;theme=auto&amp;editable=1&amp;flow=0&amp;analyses=0#s=v1\.[A-Za-z0-9_-]+" /);
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  // Open what the snippet points at, in a frame on a page of our own.
  await page.setContent(`<!DOCTYPE html><title>host</title><iframe id="f" src="${src}" width="800" height="600" title="embed"></iframe>`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('#status')).toContainText('Mediaan aantal gewonnen klanten na 30 maanden', { timeout: 60_000 });
  await expect(frame.locator('#periods')).toHaveValue('30');
  await page.goto('/?lang=en');
  expect(await page.evaluate(() => localStorage.getItem('funnel-lab.scenario'))).toBe(stored);
});

test("an embed of a teaching preset tells the preset's story, in the embed's language, and passes it on", async ({ page }) => {
  await page.goto('/?lang=nl');
  await page.locator('#preset-interest').click();
  await expect(page.locator('#preset-story h3')).toHaveText('Te weinig interesse');
  await page.locator('#embed-dialog summary').click();
  await page.locator('#embed-lang').selectOption('en');
  const code = await page.locator('#embed-code').inputValue();
  // The frame's title names the preset in the embed's language.
  expect(code).toContain('title="Funnel Lab: Lack of interest"');
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await page.setContent(`<!DOCTYPE html><title>host</title><iframe id="f" src="${src}" width="800" height="600" title="embed"></iframe>`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('#preset-story h3')).toHaveText('Lack of interest');
  await expect(frame.locator('#preset-story')).toContainText('only 6% find it relevant');
  // Read-only: no "Try this" that the reader could not follow here.
  await expect(frame.locator('#preset-story')).not.toContainText('Try this');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  // "Open in Funnel Lab" opens the full app with the preset marked and its story shown.
  const href = await frame.getByRole('link', { name: /Open in Funnel Lab/ }).getAttribute('href');
  // With the embed's colour scheme only when it sets one (the snippet's default is "auto").
  expect(href).not.toContain('theme=');
  await page.goto(new URL(href, src).href);
  await expect(page.locator('#preset-interest')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#preset-story')).toContainText('only 6% find it relevant');
  await expect(page.locator('#preset-story')).toContainText('Try this');
});

test('"Open in Funnel Lab" from a dark embed opens the app dark, and leaves the visitor\'s own choice for later visits', async ({ page, context }) => {
  await page.goto('/?lang=en');
  await page.locator('#theme').selectOption('light');
  await page.goto('/?embed=1&theme=dark&lang=en');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const href = await page.getByRole('link', { name: /Open in Funnel Lab/ }).getAttribute('href');
  expect(href).toMatch(/\?lang=en&theme=dark#s=/);
  await page.goto(new URL(href, page.url()).href);
  await expect(page.locator('#stage-0-rate')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // Its reload stays dark (the address says so); a new visit is as the visitor chose.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const later = await context.newPage();
  await later.goto('/?lang=en');
  await expect(later.locator('#theme')).toHaveValue('light');
  await expect(later.locator('html')).toHaveAttribute('data-theme', 'light');
  await later.close();
});

// The example blog post's editable embed, scrolled into view and done with its first run.
async function editableEmbed(page) {
  await page.goto('/blog-post.html');
  const frame = page.frameLocator('#embed-editable');
  await page.locator('#embed-editable').scrollIntoViewIfNeeded();
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 90_000 });
  return frame;
}

test('"Open in Funnel Lab" in an editable embed opens the scenario with the visitor\'s edits', async ({ page }) => {
  const frame = await editableEmbed(page);
  await frame.locator('#stage-0-rate').fill('35');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const href = await frame.getByRole('link', { name: /Open in Funnel Lab/ }).getAttribute('href');
  expect(href).toMatch(/\?lang=en#s=v1\./);
  await page.goto(new URL(href, page.url()).href);
  await expect(page.locator('#stage-0-rate')).toHaveValue('35');
  // The frame's own scenario (Evaluation 20 of 100) came along too.
  await expect(page.locator('#stage-2-successes')).toHaveValue('20');
});

test("an editable embed keeps its reader's edits over a reload of the host page, for that tab only", async ({ page, context }) => {
  const frame = await editableEmbed(page);
  await frame.locator('#stage-0-rate').fill('35');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  // And a field as typed while it is not a number.
  await frame.locator('#stage-1-rate').fill('4o');
  await expect(frame.locator('#stage-1-rate-error')).toBeVisible();
  await page.reload();
  await page.locator('#embed-editable').scrollIntoViewIfNeeded();
  await expect(frame.locator('#stage-0-rate')).toHaveValue('35', { timeout: 30_000 });
  await expect(frame.locator('#stage-1-rate')).toHaveValue('4o');
  // The frame's own scenario (Evaluation 20 of 100) is still the base of the edits.
  await expect(frame.locator('#stage-2-successes')).toHaveValue('20');
  // The read-only embed beside it, and the visitor's own stored scenario, are untouched.
  await expect(page.frameLocator('#embed-healthy').locator('#status')).toContainText(DONE, { timeout: 90_000 });
  const inner = await (await page.locator('#embed-editable').elementHandle()).contentFrame();
  expect(await inner.evaluate(() => localStorage.getItem('funnel-lab.scenario'))).toBeNull();
  // Another tab reads the post afresh: the author's scenario.
  const other = await context.newPage();
  await other.goto('/blog-post.html');
  await other.locator('#embed-editable').scrollIntoViewIfNeeded();
  await expect(other.frameLocator('#embed-editable').locator('#stage-0-rate')).toHaveValue('30', { timeout: 30_000 });
  await other.close();
  // "Back to the original" drops the reader's edits (a reader had no way back but a new tab), for good:
  // a reload of the host page shows the author's scenario too. The read-only embed has no such button.
  await expect(page.frameLocator('#embed-healthy').locator('#embed-reset')).toHaveCount(0);
  await frame.getByRole('button', { name: 'Back to the original' }).click();
  await expect(frame.locator('#stage-0-rate')).toHaveValue('30', { timeout: 30_000 });
  // The focus is back on the button (it fell to the frame's start: the next Tab began at the top).
  await expect(frame.locator('#embed-reset')).toBeFocused();
  await expect(frame.locator('#stage-1-rate')).not.toHaveValue('4o');
  await expect(frame.locator('#stage-1-rate-error')).toHaveCount(0);
  await expect(frame.locator('#stage-2-successes')).toHaveValue('20');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 90_000 });
  await page.reload();
  await page.locator('#embed-editable').scrollIntoViewIfNeeded();
  await expect(frame.locator('#stage-0-rate')).toHaveValue('30', { timeout: 30_000 });
});

test('an editable embed has a skip link past its inputs to the results', async ({ page }) => {
  // A blog's keyboard reader needed 118 presses of Tab to reach Rerun.
  const frame = await editableEmbed(page);
  // It comes first in the frame's Tab order, before the bar's button and link.
  await frame.locator('#embed-reset').focus();
  await page.keyboard.press('Shift+Tab');
  const skip = frame.getByRole('link', { name: 'Skip to the results' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(frame.locator('#results')).toBeFocused();
});

test('an editable embed shows the latest result beside the input being edited while its status line is out of sight', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 800, height: 700 });
  const frame = await editableEmbed(page);
  await expect.poll(async () => page.locator('#embed-editable').evaluate((f) => f.style.height), { timeout: 30_000 }).toMatch(/^\d+px$/);
  // One column: the inputs come first, the status line thousands of pixels below them.
  const rate = frame.locator('#stage-3-rate');
  await rate.scrollIntoViewIfNeeded();
  const bar = frame.locator('.live-mini');
  await expect(bar).toBeHidden();
  // Not while the reader only moves through the fields: it would cover the fields above for nothing.
  await rate.focus();
  await frame.locator('#stage-3-certainty').focus();
  await expect(bar).toBeHidden();
  await rate.fill('60');
  await expect(bar).toBeVisible();
  await expect(bar).toContainText(DONE, { timeout: 60_000 });
  // (Its text; the full app's jump to the charts, its first child, is not shown here.)
  await expect(frame.locator('#status')).toHaveText(await bar.evaluate((p) => p.lastChild.textContent));
  await expect(bar.locator('.live-jump')).toBeHidden();
  // Just above the field (below it, the field's own hints change as it is typed in), in the reader's
  // window, and the frame keeps its height.
  const field = frame.locator('.field:has(#stage-3-rate)');
  // (Polled: as the result comes, the copy grows and is moved up at the next frame.)
  const aboveField = async () => {
    const [r, b] = [await field.boundingBox(), await bar.boundingBox()];
    return [b.y + b.height <= r.y, b.y + b.height > r.y - 20, b.y >= 0];
  };
  await expect.poll(aboveField).toEqual([true, true, true]);
  // The copy takes no room: the page's height (which the frame reports) is the same without it.
  const inner = await (await page.locator('#embed-editable').elementHandle()).contentFrame();
  expect(await inner.evaluate(() => {
    const root = document.documentElement;
    const h = () => document.body.getBoundingClientRect().height;
    const shown = h();
    root.removeAttribute('data-status-near');
    const hidden = h();
    root.setAttribute('data-status-near', '');
    return [root.hasAttribute('data-status-near'), shown === hidden];
  })).toEqual([true, true]);
  // A field at the top of the reader's window: no room above it, so the copy goes under it.
  const certainty = frame.locator('#stage-3-certainty');
  const c = await frame.locator('.field:has(#stage-3-certainty)').boundingBox();
  await page.mouse.wheel(0, c.y - 10);
  await expect.poll(async () => (await frame.locator('.field:has(#stage-3-certainty)').boundingBox()).y, { timeout: 5_000 }).toBeLessThan(40);
  await certainty.focus();
  await expect(bar).toBeVisible();
  const side = async () => {
    const [f2, b2] = [await frame.locator('.field:has(#stage-3-certainty)').boundingBox(), await bar.boundingBox()];
    if (b2.y >= f2.y + f2.height && b2.y >= 0 && b2.y + b2.height <= 700) return 'below';
    if (b2.y + b2.height <= f2.y && b2.y >= 0) return 'above';
    return 'out of sight';
  };
  await expect.poll(side, { timeout: 5_000 }).toBe('below');
  // Scrolled by hand (the host page) with the focus kept, until the field is at the foot of the
  // window: the copy under it would be cut off, so it goes above it again.
  await page.mouse.wheel(0, -560);
  await expect.poll(side, { timeout: 5_000 }).toBe('above');
  await page.screenshot({ path: testInfo.outputPath('embed-live-result.png') });
  // With the status line itself in sight, no copy.
  await rate.focus();
  await frame.locator('#status').scrollIntoViewIfNeeded();
  await expect(bar).toBeHidden();
});

test("an editable embed of a teaching preset keeps its story over a reload, and its link waits while an input is wrong", async ({ page }) => {
  await page.goto('/?lang=en');
  await page.locator('#preset-interest').click();
  await expect(page.locator('#preset-story h3')).toHaveText('Lack of interest');
  await page.locator('#embed-dialog summary').click();
  await page.locator('#embed-editable').check();
  const code = await page.locator('#embed-code').inputValue();
  const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await page.setContent(`<!DOCTYPE html><title>host</title><iframe id="f" src="${src}" width="800" height="600" title="embed"></iframe>`);
  const frame = page.frameLocator('#f');
  await expect(frame.locator('#preset-story h3')).toHaveText('Lack of interest');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const inner = await (await page.locator('#f').elementHandle()).contentFrame();
  // The reload starts after the evaluate has returned (one that starts within it can destroy its
  // context first), and is waited for.
  const reloaded = page.waitForEvent('framenavigated', (f) => f === inner);
  await inner.evaluate(() => { setTimeout(() => location.reload(), 0); });
  await reloaded;
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await expect(frame.locator('#preset-story h3')).toHaveText('Lack of interest');
  // "Open in Funnel Lab" would carry the last valid scenario, not what is typed: it waits.
  const open = frame.getByText(/Open in Funnel Lab/);
  await expect(open).toHaveAttribute('href', /#s=v1\./);
  await frame.locator('#revenue').fill('€18.000');
  await expect(frame.locator('#revenue-error')).toBeVisible();
  await expect(open).not.toHaveAttribute('href');
  await expect(open).toHaveAttribute('aria-disabled', 'true');
  await frame.locator('#revenue').fill('18000');
  await expect(open).toHaveAttribute('href', /#s=v1\./);
});

test('an editable embed has no scrollbar of its own after an input\'s problem is announced', async ({ page }) => {
  // A reader typed a k above n, then a valid one: the screen readers' announcement (a hidden paragraph
  // appended to the body) lay below the body's end, and the frame scrolled by 16 px beside the page.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/blog-post.html');
  const id = '#embed-editable';
  const frame = page.frameLocator(id);
  await page.locator(id).scrollIntoViewIfNeeded();
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 90_000 });
  await frame.locator('#arrivals').fill('-5');
  await expect(frame.locator('#field-announce')).toHaveText(/Enter/);
  await frame.locator('#arrivals').fill('500');
  await expect(frame.locator('#status')).toContainText(DONE, { timeout: 90_000 });
  await expect.poll(async () => {
    const [reported, scroll, client] = await Promise.all([
      page.locator(id).evaluate((f) => parseInt(f.style.height, 10)),
      frame.locator('html').evaluate((el) => el.scrollHeight),
      frame.locator('html').evaluate((el) => el.clientHeight),
    ]);
    return [scroll - client, Math.abs(reported - client)];
  }, { timeout: 20_000 }).toEqual([0, 0]);
});

test('an editable embed with only the main inputs: each stage\'s rate, new leads and revenue, the results close below', async ({ page }) => {
  // (The whole set of inputs put the results some 3,900 px down a blog's 700 px column.)
  await page.setViewportSize({ width: 700, height: 900 });
  await page.goto('/?lang=en');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await page.locator('#embed-dialog summary').click();
  // Offered with the inputs only.
  await expect(page.locator('#embed-main-inputs')).toHaveCount(0);
  await page.locator('#embed-editable').check();
  await page.locator('#embed-main-inputs').check();
  await expect(page.locator('#embed-code')).toHaveValue(/editable=1&amp;inputs=main&amp;flow=0/);
  const src = (await page.locator('#embed-code').inputValue()).match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
  await page.locator('#embed-editable').uncheck();
  await expect(page.locator('#embed-code')).not.toHaveValue(/inputs=main/);
  await page.goto(src.replace(/^https?:\/\/[^/]+/, ''));
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  const panel = page.locator('.main-inputs');
  await expect(panel.locator('legend')).toHaveText('Main inputs');
  // Every stage's rate by its name, the new leads and the revenue; none of the other inputs.
  await expect(panel.getByRole('group')).toHaveText([/^Awareness/, /^Interest/, /^Evaluation/, /^Decision/, /^Purchase/]);
  await expect(panel.getByRole('group', { name: 'Interest' }).locator('#stage-1-rate')).toHaveValue('40');
  for (const id of ['#arrivals', '#revenue']) await expect(panel.locator(id)).toBeVisible();
  for (const id of ['#stage-0-name', '#stage-0-certainty', '#stage-0-delay', '#growth', '#periods', '#trials', '#referrals', '#segments']) {
    await expect(page.locator(id), id).toHaveCount(0);
  }
  expect(await page.locator('#results').evaluate((e) => e.getBoundingClientRect().top + scrollY)).toBeLessThan(1300);
  expect(await seriousViolations(page, ['.main-inputs'])).toEqual([]);
  // The notes under the results do not send the reader to inputs this frame does not have.
  await expect(page.locator('#flywheel-assumed')).toContainText("The flywheel's figures use its example settings");
  await expect(page.locator('#flywheel-assumed')).not.toContainText('set yours under Flywheel');
  await expect(page.locator('#funnel-assumed')).toContainText('These delays are example values.');
  await expect(page.locator('#funnel-assumed')).not.toContainText('Open at the start');
  // An edit runs, as in the whole set: a better Interest stage, more customers.
  const median = async () => Number((await page.locator('#summary tbody tr').first().locator('td').nth(1).innerText()).replace(/\D/g, ''));
  const before = await median();
  await page.locator('#stage-1-rate').fill('60');
  await expect(page.locator('#status')).toContainText(DONE, { timeout: 60_000 });
  await expect.poll(median, { timeout: 60_000 }).toBeGreaterThan(before * 1.3);
  // A problem is said under the field, and the rest of the scenario is the author's.
  await page.locator('#revenue').fill('abc');
  await expect(page.locator('#revenue-error')).toHaveText('Enter a number.');
  await expect(page.locator('.main-inputs .hint').last()).toHaveText('Everything else is as the author of this page set it; “Open in Funnel Lab” shows every input.');
});
