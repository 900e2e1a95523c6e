// Prints how long the page's main thread is held by the heaviest interactions, in headless
// Chromium, at full speed (x1) and with the CPU slowed four times (x4, a plausible student
// laptop). For each row: the longest task the browser reports as long (over 50 ms) and how many
// there were. It prints; it never fails on a slow machine. Run `tests/scripts/build.sh` first:
//   node tests/e2e/freeze.mjs dist            every row
//   node tests/e2e/freeze.mjs dist paste      one row: start, link, gossip (+10 s and View of), paste,
//                                             tab, checksums (link and file) or course
//   node tests/e2e/freeze.mjs dist start 20   the row(s) 20 times over, then how many runs of each
//                                             had a task over 50 ms (for rows that vary run to run)
// The rows: start-up; opening a share link of 1,000 nodes on the etcd preset, 8 min in; +10 s
// with 1,000 gossiping nodes; "View of" another node after that (a replay of the run); pasting
// 2 MiB over the text on the Checksums tab; going from the Heartbeats tab to the Checksums tab
// (the busiest tab to draw: five digests with their bit grids, replicas, the speed test);
// opening a Checksums link of 64 MiB of random data truncated, undone and redone 13 times; and
// importing a scenario file of 8 MiB of text, and exporting it again; the Lessons tab with the largest course.json the
// page reads (2 MiB, 40 lessons), then its last lesson.

import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { heaviestLink, launchBrowser, serveDist } from "./harness.mjs";

const distDir = process.argv[2] || "dist";
const only = process.argv[3] && process.argv[3] !== "all" ? process.argv[3] : undefined;
const wanted = (row) => !only || only === row;
const runs = Math.max(1, Number(process.argv[4] || 1));
const { server, origin, base } = await serveDist(distDir);
const browser = await launchBrowser();
const LONG_WAIT = { timeout: 600000 };

/** A fresh page at CPU slow-down `rate`, recording every long task from its start. */
async function open(rate) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__long.push(e.duration);
    }).observe({ type: "longtask", buffered: true });
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  return { context, page };
}

/** The long tasks since the last call. */
async function takeLong(page) {
  return page.evaluate(() => window.__long.splice(0));
}

function describe(long) {
  if (long.length === 0) return "longest under 50 ms, none over 50 ms";
  const worst = Math.round(Math.max(...long));
  return `longest ${worst} ms, ${long.length} over 50 ms`;
}

const clock = (page) => page.textContent('[data-testid="virtual-time"]');
const idle = (page) => page.waitForFunction(() => !document.querySelector('[data-testid="catch-up"]'), null, LONG_WAIT);

async function startUp(rate) {
  const { context, page } = await open(rate);
  const started = Date.now();
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector('[data-testid="virtual-time"]');
  const ready = Date.now() - started;
  await page.waitForTimeout(500);
  const long = await takeLong(page);
  await context.close();
  return `${describe(long)}; first screen ready after ${ready} ms`;
}

async function openLink(rate, address) {
  const { context, page } = await open(rate);
  const started = Date.now();
  await page.goto(address);
  await page.waitForFunction(() => document.querySelector('[data-testid="virtual-time"]')?.textContent.includes("480.000 s"), null, LONG_WAIT);
  const took = Date.now() - started;
  await idle(page);
  const long = await takeLong(page);
  await context.close();
  return `${describe(long)}; replayed in ${(took / 1000).toFixed(1)} s`;
}

async function gossip(rate) {
  const { context, page } = await open(rate);
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("#hb-nodes");
  await page.selectOption("#hb-topology", "random");
  await page.fill("#hb-nodes", "1000");
  await page.locator("#hb-nodes").press("Enter");
  await page.waitForFunction(() => document.querySelector(".notice")?.textContent.includes("New run"));
  await page.waitForTimeout(300);
  await takeLong(page);
  let started = Date.now();
  await page.getByRole("button", { name: "+10 s", exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="virtual-time"]').textContent.includes("10.000 s"), null, LONG_WAIT);
  await idle(page);
  const skip = `${describe(await takeLong(page))}; done in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  started = Date.now();
  const picker = page.locator(".monitor-table input.node-number").first();
  await picker.fill("2");
  await picker.press("Enter");
  await page.waitForFunction(() => document.querySelector(".monitor-table input.node-number")?.value === "2", null, LONG_WAIT);
  await idle(page);
  const view = `${describe(await takeLong(page))}; done in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  await context.close();
  return { skip, view };
}

async function paste(rate) {
  const { context, page } = await open(rate);
  await page.goto(base + "#/checksums");
  await page.waitForSelector("textarea");
  const size = 2 * 1024 * 1024;
  await page.evaluate(async (size) => {
    const line = "The quick brown fox jumps over the lazy dog. ";
    await navigator.clipboard.writeText(line.repeat(Math.ceil(size / line.length)).slice(0, size));
  }, size);
  await page.focus("textarea");
  await page.keyboard.press("Control+A");
  await takeLong(page);
  const started = Date.now();
  await page.keyboard.press("Control+V");
  await page.waitForFunction((n) => document.querySelector('[data-testid="data-size"]').textContent.includes(n), size.toLocaleString("en-US") + " bytes", LONG_WAIT);
  await page.waitForFunction(() => !document.querySelector('[data-testid="digest-SHA-512"]').textContent.includes("computing"), null, LONG_WAIT);
  const took = Date.now() - started;
  const long = await takeLong(page);
  await context.close();
  return `${describe(long)}; pasted and hashed in ${(took / 1000).toFixed(1)} s`;
}

/** About the heaviest Checksums session a link accepts: 64 MiB of random data, truncated to
 * nothing, then undone and redone 13 times, ending with the data back (the replay's cost check
 * lets through 14). */
function heavyChecksums() {
  const steps = [{ Corrupt: { Truncate: { len: 0 } } }];
  for (let i = 0; i < 13; i++) steps.push(i % 2 ? "Redo" : "Undo");
  const start = { Random: { len: 64 * 1024 * 1024, seed: 3 } };
  return { faultlab_scenario: 2, scenario: { Checksums: { start, steps, show_truth: true, expected: "" } } };
}

/** Imports `json` (text) from a file in `page`, as choosing it in the Import dialog does. */
async function importFile(page, json) {
  await page.evaluate((json) => {
    window.__file = new File([json], "scenario.json", { type: "application/json" });
  }, json);
  await page.waitForTimeout(300);
  await takeLong(page);
  await page.evaluate(() => {
    const input = document.querySelector('input[type=file][aria-label="Import a scenario file"]');
    const files = new DataTransfer();
    files.items.add(window.__file);
    input.files = files.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

/** Until the Checksums tab has opened its scenario, drawn every part and hashed the data. */
const checksumsSettled = (page) => page.waitForFunction(() => {
  const sha512 = document.querySelector('[data-testid="digest-SHA-512"]');
  return !document.querySelector('[data-testid="opening"]') && !document.querySelector("[data-drawing]")
    && sha512 && !sha512.textContent.includes("computing");
}, null, LONG_WAIT);

/** The share link of the heaviest Checksums session (the page makes it when the file is imported). */
async function heavyChecksumsLink() {
  const { context, page } = await open(1);
  await page.goto(base + "#/checksums");
  await page.waitForSelector("textarea");
  await importFile(page, JSON.stringify(heavyChecksums()));
  await page.waitForFunction(() => location.hash.includes("s="), null, LONG_WAIT);
  const hash = await page.evaluate(() => location.hash.replace(/&imported=[^&]*/, ""));
  await context.close();
  return base + hash;
}

async function checksumsLink(rate, address) {
  const { context, page } = await open(rate);
  const started = Date.now();
  await page.goto(address);
  await page.waitForFunction(() => document.querySelector('[data-testid="data-size"]')?.textContent.startsWith("67,108,864 bytes"), null, LONG_WAIT);
  const took = Date.now() - started;
  await checksumsSettled(page);
  const long = await takeLong(page);
  await context.close();
  return `${describe(long)}; opened in ${(took / 1000).toFixed(1)} s`;
}

async function checksumsFile(rate) {
  const { context, page } = await open(rate);
  await page.goto(base + "#/checksums");
  await page.waitForSelector("textarea");
  const text = "abcdefgh".repeat(1024 * 1024 - 64);
  const json = JSON.stringify({ faultlab_scenario: 2, scenario: { Checksums: { start: { Text: text }, steps: [], show_truth: true, expected: "" } } });
  await importFile(page, json);
  const started = Date.now();
  await page.waitForFunction((n) => document.querySelector('[data-testid="data-size"]')?.textContent.startsWith(n), text.length.toLocaleString("en-US") + " bytes", LONG_WAIT);
  const took = Date.now() - started;
  await checksumsSettled(page);
  const imported = `${describe(await takeLong(page))}; opened in ${(took / 1000).toFixed(1)} s`;
  await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
  await page.waitForFunction(() => document.querySelector(".scenario-bar")?.textContent.includes("Saved faultlab-checksums.json"), null, LONG_WAIT);
  await page.waitForTimeout(300);
  const exported = describe(await takeLong(page));
  await context.close();
  return { imported, exported };
}

/** A copy of the build with the largest course.json the page reads (2 MiB: 40 lessons, each with
 * 10,000 characters of text and a Checksums stage of 30,000 characters), served on its own. */
async function largeCourseSite() {
  const { context, page } = await open(1);
  await page.goto(base + "#/checksums");
  await page.waitForSelector("textarea");
  const data = "x".repeat(30000);
  await importFile(page, JSON.stringify({ faultlab_scenario: 2, scenario: { Checksums: { start: { Text: data }, steps: [], show_truth: true, expected: "" } } }));
  await page.waitForFunction(() => location.hash.includes("s="), null, LONG_WAIT);
  const link = (await page.evaluate(() => location.hash)).match(/s=([^&]*)/)[1];
  await context.close();
  const text = "word ".repeat(1998);
  const lessons = Array.from({ length: 40 }, (_, i) => ({
    title: `Lesson ${i + 1} of the large course`, text, scenario: link, question: "Which?", choices: ["this", "that"], answer: "this",
  }));
  const site = await mkdtemp(join(tmpdir(), "faultlab-course-"));
  await cp(distDir, site, { recursive: true });
  await writeFile(join(site, "course.json"), JSON.stringify({ title: "A large course", lessons }));
  return { site, ...(await serveDist(site)) };
}

async function largeCourse(rate, course) {
  const { context, page } = await open(rate);
  await page.goto(course.base + "#/heartbeats");
  await page.waitForSelector('[data-testid="virtual-time"]');
  await page.waitForTimeout(500);
  await takeLong(page);
  let started = Date.now();
  await page.getByRole("link", { name: "Lessons" }).click();
  await page.waitForFunction(() => document.body.textContent.includes("Lesson 40 of the large course"), null, LONG_WAIT);
  const list = `${describe(await takeLong(page))}; listed in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  started = Date.now();
  await page.getByText("Lesson 40 of the large course").first().click();
  await page.waitForSelector('[data-testid="stage-data"]', LONG_WAIT);
  await page.waitForFunction(() => !document.querySelector('[data-testid="digest-SHA-512"]')?.textContent.includes("computing"), null, LONG_WAIT);
  await page.waitForTimeout(300);
  const lesson = `${describe(await takeLong(page))}; opened in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  await context.close();
  return { list, lesson };
}

async function switchTab(rate) {
  const { context, page } = await open(rate);
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector('[data-testid="virtual-time"]');
  await page.waitForTimeout(500);
  await takeLong(page);
  const started = Date.now();
  await page.getByRole("link", { name: "Checksums" }).click();
  await page.waitForSelector('[data-testid="digest-SHA-512"]');
  await page.waitForFunction(() => !document.querySelector("[data-drawing]"));
  const took = Date.now() - started;
  await page.waitForTimeout(300);
  const long = await takeLong(page);
  await context.close();
  return `${describe(long)}; drawn in ${took} ms`;
}

const address = wanted("link") ? (console.log("Making the heaviest link (1,000 nodes, etcd preset, 8 min)..."), await heaviestLink(browser, base)) : null;
const checksumsAddress = wanted("checksums") ? await heavyChecksumsLink() : null;
const course = wanted("course") ? await largeCourseSite() : null;
console.log("Main-thread long tasks per interaction (headless Chromium; x4 = CPU slowed four times):");
// For each rate and row, the runs that had a task over 50 ms and their longest tasks.
const tally = new Map();
for (let run = 1; run <= runs; run++) {
  if (runs > 1) console.log(`run ${run} of ${runs}`);
  for (const rate of [1, 4]) {
    const rows = [];
    if (wanted("start")) rows.push(["start-up", await startUp(rate)]);
    if (wanted("link")) rows.push(["opening the heaviest link", await openLink(rate, address)]);
    if (wanted("gossip")) {
      const g = await gossip(rate);
      rows.push(["+10 s with 1,000 gossiping nodes", g.skip], ["View of node 2 after it (a replay)", g.view]);
    }
    if (wanted("paste")) rows.push(["pasting 2 MiB over the text", await paste(rate)]);
    if (wanted("tab")) rows.push(["Heartbeats tab to Checksums tab", await switchTab(rate)]);
    if (wanted("checksums")) {
      rows.push(["opening the heaviest Checksums link", await checksumsLink(rate, checksumsAddress)]);
      const file = await checksumsFile(rate);
      rows.push(["importing an 8 MiB scenario file", file.imported], ["then Export of it", file.exported]);
    }
    if (wanted("course")) {
      const c = await largeCourse(rate, course);
      rows.push(["Lessons tab with a 2 MiB course.json", c.list], ["its last lesson", c.lesson]);
    }
    for (const [what, figure] of rows) {
      console.log(`  x${rate}  ${what.padEnd(36)} ${figure}`);
      const key = `x${rate}  ${what.padEnd(36)}`;
      const t = tally.get(key) ?? { over: [], runs: 0 };
      t.runs += 1;
      const longest = figure.match(/^longest (\d+) ms/);
      if (longest) t.over.push(Number(longest[1]));
      tally.set(key, t);
    }
  }
}
if (runs > 1) {
  console.log(`Over ${runs} runs: how many had a task over 50 ms (and their longest tasks):`);
  for (const [key, t] of tally) {
    const which = t.over.length ? ` (${t.over.sort((a, b) => a - b).join(", ")} ms)` : "";
    console.log(`  ${key} ${t.over.length} of ${t.runs}${which}`);
  }
}
await browser.close();
server.close();
if (course) {
  course.server.close();
  await rm(course.site, { recursive: true, force: true });
}
