// End-to-end tests of the release build: `node tests/e2e/e2e.mjs dist`.
// Each test opens the page as a learner would, from a sub-path, and reads what the page says.

import { runTests, waitForText } from "./harness.mjs";

const distDir = process.argv[2] || "dist";

const tests = [
  [
    "the_page_loads_from_a_sub_path_and_both_tabs_work",
    async (page, base) => {
      await page.goto(base);
      await waitForText(page, "h1", "Faultlab");
      await waitForText(page, "h2", "Heartbeats");
      await waitForText(page, "footer", "runs locally in your browser");
      await page.getByRole("link", { name: "Checksums" }).click();
      await waitForText(page, "h2", "Checksums");
      if (!page.url().endsWith("#/checksums")) throw new Error(`expected #/checksums, at ${page.url()}`);
      await page.getByRole("link", { name: "Heartbeats" }).click();
      await waitForText(page, "h2", "Heartbeats");
    },
  ],
  [
    "a_deep_link_opens_its_tab",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      await waitForText(page, "h2", "Checksums");
    },
  ],
  [
    "an_unknown_route_shows_a_notice_not_a_blank_page",
    async (page, base) => {
      await page.goto(base + "#/nowhere");
      await waitForText(page, ".notice", "nowhere");
      await waitForText(page, "h2", "Heartbeats");
    },
  ],
];

const ok = await runTests(distDir, tests);
process.exit(ok ? 0 : 1);
