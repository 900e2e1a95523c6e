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

/** Serves a copy of dist/ with `course` (text) as its course.json; runs `body` on a watched page. */
async function withCourse(browser, course, body) {
  const dir = await mkdtemp(join(tmpdir(), "faultlab-course-"));
  try {
    await cp(distDir, dir, { recursive: true });
    if (course !== null) await writeFile(join(dir, "course.json"), course);
    await withServer(browser, {}, body, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const EXAMPLE_COURSE = await readFile(new URL("../../examples/course.json", import.meta.url), "utf8");

const tests = [
  [
    "a_course_json_adds_its_lessons_and_each_plays_as_a_lesson",
    async (page) => {
      await withCourse(page.context().browser(), EXAMPLE_COURSE, async ({ page, base }) => {
        await page.goto(base + "#/lessons");
        await waitForText(page, "[data-testid=course-lessons] h3", "Distributed Systems 101: noticing failure");
        await waitForText(page, "ol.lesson-list", "MD5, SHA-1, SHA-256");
        if (await page.locator("[data-testid=course-problems]").count()) throw new Error("a valid course shows problems");
        await page.getByRole("link", { name: "A slow link looks like a dead node" }).click();
        await waitForText(page, "h2", "Distributed Systems 101: noticing failure · Lesson 2 of 3: A slow link looks like a dead node");
        await waitForText(page, "[data-testid=stage-clock]", "Virtual time 0.000 s · stopped");
        await page.getByRole("radio", { name: "dead" }).check();
        await page.locator("[data-testid=step-go]").click();
        await waitForText(page, "[data-testid=stage-clock]", "Virtual time 9.000 s", 20000);
        await waitForText(page, ".lesson", "You said “dead”: right.");
        await waitForText(page, 'tr[data-node="2"]', "dead");
        // Course lessons keep progress like the built-in ones.
        await page.goto(base + "#/lessons");
        await waitForText(page, "[data-testid=course-lessons]", "predictions right");
      });
    },
  ],
  [
    "a_partly_invalid_course_shows_its_valid_lessons_and_names_each_problem",
    async (page) => {
      const course = JSON.parse(EXAMPLE_COURSE);
      course.replace_builtin = true;
      course.lessons[1].answer = "gone";
      delete course.lessons[2].scenario;
      await withCourse(page.context().browser(), JSON.stringify(course), async ({ page, base }) => {
        await page.goto(base + "#/lessons");
        await waitForText(page, "[data-testid=course-lessons]", "The monitor notices a crash");
        await page.locator("[data-testid=course-problems] summary").click();
        await waitForText(page, "[data-testid=course-problems]", "For the course's instructor: 2 problems in course.json");
        await waitForText(page, "[data-testid=course-problems]", "course.json, lesson 2 (“A slow link looks like a dead node”), field “answer”: “gone” is not one of the choices");
        await waitForText(page, "[data-testid=course-problems]", "course.json, lesson 3 (“One flipped bit”), field “scenario”: is missing. This lesson is left out");
        // The course replaces the built-in lessons, as its file says.
        if (await page.locator("ol.lesson-list", { hasText: "MD5, SHA-1, SHA-256" }).count()) throw new Error("the built-in lessons show");
      });
    },
  ],
  [
    "a_course_file_that_is_not_json_leaves_the_builtin_lessons_and_says_why",
    async (page) => {
      await withCourse(page.context().browser(), "<html>oops</html>", async ({ page, base }) => {
        await page.goto(base + "#/lessons");
        await waitForText(page, "ol.lesson-list", "MD5, SHA-1, SHA-256");
        await waitForText(page, "[data-testid=course-problems] summary", "1 problem in course.json");
        await page.locator("[data-testid=course-problems] summary").click();
        await waitForText(page, "[data-testid=course-problems]", "course.json: it is not JSON");
      });
    },
  ],
  [
    "a_lesson_made_in_the_editor_opens_from_its_link_in_a_fresh_browser",
    async (page, base) => {
      await page.goto(base + "#/heartbeats");
      await page.getByRole("button", { name: "Node 2", exact: true }).click();
      await page.getByRole("button", { name: "Crash", exact: true }).click();
      for (let i = 0; i < 9; i++) await page.getByRole("button", { name: "+1 s", exact: true }).click();
      await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
      await page.getByText("Make a lesson from this run").click();
      const editor = page.locator("[data-testid=lesson-editor]");
      await editor.getByLabel("Title").fill("Node 2 goes quiet");
      await editor.getByLabel("Text (a blank line starts a new paragraph)").fill("Node 2 crashes.\n\nWatch the monitor.");
      await editor.getByLabel("Question (optional)").fill("What does the monitor believe of node 2 at the end?");
      await editor.getByLabel("Choices, one per line").fill("alive\ndead");
      await editor.getByLabel("The right choice").selectOption("alive");
      await editor.getByLabel("Hand-over moment, in seconds (0 to 160; empty: now)").fill("500");
      await editor.getByRole("button", { name: "Make the lesson" }).click();
      await waitForText(page, "[data-testid=lesson-editor] [role=alert]", "field “pause_at_s”: must be between 0 and 160 seconds");
      await editor.getByLabel("Hand-over moment, in seconds (0 to 160; empty: now)").fill("");
      await editor.getByLabel("The right choice").selectOption("dead");
      await editor.getByRole("button", { name: "Make the lesson" }).click();
      const address = await editor.locator("input.lesson-link").inputValue();
      if (!address.includes("#/lessons/shared?l=")) throw new Error(`the lesson link: ${address}`);
      const json = JSON.parse(await editor.locator("textarea.lesson-json").inputValue());
      if (json.title !== "Node 2 goes quiet" || json.answer !== "dead" || json.pause_at_s !== 9) throw new Error(JSON.stringify(json));
      const elsewhere = await page.context().browser().newContext();
      try {
        const student = await elsewhere.newPage();
        await student.goto(address);
        await waitForText(student, "h2", "A lesson shared with you: Node 2 goes quiet");
        await waitForText(student, "[data-testid=stage-clock]", "Virtual time 0.000 s · stopped");
        await waitForText(student, ".lesson", "Watch the monitor.");
        await student.getByRole("radio", { name: "dead" }).check();
        await student.getByRole("button", { name: "Play to 9 s" }).click();
        await waitForText(student, "[data-testid=stage-clock]", "Virtual time 9.000 s", 20000);
        await waitForText(student, 'tr[data-node="2"] td.belief', "dead");
        await waitForText(student, ".lesson", "You said “dead”: right.");
        // A damaged link says so and offers every lesson.
        await student.goto(address.slice(0, -4));
        await waitForText(student, "[role=alert]", "This lesson link cannot be opened");
      } finally {
        await elsewhere.close();
      }
    },
  ],
  [
    "a_checksums_lesson_made_in_the_editor_shows_the_data_and_reveals_the_answer",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      await page.fill("textarea", "Pay Alice 100 euros");
      await waitForText(page, '[data-testid="data-size"]', "19 bytes");
      await page.getByText("Make a lesson from this run").click();
      const editor = page.locator("[data-testid=lesson-editor]");
      if (await editor.getByText("Hand-over moment").count()) throw new Error("a Checksums lesson has no moment to play to");
      await editor.getByLabel("Title").fill("A payment order");
      await editor.getByLabel("Text (a blank line starts a new paragraph)").fill("This is the data.");
      await editor.getByLabel("Question (optional)").fill("How many bytes is it?");
      await editor.getByLabel("Choices, one per line").fill("19\n20");
      await editor.getByLabel("The right choice").selectOption("19");
      await editor.getByRole("button", { name: "Make the lesson" }).click();
      const address = await editor.locator("input.lesson-link").inputValue();
      await page.goto(address);
      await waitForText(page, "h2", "A lesson shared with you: A payment order");
      await waitForText(page, ".lesson", "Pay Alice 100 euros");
      await page.getByRole("radio", { name: "19" }).check();
      await page.getByRole("button", { name: "Show the answer" }).click();
      await waitForText(page, ".lesson", "You said “19”: right.");
    },
  ],
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
        // Export makes its file from a blob: URL, which the policy allows for downloads.
        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: "Export", exact: true }).click(),
        ]);
        if (!(await readFile(await download.path(), "utf8")).includes("faultlab_scenario")) throw new Error("the export is empty");
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
        await page.locator(".throughput progress").waitFor({ state: "detached" });
        await page.waitForFunction(() => !document.querySelector(".throughput button.primary").disabled);
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
        // A release build's index.html is minified: its attribute values may have no quotes.
        const wasm = html.match(/data-wasm="?([^"\s>]+)/)[1];
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
        // The diagnosis, not the page's own help (which names every cause): its advice names the flag.
        await frame.locator("#loading", { hasText: "Faultlab could not start" }).waitFor({ timeout: 15000 });
        await frame.locator("#loading .advice", { hasText: "add allow-same-origin to the frame's sandbox" }).waitFor();
      } finally {
        await context.close();
      }
    },
  ],
  [
    "after_a_first_visit_a_reload_without_the_network_opens_faultlab_and_its_course",
    async (page) => {
      const browser = page.context().browser();
      const dir = await mkdtemp(join(tmpdir(), "faultlab-offline-"));
      try {
        await cp(distDir, dir, { recursive: true });
        await writeFile(join(dir, "course.json"), EXAMPLE_COURSE);
        const { server, origin, base } = await serveDist(dir);
        const { context, page: learner, problems } = await openWatchedPage(browser, origin);
        try {
          // The first visit opens Checksums: the course file is kept by the worker's install.
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
          await learner.getByRole("link", { name: "Heartbeats" }).click();
          await waitForText(learner, "h2", "Heartbeats");
          await learner.getByRole("link", { name: "Lessons" }).click();
          await waitForText(learner, "[data-testid=course-lessons]", "The monitor notices a crash");
          // Failed requests are this test's point; only errors from the page itself count.
          const own = problems.filter((p) => !p.startsWith("request failed") && !p.includes("ERR_CONNECTION_REFUSED") && !p.includes("Failed to load resource"));
          if (own.length) throw new Error(own.join("\n"));
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
    "a_newly_published_build_replaces_the_offline_copy_whole_and_a_half_upload_never_does",
    async (page) => {
      const browser = page.context().browser();
      const dir = await mkdtemp(join(tmpdir(), "faultlab-publish-"));
      try {
        await cp(distDir, dir, { recursive: true });
        await withServer(browser, {}, async ({ page: learner, base }) => {
          await learner.goto(base);
          await waitForText(learner, "h1", "Faultlab");
          await learner.evaluate(() => navigator.serviceWorker.ready);
          const prefix = `faultlab ${base} `;
          // Polls (in the page) until this copy's build caches are exactly `want`; keys() opens nothing.
          const cachesBecome = (want) =>
            learner.evaluate(
              async ([prefix, want]) => {
                const until = Date.now() + 15000;
                const mine = async () => (await caches.keys()).filter((k) => k.startsWith(prefix) && !k.endsWith(" course")).map((k) => k.slice(prefix.length));
                while ((await mine()).join() !== want) {
                  if (Date.now() > until) throw new Error(`caches ${await mine()}, not ${want}`);
                  await new Promise((r) => setTimeout(r, 50));
                }
              },
              [prefix, want],
            );
          const sw = await readFile(join(dir, "sw.js"), "utf8");
          const first = sw.match(/const BUILD = "([^"]+)"/)[1];
          await cachesBecome(first);
          // Half an upload: a new sw.js whose module the page on the server does not name yet.
          await writeFile(join(dir, "sw.js"), sw.replace(/const BUILD = "[^"]+"/, 'const BUILD = "half"').replace(/faultlab-[0-9a-f]+_bg\.wasm/, "faultlab-0000000000000000_bg.wasm"));
          await learner.evaluate(async () => {
            const reg = await navigator.serviceWorker.getRegistration();
            await reg.update().catch(() => {});
            const until = Date.now() + 15000;
            while (reg.installing && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
          });
          await cachesBecome(first);
          // The whole new build: another sw.js (another build id) and another page.
          await writeFile(join(dir, "sw.js"), sw.replace(/const BUILD = "[^"]+"/, 'const BUILD = "next"'));
          const html = await readFile(join(dir, "index.html"), "utf8");
          await writeFile(join(dir, "index.html"), html.replace("<title>Faultlab</title>", "<title>Faultlab next</title>"));
          await learner.reload();
          await cachesBecome("next");
          const cached = await learner.evaluate(async (name) => {
            const page = await (await caches.open(name)).match("./");
            return page ? await page.text() : "";
          }, prefix + "next");
          if (!cached.includes("Faultlab next")) throw new Error(`the new cache holds an old page: ${cached.slice(0, 300)}`);
        }, dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  ],
];

const ok = await runTests(distDir, tests);
process.exit(ok ? 0 : 1);
