// The app's own latencies for scripts/bench.sh (called by bench/run.mjs): what a user of the page waits for,
// measured in the release build with the app's worker pool, in the same Chromium as the other rows.
//
//   * Run → first estimate: from the click on Run to the first frame after the status line first reports
//     trials done (the first chunk's result is drawn in the same render).
//   * Run → final chart: from the click to the first frame after the status line shows the finished run's
//     summary (every chart is drawn from the final result in that render).
//   * Cancel → stopped: during a 1,000,000-trial run, from the click on Cancel to the first frame showing
//     "Cancelled"; the workers are told at once and stop at their next chunk boundary (one chunk, ~15 ms).
//   * Edit → run replaced: during a 1,000,000-trial run, from typing into a rate to the first frame whose
//     status shows the new run with 0 trials done (the old run is cancelled in that same task; the new one
//     starts after the typing pause, runner::DEBOUNCE_MS).
// "Frame" = the requestAnimationFrame callback after the DOM change, i.e. just before the browser paints it.
// Runs are 1.5 s apart, as a user reading the results would leave them; each click's analyses of the
// previous run are cancelled by the new run, as in the app.

const RUNNING_SOME = /Simulating… [1-9]/;
const DONE = /Median customers won after/;

/** Times `clicks` Run clicks on an app page that has finished its first run. */
function runClicks(page, clicks) {
  return page.evaluate(
    async ({ clicks, running, done }) => {
      const runningRe = new RegExp(running);
      const doneRe = new RegExp(done);
      const status = document.querySelector('#status');
      const out = [];
      for (let i = 0; i < clicks; i++) {
        await new Promise((r) => setTimeout(r, 1500));
        const rec = {};
        const finished = new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            const text = status.textContent;
            if (rec.first === undefined && runningRe.test(text)) {
              rec.first = null;
              requestAnimationFrame(() => (rec.first = performance.now()));
            }
            if (doneRe.test(text)) {
              mo.disconnect();
              requestAnimationFrame(() => {
                rec.final = performance.now();
                resolve();
              });
            }
          });
          mo.observe(status, { childList: true, subtree: true, characterData: true });
        });
        const t0 = performance.now();
        document.querySelector('#run').click();
        await finished;
        out.push({ first_ms: rec.first - t0, final_ms: rec.final - t0 });
      }
      return out;
    },
    { clicks, running: RUNNING_SOME.source, done: DONE.source },
  );
}

/** Clicks `selector` (or types `text` into it) and times the frame whose status matches `re`. */
function timeUntilStatus(page, action, re) {
  return page.evaluate(
    async ({ action, re }) => {
      const want = new RegExp(re);
      const status = document.querySelector('#status');
      const shown = new Promise((resolve) => {
        const mo = new MutationObserver(() => {
          if (want.test(status.textContent)) {
            mo.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          }
        });
        mo.observe(status, { childList: true, subtree: true, characterData: true });
      });
      const el = document.querySelector(action.selector);
      const t0 = performance.now();
      if (action.text === undefined) {
        el.click();
      } else {
        el.value = action.text;
        el.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const late = new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`the status did not match ${re} within 10 s: ${status.textContent}`)), 10_000),
      );
      return (await Promise.race([shown, late])) - t0;
    },
    { action, re: re.source },
  );
}

async function startMillionRun(page) {
  if ((await page.locator('#trials').inputValue()) === '1000000') {
    await page.locator('#run').click();
  } else {
    await page.locator('#trials').fill('1000000');
  }
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#status').textContent), RUNNING_SOME.source, {
    timeout: 60_000,
  });
  // Some refinements in, as a user would cancel a run that turned out to be long.
  await page.waitForTimeout(600);
}

/**
 * Measures the app at `url` (the release build's index.html). Returns the raw times and their medians.
 * `clicks` Run clicks (the first is dropped as a warm-up), `cancels` Cancel and edit measurements each.
 */
export async function measureApp(browser, url, { clicks = 8, cancels = 3 } = {}) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  try {
    await page.goto(url);
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('#status')?.textContent ?? ''), DONE.source, {
      timeout: 120_000,
    });
    const runs = (await runClicks(page, clicks + 1)).slice(1);
    const cancel = [];
    const edit = [];
    for (let i = 0; i < cancels; i++) {
      await startMillionRun(page);
      cancel.push(await timeUntilStatus(page, { selector: '#cancel' }, /Cancelled/));
      await startMillionRun(page);
      // Typing a rate replaces the 1M-trial run by one of the same size.
      // (the default is 40%: these values all change it, so each starts a new run).
      edit.push(await timeUntilStatus(page, { selector: '#stage-1-rate', text: String(41 + (i % 2)) }, /Simulating… 0 /));
      await page.locator('#cancel').click();
    }
    await page.locator('#trials').fill('10000');
    return {
      runs,
      first_ms: median(runs.map((r) => r.first_ms)),
      final_ms: median(runs.map((r) => r.final_ms)),
      cancel_ms: cancel,
      median_cancel_ms: median(cancel),
      edit_ms: edit,
      median_edit_ms: median(edit),
    };
  } finally {
    await page.close();
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
