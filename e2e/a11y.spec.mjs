// Accessibility and look: axe-core finds no serious or critical violations (light and dark), the theme
// switch works and persists, every control is reachable by keyboard, Escape closes an explanation, and a
// print is a light report: results first, then the inputs, without screen-only controls.
import { test, expect } from '@playwright/test';
import { waitForDone, seriousViolations, runOf, status, DONE, funnelMedian } from './helpers.mjs';

for (const theme of ['light', 'dark']) {
  test(`axe: no serious or critical violations on the main page (${theme})`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/?lang=en');
    await waitForDone(page);
    // Open a preset explanation and a table view too, so those panels are scanned as well.
    await page.locator('#preset-complexity').click();
    await waitForDone(page);
    await page.locator('#revenue-chart').getByRole('button', { name: 'Show as table' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`main-${theme}-1280.png`), fullPage: true });
  });
}

test('axe: invalid inputs are announced without violations', async ({ page }) => {
  await page.goto('/?lang=nl');
  await waitForDone(page);
  await page.locator('#stage-0-rate').fill('x');
  await page.locator('#promoters').fill('90');
  await expect(page.locator('.field-error')).toHaveCount(2);
  expect(await seriousViolations(page)).toEqual([]);
});

test('the theme switch forces dark or light and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?lang=en');
  await page.locator('#theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(await bg()).toBe('rgb(20, 23, 27)');
  await page.reload();
  await expect(page.locator('#theme')).toHaveValue('dark');
  expect(await bg()).toBe('rgb(20, 23, 27)');
  await page.locator('#theme').selectOption('light');
  expect(await bg()).toBe('rgb(247, 248, 250)');
  // "As the system" follows prefers-color-scheme.
  await page.locator('#theme').selectOption('auto');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg()).toBe('rgb(20, 23, 27)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await bg()).toBe('rgb(247, 248, 250)');
});

test('?theme= in the full app address picks the theme, and the Theme select keeps it up to date', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/?lang=en&theme=dark');
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#theme')).toHaveValue('dark');
  expect(await bg()).toBe('rgb(20, 23, 27)');
  // Choosing light rewrites the address, so a reload stays light.
  await page.locator('#theme').selectOption('light');
  expect(new URL(page.url()).search).toBe('?lang=en&theme=light');
  await page.reload();
  await expect(page.locator('#theme')).toHaveValue('light');
  expect(await bg()).toBe('rgb(247, 248, 250)');
  // Without ?theme= the select leaves the address alone (the browser keeps the choice).
  await page.goto('/?lang=en');
  await page.locator('#theme').selectOption('dark');
  expect(new URL(page.url()).search).toBe('?lang=en');
});

test('keyboard: Tab reaches the controls in order and Enter on a button acts', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  // Move the focus to the first "Move down" button with the keyboard only and press Enter.
  await page.locator('#preset-healthy').focus();
  let focusedLabel = '';
  for (let i = 0; i < 60 && !focusedLabel.startsWith('Move down: Awareness'); i++) {
    await page.keyboard.press('Tab');
    focusedLabel = await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
  }
  expect(focusedLabel).toBe('Move down: Awareness');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.locator('.stage-title').nth(1)).toHaveText('Awareness');
  await expect(page.locator('.stage-title').nth(0)).toHaveText('Interest');
});

test('keyboard: Ctrl+Z in a field takes back a run of typing at once, Ctrl+Y and Ctrl+Shift+Z redo it, and the run follows', async ({ page }) => {
  // Chromium ends its own run of typing whenever a node is removed anywhere in the page, and the app redraws
  // its results as the user types: Ctrl+Z took back one keystroke at a time ("76o", "76", "7", "500").
  await page.goto('/?lang=en');
  await waitForDone(page);
  const before = await funnelMedian(page);
  const field = page.locator('#arrivals');
  const key = async (k) => {
    await page.keyboard.press(k);
    return field.inputValue();
  };
  await field.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('76o', { delay: 50 });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await key('Control+z')).toBe('500');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  expect(await key('Control+y')).toBe('76o');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  expect(await key('Control+z')).toBe('500');
  // A caret moved by hand starts a new step; Backspaces in a row are one.
  await page.keyboard.press('End');
  await page.keyboard.type('0', { delay: 50 });
  await page.keyboard.press('Home');
  await page.keyboard.type('1', { delay: 50 });
  await expect(field).toHaveValue('15000');
  expect(await key('Control+z')).toBe('5000');
  expect(await key('Control+z')).toBe('500');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  expect(await key('Control+z')).toBe('500');
  expect(await key('Control+Shift+z')).toBe('5');
  expect(await key('Control+z')).toBe('500');
  // Each field has its own steps, and the run uses what Undo brought back.
  const name = page.locator('#stage-0-name');
  await name.click();
  await page.keyboard.press('End');
  await page.keyboard.type(' now', { delay: 50 });
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('Awareness');
  await expect(field).toHaveValue('500');
  await waitForDone(page);
  expect(await funnelMedian(page)).toBe(before);
  // Ctrl+Z in a field with nothing typed in it does nothing: the browser's own Undo is the page's, and
  // took back the typing in another field.
  await page.locator('#periods').click();
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('Awareness');
  await page.locator('#stage-0-name').click();
  await page.keyboard.press('End');
  await page.keyboard.type('!', { delay: 30 });
  await page.locator('#periods').click();
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('Awareness!');
  await name.click();
  await page.keyboard.press('Control+z');
  await expect(name).toHaveValue('Awareness');
  // A field the app gives to the next stage after a removal does not take the removed stage's steps
  // (Awareness typed as 40, Interest's own value: Undo in Interest's field gave it 30).
  const rate0 = page.locator('#stage-0-rate');
  await rate0.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('40', { delay: 30 });
  await page.locator('#stage-0-remove').click();
  await expect(page.locator('#stage-0-name')).toHaveValue('Interest');
  await rate0.click();
  await page.keyboard.press('Control+z');
  await expect(rate0).toHaveValue('40');
  // A value the app set itself (the language switch writes 1250.5 the Dutch way) ends the field's steps.
  await field.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1250.5', { delay: 30 });
  await page.locator('#lang').selectOption('nl');
  await expect(field).toHaveValue('1250,5');
  await field.click();
  expect(await key('Control+z')).toBe('1250,5');
});

test('a list is described by its open explanation and its note, as a text field is', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  const list = page.locator('#period-unit');
  await expect(list).not.toHaveAttribute('aria-describedby', /period-unit-info/);
  await page.getByRole('button', { name: 'Explain: Period' }).click();
  await expect(list).toHaveAccessibleDescription(/^Only a label for the charts/);
  await page.getByRole('button', { name: 'Explain: Period' }).click();
  await expect(list).not.toHaveAttribute('aria-describedby', /period-unit-info/);
  await list.selectOption('week');
  await expect(list).toHaveAccessibleDescription(/^Weeks only rename the periods/);
  // A stage's "Rate from" too.
  const mode = page.locator('#stage-0-mode');
  await page.locator('#stage-0-mode-info').evaluate((el) => el.previousElementSibling.querySelector('button').click());
  await expect(mode).toHaveAccessibleDescription(/^Give the rate as your own estimate/);
});

test('keyboard: Escape closes an open explanation and puts the focus back on its "i" button', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  const button = page.getByRole('button', { name: 'Explain: Simulated trials' });
  const text = page.locator('#trials-info');
  // Opened with the keyboard: Escape on the button closes it.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(text).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(text).toBeHidden();
  await expect(button).toBeFocused();
  // Open, then on to the field's input, which it describes while open: Escape closes it and the
  // focus goes back to the button.
  await expect(page.locator('#trials')).not.toHaveAttribute('aria-describedby', /trials-info/);
  await page.keyboard.press('Enter');
  await page.locator('#trials').focus();
  await expect(page.locator('#trials')).toHaveAccessibleDescription(/^How many possible futures to simulate/);
  await page.keyboard.press('Escape');
  await expect(text).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
  // Nothing focused (a click does not focus a button in every browser): Escape still closes it.
  await page.keyboard.press('Enter');
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('Escape');
  await expect(text).toBeHidden();
  await expect(button).toBeFocused();
  // An explanation the focus is elsewhere from stays open.
  await page.keyboard.press('Enter');
  await page.locator('#seed').focus();
  await page.keyboard.press('Escape');
  await expect(text).toBeVisible();
});

test('screen readers hear which stage a field belongs to and which chart a table button shows', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  // Each stage's fields are a group named after the stage, so "Certainty" is "Interest, Certainty".
  const interest = page.getByRole('group', { name: 'Interest', exact: true });
  await expect(interest.getByRole('textbox', { name: 'Name' })).toHaveValue('Interest');
  await expect(interest.getByRole('textbox', { name: /Certainty/ })).toHaveValue('100');
  await expect(page.getByRole('button', { name: 'Show as table: Cumulative customers over time', exact: true })).toHaveCount(1);
  // Heading navigation reaches each group of inputs and the results.
  for (const name of ['Funnel stages', 'Leads, time and money', 'Flywheel', 'Customer segments', 'Results']) {
    await expect(page.getByRole('heading', { level: 2, name, exact: true })).toHaveCount(1);
  }
  // A chart is named by its title only (its caption also holds the buttons); the table toggle says what
  // it does next, with no pressed state besides.
  await expect(page.getByRole('figure', { name: 'Cumulative customers over time', exact: true })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Show as table: Cumulative customers over time', exact: true })).not.toHaveAttribute('aria-pressed');
  // A rate slider tells its value as a percentage.
  await expect(interest.getByRole('slider')).toHaveAttribute('aria-valuetext', '40%');
  // It reads a rate as its field does: 33.333 is 33.333%, not 33,333 (the thumb sat at 0 and an arrow
  // key then made the rate 0.5%), and an arrow key moves it from there.
  await page.locator('#stage-1-rate').fill('33.333');
  await expect(interest.getByRole('slider')).toHaveAttribute('aria-valuetext', '33.3%');
  await interest.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#stage-1-rate')).toHaveValue('34');
  // While the text is no number, the slider says what was typed, not "0%".
  await page.locator('#stage-1-rate').fill('abc');
  await expect(interest.getByRole('slider')).toHaveAttribute('aria-valuetext', 'abc');
  // Its thumb stays at the last rate that was a number (the greyed results' rate), not at 0, and an
  // arrow key goes on from there.
  await expect(interest.getByRole('slider')).toHaveValue('34');
  await interest.getByRole('slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#stage-1-rate')).toHaveValue('34.5');
  // So it does for a number out of 0–100 (at 100 or 0 it read as that rate).
  for (const typed of ['150', '-5']) {
    await page.locator('#stage-1-rate').fill(typed);
    await expect(interest.getByRole('slider')).toHaveValue('34.5');
    await expect(interest.getByRole('slider')).toHaveAttribute('aria-valuetext', typed);
  }
  await page.locator('#stage-1-rate').fill('40');
  // In Dutch, a step of the slider writes the Dutch decimal mark into the field.
  await page.locator('#lang').selectOption('nl');
  await page.locator('.field:has(#stage-1-rate) .slider').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('#stage-1-rate')).toHaveValue('40,5');
  await page.locator('#lang').selectOption('en');
  await expect(page.locator('#stage-1-rate')).toHaveValue('40.5');
  await page.locator('#stage-1-rate').fill('40');
  // A renamed stage's group follows its name.
  await page.locator('#stage-1-name').fill('Demo booked');
  await expect(page.getByRole('group', { name: 'Demo booked', exact: true })).toHaveCount(1);
});

test('the focus stays on a control when its button goes away or stops acting: Cancel when the run ends, Step and Back at the ends', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  // Step at the last period and Back at the first keep the focus (a disabled button dropped it to the
  // page), and the period line, live while the focus is there, says the period reached.
  await runOf(page, () => page.locator('#periods').fill('3'));
  const [step, back, line] = [page.locator('#flow-step'), page.locator('#flow-back'), page.locator('#flow-period-label')];
  await step.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(line).toHaveText(/^Period 3 \/ 3 /);
  await expect(step).toHaveAttribute('aria-disabled', 'true');
  await page.waitForTimeout(100);
  await expect(step).toBeFocused();
  await expect(line).toHaveAttribute('aria-live', 'polite');
  // At the end it does nothing, as a disabled button would.
  await page.keyboard.press('Enter');
  await expect(line).toHaveText(/^Period 3 \/ 3 /);
  await back.focus();
  await expect(back).not.toHaveAttribute('aria-disabled');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(line).toHaveText(/^Period 1 \/ 3 /);
  await expect(back).toHaveAttribute('aria-disabled', 'true');
  await page.waitForTimeout(100);
  await expect(back).toBeFocused();
  await expect(line).toHaveAttribute('aria-live', 'polite');
  // Cancel, focused while a long run computes, goes away when the run ends: the focus goes to Run.
  await page.locator('#trials').fill('400000');
  await page.locator('#cancel').focus();
  await expect(page.locator('#cancel')).toBeFocused();
  await expect(status(page)).toContainText(DONE, { timeout: 60_000 });
  await expect(page.locator('#cancel')).toHaveCount(0);
  await expect(page.locator('#run')).toBeFocused();
});

test('screen readers hear units, the range a rate gives, which stage or segment a field or its problem is in', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  // "3" in a field of percentages is 3%: the unit after the box describes it.
  await expect(page.locator('#repeat')).toHaveAccessibleDescription(/^%/);
  await expect(page.locator('#revenue')).toHaveAccessibleDescription(/^€/);
  await expect(page.locator('#trials')).not.toHaveAccessibleDescription(/^[%€]/);
  // A stage's rate is described by the range of rates its trials draw (shown under it).
  await page.locator('#stage-1-certainty').fill('50');
  await expect(page.locator('#stage-1-rate')).toHaveAccessibleDescription(/^% Drawn per trial: 90% between /);
  await expect(page.locator('#stage-1-certainty')).toHaveAccessibleDescription(/Drawn per trial: 90% between /);
  // A problem is said with its stage, not only its panel.
  await page.locator('#stage-1-rate').fill('abc');
  await expect(page.locator('#field-announce')).toHaveText('Interest – Conversion to Evaluation: Enter a number.');
  await page.locator('#stage-1-rate').fill('40');
  // A stage without a name is "Stage 2" to its buttons and group.
  await page.locator('#stage-1-name').fill('');
  await expect(page.getByRole('button', { name: 'Move up: Stage 2', exact: true })).toHaveCount(1);
  await expect(page.getByRole('group', { name: 'Stage 2', exact: true })).toHaveCount(1);
  await page.locator('#stage-1-name').fill('Interest');
  // Add a segment puts the focus on the new segment's name; a factor is in a group named by its segment.
  await page.locator('#add-segment').click();
  await expect(page.locator('#segment-0-name')).toBeFocused();
  await page.locator('#add-segment').click();
  await expect(page.locator('#segment-1-name')).toBeFocused();
  const odds = page.getByRole('group', { name: 'Segment 2: Conversion odds factor per stage', exact: true });
  await expect(odds.getByRole('textbox', { name: '2. Interest', exact: true })).toHaveCount(1);
  await page.locator('#segment-1-odds-1').fill('x');
  await expect(page.locator('#field-announce')).toHaveText(/^Segment 2: Conversion odds factor per stage – 2\. Interest: /);
  // The saved scenarios' name box is not just "Name" (each stage has one).
  await expect(page.getByRole('textbox', { name: 'Scenario name', exact: true })).toHaveCount(1);
});

test('heading keys reach the results table and every result chart (h3 under Results, h4 in an analysis), in English and Dutch', async ({ page }) => {
  const titles = {
    en: ['Watch one simulated future', 'After the last period', 'Leads entering each stage over the horizon (funnel)',
      'Cumulative customers over time', 'Customers still active over time', 'Cumulative revenue over time',
      'Pipeline forecast versus simulation', 'Customers won by the end, across trials (funnel)', 'Total revenue across trials (funnel)'],
    nl: ['Bekijk één gesimuleerde toekomst', 'Na de laatste periode', 'Leads per fase over alle perioden (trechter)',
      'Cumulatief aantal klanten in de tijd', 'Actieve klanten in de tijd', 'Cumulatieve omzet in de tijd',
      'Pijplijnprognose versus simulatie', 'Gewonnen klanten aan het einde, over alle simulaties (trechter)',
      'Totale omzet over alle perioden, per simulatie (trechter)'],
  };
  const tornado = { en: 'Extra customers when one stage improves', nl: 'Extra klanten als één fase beter wordt' };
  for (const lang of ['en', 'nl']) {
    await page.goto(`/?lang=${lang}`);
    await waitForDone(page);
    await expect(page.locator('#tornado-chart')).toBeVisible({ timeout: 60_000 });
    // (The default flywheel has churn: its chart of customers still active is shown.)
    await expect(page.locator('#active-chart')).toHaveCount(1);
    const results = page.locator('#results');
    for (const name of titles[lang]) {
      await expect(results.getByRole('heading', { level: 3, name, exact: true }), `${lang}: ${name}`).toHaveCount(1);
    }
    // The chart's own visible title is the heading (not a copy beside it), and it looks as it did.
    await expect(page.locator('#active-chart h3.chart-title')).toHaveText(titles[lang][4]);
    expect(await page.locator('#active-chart .chart-title').evaluate((h) => [getComputedStyle(h).fontSize, getComputedStyle(h).marginTop]))
      .toEqual([await page.locator('#active-chart figcaption').evaluate((f) => getComputedStyle(f).fontSize), '0px']);
    await expect(page.locator('#summary caption h3')).toHaveText(titles[lang][1]);
    // The bottleneck chart sits under its panel's h3.
    await expect(page.locator('#tornado-chart').getByRole('heading', { level: 4, name: tornado[lang], exact: true })).toHaveCount(1);
    // Heading levels in the order a screen reader meets them never skip one (h2 to h4, h1 to h3).
    const levels = await page.evaluate(() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .filter((h) => h.checkVisibility({ visibilityProperty: true }))
      .map((h) => `${h.tagName} ${h.textContent.slice(0, 40)}`));
    for (let i = 1; i < levels.length; i++) {
      expect(Number(levels[i][1]), `${levels[i - 1]} → ${levels[i]}`).toBeLessThanOrEqual(Number(levels[i - 1][1]) + 1);
    }
  }
});

test('keyboard: the first Tab offers a skip to the results; screen readers hear a run when it ends, not each step', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the results' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  // Its focus ring is the app's (3 px), not the browser's thinner one (links had it).
  expect(await skip.evaluate((a) => getComputedStyle(a).outlineWidth)).toBe('3px');
  await page.keyboard.press('Enter');
  await expect(page.locator('#results')).toBeFocused();
  // The results start at the top of the window, also on a zoomed page where the section is taller than
  // the window (the browser's own focus scrolling landed past the summary there).
  const top = async () => page.locator('#results').evaluate((e) => Math.round(e.getBoundingClientRect().top));
  await expect.poll(top).toBeLessThanOrEqual(1);
  await expect.poll(top).toBeGreaterThanOrEqual(-1);
  await page.setViewportSize({ width: 683, height: 512 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator('#results').blur();
  await page.keyboard.press('Shift+Tab');
  await page.evaluate(() => { window.scrollTo(0, 0); document.querySelector('.skip-link').focus(); });
  await page.keyboard.press('Enter');
  await expect(page.locator('#results')).toBeFocused();
  await expect.poll(top).toBeLessThanOrEqual(1);
  await expect.poll(top).toBeGreaterThanOrEqual(-1);
  await page.setViewportSize({ width: 1280, height: 720 });
  // The live region carries the finished run's sentence; during a long run it says once that it runs (the
  // visible status line counts the trials, without announcing every step, and is not read a second time).
  const live = page.getByRole('status').filter({ hasText: 'Median customers won after' });
  await expect(live).toHaveCount(1);
  await expect(page.locator('#status')).toHaveAttribute('aria-hidden', 'true');
  await page.locator('#trials').fill('1000000');
  await expect(page.locator('#status')).toContainText(/Simulating… [1-9]/);
  await expect(page.locator('#announce')).toHaveText('Simulating…');
  await page.locator('#cancel').click();
  await expect(page.locator('#announce')).toContainText('Cancelled');
});

test('printing gives a light report: results, then the inputs, without buttons or screen-only panels', async ({ page }, testInfo) => {
  await page.goto('/?lang=en');
  await page.locator('#theme').selectOption('dark');
  await waitForDone(page);
  await page.locator('#preset-complexity').click();
  await waitForDone(page);
  // A print is named after the preset (the page's title heads it and names the PDF).
  await expect(page).toHaveTitle('Funnel Lab: Complexity');
  await expect(page.locator('#print-scenario')).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  // And a line at its top says so (a browser's own header may be switched off).
  await expect(page.locator('#print-scenario')).toHaveText('Scenario: Complexity');
  await expect(page.locator('#print-scenario')).toBeVisible();
  // Light whatever the theme: white page, dark text.
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
  expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(27, 31, 36)');
  // Left out: everything that only works on a screen, and analyses not computed.
  for (const sel of ['#run', '#tour-start', '#lang', '.saved', '.learn', '#flow', '#share', '#add-stage',
    'input[type="range"]', '#target', '#compare', '.preset-list', '#notice', '#histogram-model']) {
    await expect(page.locator(sel).first(), sel).toBeHidden();
  }
  // Kept: the summary, every chart, the inputs, the loaded preset's story, the bottleneck report.
  for (const sel of ['#status', '#funnel-chart', '#customers-chart', '#revenue-chart', '#pipeline-chart',
    '#customers-histogram', '#revenue-histogram', '#tornado-chart', '#stage-0-rate', '#arrivals', '#preset-story']) {
    await expect(page.locator(sel).first(), sel).toBeVisible();
  }
  // Results come before the inputs that made them.
  const y = async (sel) => (await page.locator(sel).boundingBox()).y;
  expect(await y('#status')).toBeLessThan(await y('#arrivals'));
  // A loaded preset's story heads them (a lecturer's handout had it after the analyses, on page 11).
  expect(await y('#preset-story')).toBeLessThan(await y('#status'));
  // A chart is never cut in two by a page break, and colour keys print.
  expect(await page.locator('#customers-chart').evaluate((e) => getComputedStyle(e).breakInside)).toBe('avoid');
  expect(await page.locator('#customers-chart .legend .swatch').first().evaluate((e) => getComputedStyle(e).printColorAdjust)).toBe('exact');
  // Charts over time and histograms at most 7 cm tall (264.6 px), so that two share an A4 page: at the
  // page's width each took more than half of it, and a lecturer's handout had one chart per page.
  for (const sel of ['#customers-chart', '#revenue-chart', '#net-chart', '#customers-histogram']) {
    const h = await page.locator(`${sel} svg`).evaluate((s) => s.getBoundingClientRect().height);
    expect(h, sel).toBeGreaterThan(150);
    expect(h, sel).toBeLessThanOrEqual(264.6 + 0.5);
  }
  // An explanation opened in Learn is printed (closed ones are not).
  await page.emulateMedia({ media: 'screen' });
  await page.locator('#learn-bottleneck summary').click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#learn-bottleneck')).toBeVisible();
  await expect(page.locator('#learn-stages')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4' });
  await testInfo.attach('report.pdf', { body: pdf, contentType: 'application/pdf' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('on a classroom tablet (touch) the small controls are larger targets, and the layout stays in line', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto('/?lang=nl');
  await waitForDone(page);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  // 44 px for the stage buttons and the presets (WCAG 2.5.5), in Dutch too.
  for (const sel of ['.stage-buttons button.icon', 'button.preset']) {
    const box = await page.locator(sel).first().boundingBox();
    expect(box.height, sel).toBeGreaterThanOrEqual(44);
    expect(box.width, sel).toBeGreaterThanOrEqual(44);
  }
  // The (i) buttons keep their 24 px look; a tap 5 px above one still reaches it.
  const info = page.locator('button.info-button').first();
  // (Mid-window: at the window's foot the status line's copy covers it.)
  await info.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const box = await info.boundingBox();
  expect(box.height).toBeLessThan(30);
  const hit = await page.evaluate(
    ({ x, y }) => document.elementFromPoint(x, y)?.classList.contains('info-button'),
    { x: box.x + box.width / 2, y: box.y - 5 },
  );
  expect(hit).toBe(true);
  // The summaries that open the Learn texts and the embed dialog are as tall as a finger.
  for (const sel of ['.learn summary', '#share details summary']) {
    expect((await page.locator(sel).first().boundingBox()).height, sel).toBeGreaterThanOrEqual(40);
  }
  // A segment's first factor (with its (i)) keeps its stage's name whole and its box in line with the others.
  await page.locator('#add-segment').click();
  const tops = await page.locator('.odds-list input').evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().top)));
  expect(new Set(tops.slice(0, 5)).size, `${tops}`).toBe(1);
  const label = await page.locator('label[for="segment-0-odds-0"]').evaluate((l) => {
    const r = document.createRange();
    r.selectNodeContents(l);
    return r.getClientRects().length;
  });
  expect(label).toBeLessThanOrEqual(2);
  await expect(page.locator('label[for="segment-0-odds-0"]')).toHaveText('1. Bewustwording');
  // The import button is as wide as its text, as the download buttons.
  const share = await page.locator('#share').boundingBox();
  const file = await page.locator('label.file-button').boundingBox();
  expect(file.width).toBeLessThan(share.width / 2);
  await context.close();
});

test('forced colours (high contrast): colour keys, the flow view\'s dots, the chosen preset and a field with a problem stay visible', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/?lang=en');
  await waitForDone(page);
  const bg = (sel) => page.locator(sel).first().evaluate((e) => getComputedStyle(e).backgroundColor);
  // Forced, a background is the window's colour (what the panels have): gone from sight.
  const canvas = await bg('.panel');
  const seen = (colour) => colour !== canvas && !/^(transparent|rgba\(\d+, \d+, \d+, 0\))$/.test(colour);
  // The charts' keys (their SVGs keep their colours) and the flow view's filled dots keep theirs.
  expect(seen(await bg('#customers-chart .legend .swatch'))).toBe(true);
  for (let i = 0; i < 3; i++) await page.locator('#flow-step').click();
  for (const kind of ['moved', 'dropped']) expect(seen(await bg(`#flow .dot.${kind}`)), kind).toBe(true);
  expect(seen(await bg('.flow-legend .dot.moved'))).toBe(true);
  // The chosen preset stands out from the others.
  await page.getByRole('button', { name: 'Competition' }).click();
  await expect(page.locator('button.preset[aria-pressed="true"]')).toHaveCount(1);
  expect(seen(await bg('button.preset[aria-pressed="true"]'))).toBe(true);
  expect(seen(await bg('button.preset[aria-pressed="false"]'))).toBe(false);
  // Its own colours, not adjusted: forced, the browser's backplate behind its text hid the name.
  const chosen = await page.locator('button.preset[aria-pressed="true"]').evaluate((b) => {
    const c = getComputedStyle(b);
    return [c.forcedColorAdjust, c.color !== c.backgroundColor];
  });
  expect(chosen).toEqual(['none', true]);
  // Fresh results have no frame (the stale results' dashed one is transparent otherwise, which forced
  // colours would draw).
  await waitForDone(page);
  expect(await page.locator('.result-panels').evaluate((e) => getComputedStyle(e).outlineStyle)).toBe('none');
  // A field with a problem has a border of its own, not only its colour.
  await page.locator('#stage-0-rate').fill('abc');
  await expect(page.locator('#stage-0-rate')).toHaveAttribute('aria-invalid', 'true');
  expect(await page.locator('#stage-0-rate').evaluate((e) => getComputedStyle(e).borderTopStyle)).toBe('dashed');
  await expect(page.locator('#stage-0-rate-error')).toBeVisible();
});

// Screen readers follow a live region that is on the page from the start; one that appears with its text
// in it is often not read out. What a click does is said in #say (index.html), once.
test('what a click changed is said in the live region that is there from the start', async ({ page }) => {
  await page.goto('/?lang=en');
  await waitForDone(page);
  const say = page.locator('#say');
  await expect(say).toHaveAttribute('role', 'status');
  await expect(say).toBeEmpty();
  // A preset: that it replaced the scenario, then its story (not a region that appears with it).
  await page.locator('#preset-awareness').click();
  await expect(say).toHaveText(/^The preset replaced your working scenario\. Lack of awareness\. Only about 60 people a month/);
  await expect(page.locator('#preset-story')).not.toHaveAttribute('aria-live');
  await expect(page.locator('#notice-text')).not.toHaveAttribute('role');
  // A move: the stage's new place.
  await page.locator('#stage-1-up').click();
  await expect(say).toHaveText(/^“.+” is now stage 1 of 5\.$/);
  // A removal: Undo takes the focus and is read with what it undoes.
  await page.locator('#stage-2-remove').click();
  const undo = page.locator('#undo-remove-stage');
  await expect(undo).toBeFocused();
  await expect(undo).toHaveAccessibleDescription(/^Stage “.+” removed\.$/);
  // A notice is said once: not again when its text changes with the language.
  await page.locator('#lang').selectOption('nl');
  await expect(page.locator('#notice-text')).toContainText('leervoorbeeld');
  await page.waitForTimeout(500);
  await expect(say).not.toContainText('leervoorbeeld');
});

test("each Learn topic is a heading, so a screen reader's heading keys reach it", async ({ page }) => {
  await page.goto('/?lang=nl');
  const learn = page.locator('section.learn');
  await expect(learn.getByRole('heading', { level: 3 })).toHaveCount(7);
  const topic = learn.getByRole('heading', { level: 3, name: 'Trechter versus vliegwiel' });
  await expect(topic).toBeVisible();
  // It still opens its topic, and reads as the summary's text did (not a heading's size).
  await topic.click();
  await expect(page.locator('#learn-flywheel')).toHaveAttribute('open', '');
  const [h, s] = await page.locator('#learn-flywheel summary').evaluate((e) => [getComputedStyle(e.firstElementChild).fontSize, getComputedStyle(e).fontSize]);
  expect(h).toBe(s);
});
