// Accessibility checks with axe-core: the views a learner reaches, in light and dark mode. A serious
// or critical violation fails the test, naming the rule, the element and why.

import { createRequire } from "node:module";
import { waitForText } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/** Runs axe-core on the page as it is now; returns serious and critical violations, described. */
export async function seriousViolations(page, where) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.addScriptTag({ path: AXE });
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
      }));
  });
  return result.map((v) => `${where}: ${v.impact} ${v.id} (${v.help})\n    ${v.nodes.join("\n    ")}`);
}

/** The views checked, each opened from the address and brought to the moment worth checking. */
const VIEWS = [
  ["Heartbeats", "#/heartbeats", async (page) => waitForText(page, "h2", "Heartbeats")],
  [
    "Heartbeats with a crashed, selected node",
    "#/heartbeats",
    async (page) => {
      await page.waitForSelector("svg.cluster");
      await page.getByRole("button", { name: "Node 2", exact: true }).first().click();
      await waitForText(page, ".selected-node", "Node 2");
      // The second pass finds the run as the first left it (the page keeps it): node 2 crashed.
      const crash = page.getByRole("button", { name: "Crash", exact: true });
      if (await crash.isEnabled()) await crash.click();
      await waitForText(page, ".selected-node", "crashed");
    },
  ],
  [
    // Embedded, so it starts from the defaults each time and keeps nothing for the other views.
    "Heartbeats with a node cut off and both detectors (every legend entry, the reasons buttons are off)",
    "#/heartbeats?embed=1",
    async (page) => {
      await page.waitForSelector("svg.cluster");
      await page.selectOption("#hb-detector", "both");
      await page.waitForSelector('.timeline-legend [data-legend="threshold-phi"]');
      await page.getByRole("button", { name: "Node 3", exact: true }).first().click();
      await waitForText(page, ".selected-node", "Node 3");
      const cut = page.getByRole("button", { name: "Cut off", exact: true });
      if (await cut.isEnabled()) await cut.click();
      await waitForText(page, ".off-reasons", "Heal network reconnects it");
    },
  ],
  [
    "Heartbeats with 100 nodes on the canvas",
    "#/heartbeats?embed=1",
    async (page) => {
      await page.waitForSelector(".cluster");
      await page.fill("#hb-nodes", "100");
      await page.locator("#hb-nodes").press("Enter");
      await page.waitForSelector("canvas.cluster");
    },
  ],
  [
    "Heartbeats with SWIM after a crash and a broken link (message shapes, incarnations, the spread plot)",
    "#/heartbeats",
    async (page) => {
      await page.waitForSelector(".cluster");
      // The pass before (light or dark) kept its run: start from the defaults.
      await page.getByRole("button", { name: "Reset to defaults", exact: true }).click();
      await waitForText(page, ".notice", "Back to the defaults");
      await page.selectOption("#hb-topology", "swim-lan");
      await page.waitForSelector(".monitor-table .col-incarnation");
      await page.locator('.monitor-table tr[data-node="3"] button').first().click();
      await page.getByRole("button", { name: "Crash", exact: true }).click();
      await page.locator('.monitor-table tr[data-node="4"] button').first().click();
      await page.locator('button[aria-label$="from node 4"]').click();
      await page.getByRole("button", { name: "+10 s", exact: true }).click();
      await page.getByRole("button", { name: "+10 s", exact: true }).click();
      await page.waitForSelector(".metrics svg.spread-plot");
      await page.waitForSelector("svg.cluster .cut-link");
    },
  ],
  ["Lesson 14 answered, with each member's health", "#/lessons/14", async (page) => {
    await answerFirstStep(page);
    await page.waitForSelector("[data-label=incarnation]");
  }],
  ["Checksums", "#/checksums", async (page) => waitForText(page, "h2", "Checksums")],
  ["Lessons", "#/lessons", async (page) => waitForText(page, "ol.lesson-list", "MD5")],
  ["Lesson 1", "#/lessons/1", async (page) => waitForText(page, "h2", "Lesson 1 of 14")],
  ["Lesson 1 embedded", "#/lessons/1?embed=1", async (page) => waitForText(page, "h2", "Lesson 1 of 14")],
  ["Lesson 6 answered, with its leaders and log", "#/lessons/6", (page) => answerFirstStep(page)],
  ["Lesson 7 answered, with both detectors' timeline", "#/lessons/7", (page) => answerFirstStep(page)],
  ["Lesson 8 answered, with requests over time", "#/lessons/8", (page) => answerFirstStep(page)],
  ["Lesson 10 answered, with the store's replicas and read path", "#/lessons/10", (page) => answerFirstStep(page)],
];

/** Predicts (the first option), presses the step's button, skips to the moment and waits for the answer. */
async function answerFirstStep(page) {
  await page.locator("[data-testid=prediction] input[type=radio]").first().check();
  await page.locator("[data-testid=step-go]").click();
  const skip = page.getByRole("button", { name: "Skip to the moment" });
  if (await skip.count()) await skip.click().catch(() => {});
  await page.locator("[data-testid=answer]").waitFor();
}

/** The e2e test: every view, light and dark, without a serious or critical violation. */
export async function noSeriousViolations(page, base) {
  const found = [];
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, hash, ready] of VIEWS) {
      await page.goto("about:blank");
      await page.goto(base + hash);
      await ready(page);
      // Every part of the page drawn: a tab draws its parts a task at a time.
      await page.waitForFunction(() => !document.querySelector("[data-drawing]"));
      found.push(...(await seriousViolations(page, `${name} (${scheme})`)));
    }
  }
  if (found.length) throw new Error(`axe-core found ${found.length} serious or critical violations:\n${found.join("\n")}`);
}
