// Every lesson, done as a new learner does it, on a laptop (1280×800) and a phone (390×844): for
// each step the learner predicts, presses the step's button and waits for the moment. At the
// moment, the step's question and the stage's cluster are inside the viewport without scrolling
// by hand, the moment came within 10 s of real time, and the answer is on the page. Set SHOTS to a
// folder to keep a screenshot of every moment.
//   node tests/e2e/lessons.mjs dist

import { mkdir } from "node:fs/promises";
import { runTests } from "./harness.mjs";

const distDir = process.argv[2] || "dist";
const SHOTS = process.env.SHOTS;
const LESSONS = 14;
const MOMENT_MS = 10_000;

const SIZES = {
  laptop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
};

/** Whether the element is entirely inside the viewport (with a pixel of slack). */
async function inViewport(page, selector) {
  return page.locator(selector).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.left >= -1 && r.right <= window.innerWidth + 1;
  });
}

/** Polls `check` until it is true or `ms` pass; returns the real time it took, or throws. */
async function until(page, what, check, ms) {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > ms) throw new Error(`${what} did not come within ${ms} ms`);
    await page.waitForTimeout(50);
  }
  return Date.now() - t0;
}

/** Polls until the text of `selector` matches `re`; fails saying what it said instead. */
async function expectText(page, selector, re) {
  const read = async () => ((await page.locator(selector).count()) ? await page.locator(selector).first().textContent() : "");
  try {
    await until(page, `${selector} to match ${re}`, async () => re.test(await read()), 5000);
  } catch (e) {
    throw new Error(`${e.message}; it says: ${await read()}`);
  }
}

/** The number a readout shows. */
async function number(page, selector) {
  return Number((await page.locator(selector).first().textContent()).trim());
}

const FP_FIXED = '[data-testid="stage-false-positives-fixed timeout"]';
const FP_PHI = '[data-testid="stage-false-positives-phi accrual"]';

/**
 * What the learner must read on the stage after step k of lesson n: the step's button changed the
 * run the way its text says.
 */
const AFTER = {
  1: { 3: (p) => expectText(p, '.monitor-table tr[data-node="2"] td.belief', /alive/) },
  2: {
    1: async (p) => {
      await expectText(p, '.monitor-table tr[data-node="1"] td.belief', /dead/);
      if (/crashed/.test(await p.locator(".monitor-table").textContent())) throw new Error("the truth shows before the learner asks");
    },
    2: (p) => expectText(p, '.monitor-table tr[data-node="1"] td.truth', /crashed/),
  },
  3: {
    1: async (p) => {
      if (!((await number(p, FP_FIXED)) > 0)) throw new Error("a 2.5 s timeout makes no false positive");
    },
    2: async (p) => {
      if ((await number(p, FP_FIXED)) !== 0) throw new Error("an 8 s timeout still makes false positives");
    },
  },
  4: {
    2: (p) => expectText(p, ".readout", /central monitor, pull/),
    3: (p) => expectText(p, ".readout", /90\.0 per second \(all-to-all\)/),
  },
  5: {
    2: (p) => expectText(p, "[data-testid=stage-spread]", /9 of 9 nodes have declared it dead/),
    3: (p) => expectText(p, ".stage h3", /What node 9 believes/),
  },
  6: {
    1: (p) => expectText(p, "[data-testid=stage-leaders]", /node 1.*node 4/),
    2: (p) => expectText(p, "[data-testid=stage-no-quorum]", /node 4 asks to lead with 2 of 5 promises/),
    3: (p) => expectText(p, ".log-lines", /refused/),
  },
  7: {
    1: async (p) => {
      if (!((await number(p, FP_FIXED)) > 0) || (await number(p, FP_PHI)) !== 0) throw new Error("the fixed timeout errs and φ does not");
    },
  },
  8: {
    1: (p) => expectText(p, "[data-testid=stage-requests]", /[1-9]\d* failed/),
    3: (p) => expectText(p, "[data-testid=stage-replacements]", /which was alive \(wasted\)/),
  },
  9: {
    1: (p) => expectText(p, "[data-testid=stage-data]", /Pay Alice 000 euros/),
    3: (p) => expectText(p, "[data-testid=read-result]", /Read failed/),
  },
  10: {
    1: (p) => expectText(p, "[data-testid=read-result]", /from replica 2/),
    2: (p) => expectText(p, "[data-testid=read-result]", /from replica 1/),
    3: (p) => expectText(p, "[data-testid=read-result]", /Read failed/),
  },
  11: {
    1: (p) => expectText(p, "[data-testid=read-result]", /Read returned/),
    2: (p) => expectText(p, "[data-testid=read-result]", /Read failed/),
  },
  13: {
    1: (p) => expectText(p, '.monitor-table tr[data-node="5"] td.belief', /dead/),
    2: (p) => expectText(p, '.monitor-table tr[data-node="5"] td.belief', /alive/),
  },
  14: {
    1: (p) => expectText(p, '.monitor-table tr[data-node="4"] td.belief', /dead/),
    2: async (p) => {
      await expectText(p, '.monitor-table tr[data-node="4"] td.belief', /alive/);
      await expectText(p, '.monitor-table tr[data-node="4"] [data-label=incarnation]', /^1$/);
    },
    3: (p) => expectText(p, '[data-testid=health-false-2]', /^[1-9]\d*$/),
    4: (p) => expectText(p, '[data-testid=health-score-2]', /\d/),
  },
  12: {
    2: async (p) => {
      await expectText(p, "#throughput-result", /Measuring/);
      await p.getByRole("button", { name: "Cancel the measurement" }).click();
    },
  },
};

/** Answers the step's question wrongly or rightly: the first option, or a number. */
async function predict(page) {
  const form = page.locator("[data-testid=prediction]");
  if ((await form.count()) === 0) return false;
  const radio = form.locator("input[type=radio]");
  if ((await radio.count()) > 0) {
    await radio.first().check();
  } else {
    await form.locator("input[type=text]").fill("4");
  }
  return true;
}

/** Does lesson `n` from its first step to its last at `size`; returns notes on each step. */
async function doLesson(page, base, n, sizeName) {
  await page.setViewportSize(SIZES[sizeName]);
  await page.goto(`${base}#/lessons/${n}`);
  await page.waitForSelector("[data-testid=step-card]");
  await page.waitForSelector("[data-testid=stage-cluster]");
  const steps = Number((await page.locator("#step-heading").textContent()).match(/of (\d+)/)[1]);
  for (let k = 1; k <= steps; k++) {
    const where = `lesson ${n} step ${k} (${sizeName})`;
    await until(page, `${where}: its heading`, async () => (await page.locator("#step-heading").textContent()).startsWith(`Step ${k} of`), 5000);
    const asks = await predict(page);
    const go = page.locator("[data-testid=step-go]");
    if (asks) {
      // The button waits for the prediction; it was made above, so it is enabled now.
      if (await go.isDisabled()) throw new Error(`${where}: the button stays disabled after a prediction`);
    }
    const t0 = Date.now();
    await go.click();
    const answerShown = async () => (asks ? (await page.locator("[data-testid=answer]").count()) > 0 : (await page.locator("[data-testid=step-next]").count()) > 0);
    await until(page, `${where}: the moment`, answerShown, MOMENT_MS + 5000);
    const took = Date.now() - t0;
    if (took > MOMENT_MS) throw new Error(`${where}: the moment came after ${took} ms of real time`);
    if (!(await inViewport(page, "[data-testid=stage-cluster]"))) {
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson${n}-step${k}-${sizeName}-FAILED.png` });
      throw new Error(`${where}: the cluster is not inside the viewport at the moment`);
    }
    if (asks && !(await inViewport(page, "[data-testid=prediction]"))) throw new Error(`${where}: the question is not inside the viewport at the moment`);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson${n}-step${k}-${sizeName}.png` });
    await AFTER[n]?.[k]?.(page);
    await page.locator("[data-testid=step-next]").click();
  }
  await until(page, `lesson ${n}: marked done`, async () => (await page.locator("[data-testid=lesson-done]").count()) > 0, 5000);
}

/** Lesson `n` framed by a course at 800×600: the cluster is on the first screen, and nothing plays. */
async function embedded(page, base, n) {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(`${base}#/lessons/${n}?embed=1`);
  await page.waitForSelector("[data-testid=stage-cluster]");
  if (!(await inViewport(page, "[data-testid=stage-cluster]"))) {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson${n}-embed-FAILED.png` });
    throw new Error(`lesson ${n} embedded at 800×600: the cluster is not on the first screen`);
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/lesson${n}-embed.png` });
}

if (SHOTS) await mkdir(SHOTS, { recursive: true });
const tests = [];
const only = process.env.LESSON ? [Number(process.env.LESSON)] : null;
for (let n = 1; n <= LESSONS; n++) {
  if (only && !only.includes(n)) continue;
  for (const sizeName of Object.keys(SIZES)) {
    tests.push([`lesson_${n}_at_${sizeName}_size_shows_each_moment_with_its_question`, (page, base) => doLesson(page, base, n, sizeName)]);
  }
  tests.push([`lesson_${n}_embedded_at_800_by_600_shows_its_cluster_on_the_first_screen`, (page, base) => embedded(page, base, n)]);
}
// Four at a time: the lessons play in real time, and the moments must still come within 10 s.
const ok = await runTests(distDir, tests, { concurrency: 4 });
process.exit(ok ? 0 : 1);
