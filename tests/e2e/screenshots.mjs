// Regenerates the README's screenshots from the built dist/ (run `tests/scripts/build.sh` first):
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
// Lessons as a learner sees them at the moment that matters, on a laptop and on a phone: the whole
// screen, as it is (no scrolling by the script).
async function lessonStep(page, n, steps, choices) {
  await page.goto(`${base}#/lessons/${n}`);
  await page.waitForSelector("[data-testid=step-card]");
  for (let k = 0; k < steps; k++) {
    if (k > 0) await page.locator("[data-testid=step-next]").click();
    const choice = choices[k];
    if (typeof choice === "number") await page.locator("[data-testid=prediction] input[type=radio]").nth(choice).check();
    if (typeof choice === "string") await page.locator("[data-testid=prediction] input[type=text]").fill(choice);
    await page.locator("[data-testid=step-go]").click();
    await page.locator("[data-testid=step-next]").waitFor({ timeout: 15000 });
  }
}

const lessonShots = {
  // The crash declared: the monitor's table, the detection latency and the answer.
  "lesson-1": (page) => lessonStep(page, 1, 2, [null, "4"]),
  // The truth revealed after the learner guessed which node crashed.
  "lesson-2": (page) => lessonStep(page, 2, 2, [1, 4]),
  // One flipped bit: the data and every digest.
  "lesson-9": (page) => lessonStep(page, 9, 1, [2]),
};
const sizes = { laptop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
for (const [name, play] of Object.entries(lessonShots)) {
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    const { context, page, problems } = await openWatchedPage(browser, origin, viewport);
    await play(page);
    const path = `static/screenshots/${name}-${sizeName}.png`;
    await page.screenshot({ path });
    console.log(`${path}${problems.length ? "  problems: " + problems.join("; ") : ""}`);
    await context.close();
  }
}

await browser.close();
server.close();
