// Regenerates the README's screenshots from the built dist/ (run `trunk build --release` first):
//   node tests/e2e/screenshots.mjs dist
// Each one drives the page as a learner would, then captures the part worth showing.

import { launchBrowser, openWatchedPage, serveDist } from "./harness.mjs";

const distDir = process.argv[2] || "dist";
const { server, origin, base } = await serveDist(distDir);
const browser = await launchBrowser();

const button = (page, name) => page.getByRole("button", { name, exact: true }).first().click();
async function skip(page, seconds) {
  for (let i = 0; i < seconds; i++) await button(page, "+1 s");
}

const shots = {
  async "heartbeats-central"(page) {
    await page.goto(base + "#/heartbeats");
    await page.waitForSelector("svg.cluster");
    await skip(page, 4);
    await button(page, "Node 2");
    await button(page, "Crash");
    await button(page, "Node 4");
    await button(page, "Pause node 4 for 8 s");
    await skip(page, 1);
    await button(page, "Node 5");
    await button(page, "Overload");
    await skip(page, 4);
    return page.locator(".hb-first");
  },
  async "heartbeats-decentralized"(page) {
    await page.goto(base + "#/heartbeats");
    await page.waitForSelector("svg.cluster");
    await page.selectOption("#hb-topology", "random");
    await page.fill("#hb-nodes", "12");
    await page.locator("#hb-nodes").press("Enter");
    await page.waitForSelector(".notice");
    await skip(page, 5);
    await button(page, "Partition…");
    await button(page, "Split in half (7–12 on side B)");
    await button(page, "Apply partition");
    // Random peers start from a timeout that spans gossip's rounds (15 s for 12 nodes and k = 3):
    // wait until each side has declared the other dead.
    await skip(page, 17);
    await button(page, "Node 9");
    await button(page, "Crash");
    await skip(page, 2);
    return page.locator(".hb-first");
  },
  async "checksums-corruption"(page) {
    await page.goto(base + "#/checksums");
    await page.waitForSelector("textarea");
    await page.getByRole("button", { name: "Write the data (43 bytes)" }).click();
    await page.locator('li.replica[data-replica="1"]').getByRole("button", { name: "Corrupt at rest" }).click();
    await page.locator('li.replica[data-replica="2"]').getByRole("button", { name: "Corrupt in transit" }).click();
    await button(page, "Read");
    await button(page, "Hex");
    await page.getByRole("button", { name: "byte 4: 0x71" }).click();
    await page.getByRole("button", { name: "bit 3 of byte 4 is 0; flip it" }).click();
    await page.waitForSelector('tr[data-algorithm="MD5"] td.status-bad');
    await page.fill(".expected input", "9e107d9d372bb6826bd81d3542a419d6");
    return page.locator("section.checksums");
  },
};

for (const [name, setUp] of Object.entries(shots)) {
  const { context, page, problems } = await openWatchedPage(browser, origin, { width: 1280, height: 900 });
  const target = await setUp(page);
  await target.screenshot({ path: `static/screenshots/${name}.png` });
  console.log(`static/screenshots/${name}.png${problems.length ? "  problems: " + problems.join("; ") : ""}`);
  await context.close();
}
await browser.close();
server.close();
