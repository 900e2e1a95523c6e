// Prints figures measured in the page by the built dist/ (run `tests/scripts/build.sh` first):
//   node tests/e2e/bench.mjs dist            all benchmarks
//   node tests/e2e/bench.mjs dist frames     only the Heartbeats frame-time benchmark
//   node tests/e2e/bench.mjs dist swim       1,000 SWIM members at 100x: frame times and the speed kept
//   node tests/e2e/bench.mjs dist throughput only the Checksums tab's hashing speed
//   node tests/e2e/bench.mjs dist responsiveness   long tasks while 64 MiB is generated and hashed
//   node tests/e2e/bench.mjs dist explorer   the trade-off explorer: 40 settings x 50 nodes x 10 minutes
//   node tests/e2e/bench.mjs dist link       opening a costly share link (1,000 nodes, etcd, 8 min)
// Timings only print; nothing here fails on a slow machine.

import { heaviestLink, launchBrowser, openWatchedPage, serveDist } from "./harness.mjs";

const distDir = process.argv[2] || "dist";
const only = process.argv[3];
const { server, origin, base } = await serveDist(distDir);
const browser = await launchBrowser();

async function frames() {
  const { context, page } = await openWatchedPage(browser, origin);
  await page.goto(base + "#/heartbeats?bench=1");
  await page.waitForSelector('#bench-result[data-done="true"]', { timeout: 120000 });
  console.log("Heartbeats frame times (1000 nodes, random-k = 3, 10x):", await page.textContent("#bench-result"));
  await context.close();
}

async function swim() {
  const { context, page } = await openWatchedPage(browser, origin);
  await page.goto(base + "#/heartbeats?bench=swim");
  await page.waitForSelector('#bench-result[data-done="true"]', { timeout: 120000 });
  console.log("SWIM in the page (1000 members, memberlist LAN, 100x):", await page.textContent("#bench-result"));
  await context.close();
}

async function throughput() {
  const { context, page } = await openWatchedPage(browser, origin);
  await page.goto(base + "#/checksums");
  await page.getByRole("button", { name: "Measure in this browser" }).click();
  await page.waitForSelector('#throughput-result[data-done="true"]', { timeout: 300000 });
  const rows = await page.$$eval(".throughput tbody tr", (trs) =>
    trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())),
  );
  console.log("Hashing speed in headless Chromium, MB/s (1 MiB / 16 MiB / 64 MiB):");
  for (const [name, ...cells] of rows) console.log(`  ${name.padEnd(20)} ${cells.map((c) => c.padStart(7)).join(" ")}`);
  await context.close();
}

async function responsiveness() {
  const { context, page } = await openWatchedPage(browser, origin);
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__long.push(Math.round(e.duration));
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(base + "#/checksums");
  await page.waitForSelector("textarea");
  const hashed = () => !document.querySelector('[data-testid="digest-SHA-512"]').textContent.includes("computing");
  const report = async (what) => {
    const long = await page.evaluate(() => window.__long.splice(0));
    console.log(`  ${what}: longest task ${long.length ? Math.max(...long) : "under 50"} ms (${long.length} tasks over 50 ms)`);
  };
  console.log("Responsiveness with 64 MiB of data (browser long tasks, > 50 ms):");
  await page.evaluate(() => window.__long.splice(0));
  await page.fill('input[aria-label="Size"]', "64");
  await page.getByRole("button", { name: "Generate" }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="data-size"]').textContent.includes("67,108,864"), null, { timeout: 120000 });
  await page.waitForFunction(hashed, null, { timeout: 120000 });
  await report("generate 64 MiB and hash it with five algorithms");
  await page.getByRole("button", { name: "Flip a random bit" }).click();
  await page.waitForFunction(() => document.querySelector('tr[data-algorithm="MD5"] td.verdict').textContent === "changed", null, { timeout: 120000 });
  await report("flip a bit and hash the 64 MiB again");
  await context.close();
}

async function explorer() {
  const { context, page } = await openWatchedPage(browser, origin);
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("#hb-nodes");
  await page.fill("#hb-nodes", "50");
  await page.locator("#hb-nodes").press("Enter");
  await page.waitForSelector(".notice");
  await page.fill('input[aria-label="Number of settings"]', "40");
  await page.fill('input[aria-label="Virtual minutes per run"]', "10");
  await page.locator(".explorer").getByRole("button", { name: "Run", exact: true }).click();
  await page.waitForSelector("#explorer-result", { timeout: 300000 });
  const text = await page.textContent("#explorer-result");
  console.log("Trade-off explorer (50 nodes, central push, 40 timeouts + the current one, 10 min each):", text.split(" The ringed")[0]);
  await context.close();
}

async function link() {
  const address = await heaviestLink(browser, base);
  const open = async (url, ready) => {
    const { context, page } = await openWatchedPage(browser, origin);
    const started = Date.now();
    await page.goto(url);
    await page.waitForFunction(ready, null, { timeout: 120000 });
    const s = (Date.now() - started) / 1000;
    await context.close();
    return s;
  };
  const plain = await open(base + "#/heartbeats", () => document.querySelector('[data-testid="virtual-time"]'));
  const shared = await open(
    address,
    () => document.querySelector('[data-testid="virtual-time"]')?.textContent.includes("480.000 s") && !document.querySelector('[data-testid="catch-up"]'),
  );
  console.log(`Opening a share link of 1,000 nodes (etcd preset), 8 min in (${address.length} characters):`);
  console.log(`  the plain page ${plain.toFixed(2)} s; the link, replayed in slices with its log and timeline, ${shared.toFixed(2)} s`);
}

const benches = { frames, swim, throughput, responsiveness, explorer, link };
for (const [name, run] of Object.entries(benches)) {
  if (!only || only === name) await run();
}
await browser.close();
server.close();
