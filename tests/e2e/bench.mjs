// Prints figures measured in the page by the built dist/ (run `trunk build --release` first):
//   node tests/e2e/bench.mjs dist            all benchmarks
//   node tests/e2e/bench.mjs dist frames     only the Heartbeats frame-time benchmark
// Timings only print; nothing here fails on a slow machine.

import { launchBrowser, openWatchedPage, serveDist } from "./harness.mjs";

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

const benches = { frames };
for (const [name, run] of Object.entries(benches)) {
  if (!only || only === name) await run();
}
await browser.close();
server.close();
