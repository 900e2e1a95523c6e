// End-to-end tests of hosting, as an instructor would host dist/: behind a strict
// Content-Security-Policy, with a file missing, in a sandboxed frame, and offline after a first
// visit. `node tests/e2e/hosting.mjs dist`.

import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runTests, serveDist, STRICT_CSP, waitForText, openWatchedPage } from "./harness.mjs";

const distDir = process.argv[2] || "dist";

/** Records every Content-Security-Policy violation the page reports, from its first script on. */
async function recordViolations(context) {
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
}

async function noViolations(page) {
  const seen = await page.evaluate(() => window.__violations);
  if (seen.length) throw new Error("policy violations:\n" + seen.join("\n"));
}

/** Runs `body` on a watched page of a server with these headers; fails on any problem it saw. */
async function withServer(browser, headers, body, dir = distDir) {
  const { server, origin, base } = await serveDist(dir, headers);
  const { context, page, problems } = await openWatchedPage(browser, origin);
  try {
    await body({ context, page, base, server, problems });
    if (problems.length) throw new Error(problems.join("\n"));
  } finally {
    await context.close();
    server.close();
  }
}

const tests = [
  [
    "under_a_strict_content_security_policy_every_tab_works_without_a_violation",
    async (page) => {
      const browser = page.context().browser();
      await withServer(browser, { "content-security-policy": STRICT_CSP }, async ({ context, page, base }) => {
        await recordViolations(context);
        await page.goto(base + "#/heartbeats");
        await waitForText(page, "h2", "Heartbeats");
        await page.getByRole("button", { name: "Node 2", exact: true }).click();
        await page.getByRole("button", { name: "Crash", exact: true }).click();
        for (let i = 0; i < 8; i++) await page.getByRole("button", { name: "+1 s", exact: true }).click();
        await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
        await page.getByRole("button", { name: "Copy link", exact: true }).click();
        await page.locator("input.share-link").waitFor();
        await page.goto(base + "#/checksums");
        await page.fill("textarea", "hello");
        await waitForText(page, '[data-testid="digest-MD5"]', "5d41402abc4b2a76b9719d911017c592");
        // The speed measurement's WebCrypto worker is a file, so the policy lets it run: the
        // WebCrypto row gets a figure, and Cancel stops the rest.
        await page.getByRole("button", { name: "Measure in this browser" }).click();
        const webcrypto = page.locator("tr", { hasText: "SHA-256 (WebCrypto)" }).locator("td").first();
        await page.waitForFunction(
          (el) => /^\d+$/.test(el.textContent.trim()),
          await webcrypto.elementHandle(),
          { timeout: 60000 },
        );
        await page.getByRole("button", { name: "Cancel the measurement" }).click();
        await waitForText(page, "#throughput-result", "");
        await page.locator(".throughput progress").waitFor({ state: "detached" });
        await page.goto(base + "#/lessons/1");
        await waitForText(page, "#step-heading", "Step 1 of");
        await page.locator("[data-testid=step-go]").waitFor();
        await noViolations(page);
      });
    },
  ],
  [
    "a_missing_wasm_file_is_named_in_the_page_with_what_the_host_can_do",
    async (page) => {
      const browser = page.context().browser();
      const dir = await mkdtemp(join(tmpdir(), "faultlab-missing-"));
      try {
        await cp(distDir, dir, { recursive: true });
        const html = await readFile(join(dir, "index.html"), "utf8");
        const wasm = html.match(/data-wasm="([^"]+)"/)[1];
        await rm(join(dir, wasm));
        const { server, base } = await serveDist(dir);
        const context = await browser.newContext();
        try {
          const broken = await context.newPage();
          await broken.goto(base);
          await waitForText(broken, "#loading", "Faultlab could not start");
          await waitForText(broken, "#loading", `${wasm} (HTTP 404)`);
          await waitForText(broken, "#loading", "final slash");
          if ((await broken.getAttribute("#loading", "role")) !== "alert") throw new Error("the message is not announced");
        } finally {
          await context.close();
          server.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  ],
  [
    "in_a_frame_sandboxed_without_allow_same_origin_the_page_says_which_flag_is_missing",
    async (page, base) => {
      // A page of its own: the blocked requests are this test's point, not problems.
      const context = await page.context().browser().newContext();
      try {
        const course = await context.newPage();
        await course.setContent(`<iframe title="course" sandbox="allow-scripts" src="${base}" width="800" height="600"></iframe>`);
        const frame = course.frameLocator("iframe");
        await frame.locator("#loading", { hasText: "allow-same-origin" }).waitFor({ timeout: 15000 });
        await frame.locator("#loading", { hasText: "Faultlab could not start" }).waitFor();
      } finally {
        await context.close();
      }
    },
  ],
  [
    "after_a_first_visit_a_reload_without_the_network_opens_faultlab",
    async (page) => {
      const browser = page.context().browser();
      const { server, origin, base } = await serveDist(distDir);
      const { context, page: learner, problems } = await openWatchedPage(browser, origin);
      try {
        await learner.goto(base + "#/checksums");
        await waitForText(learner, "h2", "Checksums");
        await learner.evaluate(() => navigator.serviceWorker.ready);
        // The worker takes charge of the page it was installed from (clients.claim).
        await learner.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15000 });
        // The server is gone: nothing answers any more.
        server.close();
        server.closeAllConnections();
        await learner.reload();
        await waitForText(learner, "h2", "Checksums");
        await waitForText(learner, "h1", "Faultlab");
        await learner.getByRole("link", { name: "Heartbeats" }).click();
        await waitForText(learner, "h2", "Heartbeats");
        // Failed requests are this test's point; only errors from the page itself count.
        const own = problems.filter((p) => !p.startsWith("request failed") && !p.includes("ERR_CONNECTION_REFUSED"));
        if (own.length) throw new Error(own.join("\n"));
      } finally {
        await context.close();
        server.close();
      }
    },
  ],
  [
    "a_newly_published_build_replaces_the_offline_copy_whole",
    async (page) => {
      const browser = page.context().browser();
      const dir = await mkdtemp(join(tmpdir(), "faultlab-publish-"));
      try {
        await cp(distDir, dir, { recursive: true });
        await withServer(browser, {}, async ({ page: learner, base }) => {
          await learner.goto(base);
          await waitForText(learner, "h1", "Faultlab");
          await learner.evaluate(() => navigator.serviceWorker.ready);
          const first = await learner.evaluate(() => caches.keys());
          // A new build: another sw.js (another build id) and another page.
          const sw = await readFile(join(dir, "sw.js"), "utf8");
          await writeFile(join(dir, "sw.js"), sw.replace(/const BUILD = "[^"]+"/, 'const BUILD = "next"'));
          const html = await readFile(join(dir, "index.html"), "utf8");
          await writeFile(join(dir, "index.html"), html.replace("<title>Faultlab</title>", "<title>Faultlab next</title>"));
          await learner.reload();
          // Polls (in the page) until the new build's cache is the only one; keys() opens nothing.
          await learner.evaluate(async () => {
            const until = Date.now() + 15000;
            while ((await caches.keys()).join() !== "faultlab-next") {
              if (Date.now() > until) throw new Error("the new build's cache never replaced the old one: " + (await caches.keys()));
              await new Promise((r) => requestAnimationFrame(r));
            }
          });
          const cached = await learner.evaluate(async () => {
            const cache = await caches.open("faultlab-next");
            const page = await cache.match("./");
            return page ? await page.text() : (await cache.keys()).map((r) => r.url).join(" ");
          });
          if (!cached.includes("Faultlab next")) throw new Error(`the new cache holds an old page (before: ${first}): ${cached.slice(0, 400)}`);
        }, dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  ],
];

const ok = await runTests(distDir, tests);
process.exit(ok ? 0 : 1);
