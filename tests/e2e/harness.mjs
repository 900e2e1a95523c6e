// The end-to-end harness: serves a built dist/ from a sub-path on 127.0.0.1, opens it in headless
// Chromium with playwright-core, and fails a test on any failed request, any request to another
// origin, any console error or any uncaught page error.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

/** The sub-path dist/ is served under, as a course site would host it. */
export const SUB_PATH = "/course/faultlab/";

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

/**
 * The strictest policy Faultlab promises to work under (README, "Hosting"): no inline script or
 * style, no blob: worker, nothing from another origin.
 */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; img-src 'self' data: blob:";

/**
 * Serves `distDir` under SUB_PATH, with `headers` on every answer; resolves to
 * { server, origin, base }.
 */
export async function serveDist(distDir, headers = {}) {
  const root = resolve(distDir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end("not under " + SUB_PATH);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || "index.html";
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      const path = info.isDirectory() ? join(file, "index.html") : file;
      const body = await readFile(path);
      res.writeHead(200, { ...headers, "content-type": MIME[extname(path)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, base: origin + SUB_PATH };
}

/** Launches the Chromium the test script found ($CHROME), with the flags this machine needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROME || "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens a fresh page (own storage) that records every problem: a failed request, an HTTP error, a
 * request to another origin, a console error, an uncaught exception.
 */
export async function openWatchedPage(browser, origin, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  page.on("request", (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) {
      problems.push(`request to another origin: ${url}`);
    }
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  // A course may add course.json beside index.html; without one, asking for it gets a 404.
  const noCourse = (url, status) => status === 404 && url.endsWith("/course.json");
  page.on("response", (r) => {
    if (r.status() >= 400 && !noCourse(r.url(), r.status())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on("console", (m) => {
    const missingCourse = m.text().includes("404") && m.location().url?.endsWith("/course.json");
    if (m.type() === "error" && !missingCourse) problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`uncaught error: ${e.message}`));
  return { context, page, problems };
}

/**
 * Runs each named test on its own watched page and prints a summary in the style of `cargo test`.
 * With `concurrency` above 1, that many tests run at once (each in its own browser context).
 */
export async function runTests(distDir, tests, { concurrency = 1 } = {}) {
  const { server, origin, base } = await serveDist(distDir);
  const browser = await launchBrowser();
  const started = Date.now();
  let passed = 0;
  const failures = [];
  console.log(`\nrunning ${tests.length} tests against ${base}`);
  const queue = [...tests];
  async function worker() {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, body] = next;
      const { context, page, problems } = await openWatchedPage(browser, origin);
      try {
        await body(page, base);
        if (problems.length) throw new Error(problems.join("\n"));
        console.log(`test e2e::${name} ... ok`);
        passed++;
      } catch (e) {
        console.log(`test e2e::${name} ... FAILED`);
        failures.push([name, e]);
      } finally {
        await context.close();
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  await browser.close();
  server.close();
  for (const [name, e] of failures) {
    console.log(`\n---- e2e::${name} ----\n${e.stack || e}`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(2);
  const verdict = failures.length ? "FAILED" : "ok";
  console.log(`\ntest result: ${verdict}. ${passed} passed; ${failures.length} failed; finished in ${secs}s\n`);
  return failures.length === 0;
}

/** Waits until an element matching `selector` contains `text`; fails naming what never appeared. */
export async function waitForText(page, selector, text, timeout = 15000) {
  try {
    await page.locator(selector, { hasText: text }).first().waitFor({ timeout });
  } catch {
    const body = (await page.locator("body").innerText()).slice(0, 2000);
    throw new Error(`never saw ${selector} containing "${text}"; the page said:\n${body}`);
  }
}

/**
 * Makes, in the page, the costliest share link the playground accepts: 1,000 nodes on the etcd
 * preset (a heartbeat every 100 ms), 8 minutes in. Resolves to the page's address for it.
 */
export async function heaviestLink(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("#hb-nodes");
  await page.fill("#hb-nodes", "1000");
  await page.locator("#hb-nodes").press("Enter");
  await page.waitForSelector(".notice");
  await page.selectOption("#hb-preset", "etcd");
  await page.waitForFunction(() => document.querySelector(".notice")?.textContent.includes("etcd"));
  for (let i = 0; i < 48; i++) await page.getByRole("button", { name: "+10 s", exact: true }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="virtual-time"]').textContent.includes("480.000 s"), null, { timeout: 600000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="catch-up"]'), null, { timeout: 600000 });
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  const address = await page.locator("input.share-link").inputValue();
  await context.close();
  return address;
}
