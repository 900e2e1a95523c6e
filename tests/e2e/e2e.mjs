// End-to-end tests of the release build: `node tests/e2e/e2e.mjs dist`.
// Each test opens the page as a learner would, from a sub-path, and reads what the page says.

import { readFile } from "node:fs/promises";
import { runTests, waitForText } from "./harness.mjs";
import { noSeriousViolations } from "./a11y.mjs";
import { firstScreenAt1280x800, phoneTimelineShowsNow, reducedMotionMovesNothing } from "./playground.mjs";

const distDir = process.argv[2] || "dist";

const tests = [
  ["no_serious_accessibility_violation_on_any_view_light_or_dark", noSeriousViolations],
  ["at_1280x800_the_run_bar_cluster_break_things_and_monitor_table_are_on_the_first_screen", firstScreenAt1280x800],
  ["on_a_390x844_phone_the_timeline_shows_now", phoneTimelineShowsNow],
  ["with_reduced_motion_nothing_in_the_cluster_moves", reducedMotionMovesNothing],
  [
    "the_page_loads_from_a_sub_path_and_both_tabs_work",
    async (page, base) => {
      await page.goto(base);
      // While it loads, the help for a page that never starts stays hidden.
      if (await page.locator(".loading-stuck").isVisible()) throw new Error("the never-started help shows at once");
      await waitForText(page, "h1", "Faultlab");
      await waitForText(page, "h2", "Heartbeats");
      await waitForText(page, "footer", "runs locally in your browser");
      if (await page.locator("#loading").count()) throw new Error("the “Loading Faultlab…” line is still there");
      await page.getByRole("link", { name: "Checksums" }).click();
      await waitForText(page, "h2", "Checksums");
      if (!page.url().endsWith("#/checksums")) throw new Error(`expected #/checksums, at ${page.url()}`);
      await page.getByRole("link", { name: "Heartbeats" }).click();
      await waitForText(page, "h2", "Heartbeats");
    },
  ],
  [
    "at_an_address_without_its_final_slash_the_page_says_what_stops_faultlab",
    async (page, base) => {
      // A page of its own: its failed requests are the point, not a problem. Some servers answer
      // …/faultlab (no slash) with the page itself; then every file resolves one folder too high,
      // not even the start script or the style sheet loads, and only the page's own words remain.
      const context = await page.context().browser().newContext();
      try {
        const broken = await context.newPage();
        const html = await readFile(`${distDir}/index.html`, "utf8");
        const noSlash = base.slice(0, -1);
        await broken.route(noSlash, (r) => r.fulfill({ status: 200, contentType: "text/html", body: html }));
        await broken.goto(noSlash);
        await waitForText(broken, "#loading", "Loading Faultlab");
        await broken.locator(".loading-stuck").waitFor({ state: "visible", timeout: 30000 });
        const said = await broken.textContent(".loading-stuck");
        for (const cause of [".wasm", "final slash", "allow-same-origin"]) {
          if (!said.includes(cause)) throw new Error(`the help does not mention ${cause}: ${said}`);
        }
      } finally {
        await context.close();
      }
    },
  ],
  [
    "in_another_sites_frame_copy_link_says_what_the_frame_needs_and_copies_the_full_page",
    async (page, base) => {
      // about:blank is another origin than the page's server.
      await page.setContent(`<iframe title="course" src="${base}#/heartbeats?embed=1" width="800" height="600"></iframe>`);
      const frame = page.frameLocator("iframe");
      await frame.getByRole("button", { name: "Copy link", exact: true }).click();
      await frame.locator(".scenario-bar", { hasText: "clipboard-write" }).first().waitFor({ timeout: 15000 });
      const copied = await frame.locator("input.share-link").inputValue();
      if (!copied.includes("#/heartbeats?s=") || copied.includes("embed")) throw new Error(`the copied link: ${copied}`);
      // The link for another frame is offered beside it.
      const framed = await frame.locator("input.embed-link").inputValue();
      if (!framed.includes("#/heartbeats?s=") || !framed.includes("embed=1")) throw new Error(`the embed link: ${framed}`);
      await frame.getByRole("button", { name: "Export", exact: true }).click();
      await frame.locator(".scenario-bar", { hasText: "allow-downloads" }).first().waitFor({ timeout: 15000 });
    },
  ],
  [
    // One bad link, one way, the same in three topologies: node 4's messages to the observer are
    // lost. A central monitor and all-to-all heartbeats declare the running node 4 dead; SWIM's
    // indirect probes keep it alive.
    "on_one_broken_link_a_monitor_and_all_to_all_declare_a_running_node_dead_and_swim_does_not",
    async (page, base) => {
      await page.goto(base + "#/heartbeats");
      const belief = () => page.locator('.monitor-table tr[data-node="4"] td.belief').first().textContent();
      const clock = () => page.textContent('[data-testid="virtual-time"]');
      const advance = async (label) => {
        const before = await clock();
        await page.getByRole("button", { name: label, exact: true }).click();
        await page.waitForFunction((b) => document.querySelector('[data-testid="virtual-time"]').textContent !== b, before);
      };
      for (const [topology, to, heading, expected] of [
        ["push", null, "What the monitor believes", "dead"],
        ["all", "1", "What node 1 believes", "dead"],
        ["swim-lan", "1", "What node 1 believes", "alive"],
      ]) {
        if (topology !== "push") {
          await page.selectOption("#hb-topology", topology);
          await waitForText(page, ".notice", "New run");
        }
        await waitForText(page, "#monitor-heading", heading);
        await advance("+1 s");
        await page.locator('.monitor-table tr[data-node="4"] button').first().click();
        if (to) await page.selectOption('select[aria-label="Where the broken link leads"]', to);
        const button = page.locator('button[aria-label$="from node 4"]');
        const label = await button.getAttribute("aria-label");
        if (label !== `Break link to ${to ? `node ${to}` : "the monitor"}, from node 4`) throw new Error(`${topology}: ${label}`);
        await button.click();
        await waitForText(page, "ol.log", "are now blocked");
        await advance("+10 s");
        await advance("+10 s");
        const now = (await belief()).trim();
        if (now !== expected) throw new Error(`${topology}: node 4 is ${now}, not ${expected}`);
      }
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
  [
    "every_lesson_opens_from_the_static_site_and_waits_for_the_learner",
    async (page, base) => {
      for (let n = 1; n <= 14; n++) {
        await page.goto(`${base}#/lessons/${n}`);
        await waitForText(page, "h2", `Lesson ${n} of 14`);
        await waitForText(page, "#step-heading", "Step 1 of");
        await page.locator("[data-testid=step-go]").waitFor();
        if (n <= 8 || n >= 13) {
          // Twenty frames later the stage still stands at 0: nothing plays by itself.
          await page.evaluate(() => new Promise((done) => {
            let left = 20;
            const tick = () => (--left ? requestAnimationFrame(tick) : done());
            requestAnimationFrame(tick);
          }));
          await waitForText(page, "[data-testid=stage-clock]", "Virtual time 0.000 s · stopped");
        }
      }
      await page.goto(base + "#/lessons");
      await waitForText(page, "ol.lesson-list", "MD5, SHA-1, SHA-256");
    },
  ],
  [
    "an_embedded_lesson_shows_only_the_lesson",
    async (page, base) => {
      await page.goto(base + "#/lessons/6?embed=1");
      await waitForText(page, "h2", "Lesson 6 of 14");
      if (await page.locator("header, footer, nav.tabs").count()) throw new Error("the page chrome is showing");
    },
  ],
  [
    "the_checksums_tab_hashes_typed_text",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      await page.fill("textarea", "hello");
      await waitForText(page, '[data-testid="digest-MD5"]', "5d41402abc4b2a76b9719d911017c592");
    },
  ],
  [
    "a_copied_link_reopens_the_same_run",
    async (page, base) => {
      await page.goto(base + "#/heartbeats");
      await page.getByRole("button", { name: "Node 2", exact: true }).click();
      await page.getByRole("button", { name: "Crash", exact: true }).click();
      for (let i = 0; i < 8; i++) await page.getByRole("button", { name: "+1 s", exact: true }).click();
      await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
      await page.getByRole("button", { name: "Copy link", exact: true }).click();
      const shareLink = page.locator("input.share-link");
      await shareLink.waitFor();
      const address = await shareLink.inputValue();
      const fragment = address.slice(address.indexOf("#"));
      if (!fragment.startsWith("#/heartbeats?s=")) throw new Error(`the link does not carry the run: ${address}`);
      // The page keeps the session (address and storage) just after drawing it; wait for that.
      await page.waitForFunction((f) => location.hash === f, fragment, { timeout: 15000 });
      const clock = await page.textContent(".clock");
      await page.goto("about:blank");
      // In the same browser the address is the learner's own saved session...
      await page.goto(address);
      await waitForText(page, ".notice", "Welcome back");
      await waitForText(page, ".clock", clock.split(" · ")[0]);
      await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
      // The run comes back with its history: the log still tells what happened before.
      await waitForText(page, "ol.log", "node 2 crashed");
      await waitForText(page, "ol.log", "now believes node 2 is dead");
      // ...and in another browser (nothing saved) it is a shared run, the same one.
      const elsewhere = await page.context().browser().newContext();
      const other = await elsewhere.newPage();
      await other.goto(address);
      await waitForText(other, ".notice", "Opened a shared scenario");
      await waitForText(other, ".clock", clock.split(" · ")[0]);
      await waitForText(other, 'tr[data-node="2"] td.belief', "dead");
      await waitForText(other, "ol.log", "node 2 crashed");
      await elsewhere.close();
    },
  ],
  [
    "when_the_module_traps_the_error_panel_replaces_a_frozen_page",
    async (page, base) => {
      // The release build stops at a panic without a message (tests/scripts/build.sh): the module
      // traps, and the browser reports a WebAssembly.RuntimeError as an uncaught error, from an
      // event handler or timer, or from a promise. Both are thrown here as a trap would be, in a
      // page of its own: the uncaught errors are the point, not a problem.
      // A stack overflow inside WebAssembly is a RangeError whose stack names wasm functions: a
      // real one comes from a one-function module that calls itself. A RangeError from the page's
      // own scripts is not the module's, and shows no panel.
      const context = await page.context().browser().newContext();
      const open = async () => {
        const opened = await context.newPage();
        await opened.goto(base + "#/heartbeats");
        await waitForText(opened, "h2", "Heartbeats");
        if (await opened.locator("#panic-panel").count()) throw new Error("a panel before any trap");
        return opened;
      };
      try {
        const scriptError = await open();
        await scriptError.evaluate(() => {
          window.addEventListener("error", () => { window.seenError = true; });
          setTimeout(() => { new Array(-1); }, 0);
        });
        // Listeners run in the order they were added: by the time this one has seen the error,
        // the module's listener has already decided.
        await scriptError.waitForFunction(() => window.seenError === true);
        if (await scriptError.locator("#panic-panel").count()) {
          throw new Error("an error in a page script showed the module's error panel");
        }
        await scriptError.close();
        const cases = [
          ["a timer", "RuntimeError: unreachable"],
          ["a promise", "RuntimeError: unreachable"],
          ["a stack overflow", "RangeError: Maximum call stack size exceeded"],
        ];
        for (const [how, named] of cases) {
          const trapped = await open();
          await trapped.evaluate((how) => {
            const trap = new WebAssembly.RuntimeError("unreachable");
            if (how === "a timer") setTimeout(() => { throw trap; }, 0);
            else if (how === "a promise") Promise.reject(trap);
            else {
              // (module (func (export "f") (call 0)))
              const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0,
                7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 16, 0, 11]);
              const { f } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
              setTimeout(f, 0);
            }
          }, how);
          await waitForText(trapped, "#panic-panel[role=alert]", "Faultlab stopped because of an internal error");
          const text = await trapped.locator("#panic-panel").textContent();
          if (!text.includes("reloading the page starts again") || !text.includes(`The WebAssembly module stopped (${named}).`)) {
            throw new Error(`after ${how} the panel says: ${text}`);
          }
          if (!(await trapped.getByRole("button", { name: "Reload the page" }).isVisible())) {
            throw new Error(`after ${how} the panel has no reload button`);
          }
          await trapped.close();
        }
      } finally {
        await context.close();
      }
    },
  ],
  [
    // A session too large for a link is in neither the address nor storage: it is kept in the
    // page while another tab shows, and a paste still being taken in when the learner leaves
    // arrives all the same.
    "a_session_too_large_for_a_link_survives_a_look_at_another_tab_even_mid_paste",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      await page.waitForSelector("textarea");
      const pasteAndMaybeLeave = (n, leave) => page.evaluate(async ([n, leave]) => {
        const box = document.querySelector("textarea");
        box.focus();
        box.setSelectionRange(0, box.value.length);
        const data = new DataTransfer();
        data.setData("text/plain", "y".repeat(n));
        box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
        // The redraw comes in a microtask; the paste is taken in over later tasks.
        for (let i = 0; i < 5; i++) await Promise.resolve();
        const busy = document.querySelector(".busy")?.textContent ?? "";
        // Still in the same task: the paste has only begun to be taken in.
        if (leave) document.querySelector('nav a[href="#/heartbeats"]').click();
        return busy;
      }, [n, leave]);
      const away = async () => {
        await page.getByRole("link", { name: "Heartbeats" }).click();
        await page.waitForSelector('[data-testid="virtual-time"]');
      };
      const back = () => page.getByRole("link", { name: "Checksums" }).click();
      await pasteAndMaybeLeave(100000, false);
      await waitForText(page, '[data-testid="data-size"]', "100,000 bytes");
      await away();
      await back();
      await waitForText(page, '[data-testid="data-size"]', "100,000 bytes");
      const busy = await pasteAndMaybeLeave(8 * 1024 * 1024, true);
      if (!busy.includes("Taking in the pasted text")) throw new Error(`not mid-paste when leaving: “${busy}”`);
      await page.waitForSelector('[data-testid="virtual-time"]');
      await back();
      await waitForText(page, '[data-testid="data-size"]', "8,388,608 bytes");
    },
  ],
  [
    // A large text is exported in pieces (the page answers between them); joined, they are the
    // file: its JSON holds the text exactly, escapes and characters of several bytes included.
    "a_large_export_is_written_in_pieces_and_holds_the_text_exactly",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      const text = 'a "quote", a \\ and a tab\t, é € 😀\n'.repeat(30000);
      const scenario = { faultlab_scenario: 2, scenario: { Checksums: { start: { Text: text }, steps: [], show_truth: true, expected: "" } } };
      await page.setInputFiles('input[type=file][aria-label="Import a scenario file"]', {
        name: "large.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(scenario)),
      });
      const size = Buffer.byteLength(text).toLocaleString("en-US") + " bytes";
      await waitForText(page, '[data-testid="data-size"]', size);
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export", exact: true }).click(),
      ]);
      await waitForText(page, ".scenario-bar", "Saved faultlab-checksums.json.");
      const file = JSON.parse(await readFile(await download.path(), "utf8"));
      const texts = [];
      const walk = (v) => {
        if (v && typeof v === "object") for (const [k, w] of Object.entries(v)) (k === "Text" ? texts.push(w) : walk(w));
      };
      walk(file);
      if (!texts.includes(text)) throw new Error(`the file's texts are ${texts.map((t) => t.length).join(", ")} characters long, not ${text.length}`);
    },
  ],
  [
    "an_exported_scenario_imports_again_and_a_file_from_a_newer_faultlab_is_refused",
    async (page, base) => {
      await page.goto(base + "#/checksums");
      await page.fill("textarea", "exported text");
      await waitForText(page, '[data-testid="data-size"]', "13 bytes");
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Export", exact: true }).click(),
      ]);
      const exported = await readFile(await download.path(), "utf8");
      await page.fill("textarea", "something else");
      await waitForText(page, '[data-testid="data-size"]', "14 bytes");
      const importer = 'input[type=file][aria-label="Import a scenario file"]';
      const file = (name, text) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });
      await page.setInputFiles(importer, file("faultlab-checksums.json", exported));
      await waitForText(page, ".notice", "Imported the scenario file");
      await page.waitForFunction(() => document.querySelector("textarea")?.value === "exported text");
      const newer = JSON.parse(exported);
      newer.faultlab_scenario = 99;
      await page.setInputFiles(importer, file("newer.json", JSON.stringify(newer)));
      await waitForText(page, ".scenario-bar [role=alert]", "Could not import “newer.json”: it was made by a newer Faultlab");
      await waitForText(page, ".scenario-bar [role=alert]", "Nothing changed.");
      const kept = await page.evaluate(() => document.querySelector("textarea").value);
      if (kept !== "exported text") throw new Error(`a refused import changed the data to ${kept}`);
    },
  ],
];

const ok = await runTests(distDir, tests);
process.exit(ok ? 0 : 1);
