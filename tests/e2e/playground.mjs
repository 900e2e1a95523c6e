// The Heartbeats playground as a learner sees it in a real browser window: what is on the first
// screen at 1280×800, the timeline on a 390×844 phone, and reduced motion. Each test sets its own
// window size and reads the page's boxes; waits poll, never sleep.

import { waitForText } from "./harness.mjs";

const button = (page, name) => page.getByRole("button", { name, exact: true }).first().click();

async function skip(page, seconds) {
  for (let i = 0; i < seconds; i++) {
    const before = await page.textContent('[data-testid="virtual-time"]');
    await button(page, "+1 s");
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid="virtual-time"]')?.textContent !== b,
      before,
    );
  }
}

/** The boxes of the parts named, and the window's size, as the page lays them out now. */
async function boxes(page, parts) {
  return page.evaluate((parts) => {
    const out = { width: innerWidth, height: innerHeight, scrollY, parts: {} };
    for (const [name, selector] of Object.entries(parts)) {
      const e = document.querySelector(selector);
      const r = e?.getBoundingClientRect();
      out.parts[name] = r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
    }
    return out;
  }, parts);
}

/** Fails unless every part is wholly inside the window, unscrolled. */
function assertOnFirstScreen(b, moment) {
  if (b.scrollY !== 0) throw new Error(`${moment}: the page is scrolled (${b.scrollY} px)`);
  for (const [name, r] of Object.entries(b.parts)) {
    if (!r) throw new Error(`${moment}: no ${name} on the page`);
    const inside = r.top >= 0 && r.left >= 0 && r.bottom <= b.height && r.right <= b.width;
    if (!inside) {
      throw new Error(
        `${moment}: ${name} is not on the first screen (${b.width}×${b.height}): ` +
          `top ${r.top.toFixed(0)}, bottom ${r.bottom.toFixed(0)}, left ${r.left.toFixed(0)}, right ${r.right.toFixed(0)}`,
      );
    }
  }
}

const FIRST_SCREEN = {
  "the run bar": ".run-bar",
  "the cluster": "svg.cluster",
  "Break things": "section.actions",
  "the monitor table": "section.monitor-table",
};

/** At 1280×800 the run bar, the cluster, Break things and the monitor table fit the first screen. */
export async function firstScreenAt1280x800(page, base) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("svg.cluster");
  await waitForText(page, ".monitor-table", "Node 5");
  assertOnFirstScreen(await boxes(page, FIRST_SCREEN), "on opening");
  // The moment that matters: a node crashed, selected, declared dead, its buttons off and why.
  await button(page, "Node 2");
  await button(page, "Crash");
  await skip(page, 7);
  await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
  await waitForText(page, ".off-reasons", "node 2 has crashed");
  assertOnFirstScreen(await boxes(page, FIRST_SCREEN), "with node 2 crashed and selected");
}

/** On a 390×844 phone the timeline, scrolled into view, shows "now" and the bands before it. */
export async function phoneTimelineShowsNow(page, base) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("svg.cluster");
  await button(page, "Node 2");
  await button(page, "Crash");
  await skip(page, 8);
  await waitForText(page, 'tr[data-node="2"] td.belief', "dead");
  await page.locator("section.timeline").scrollIntoViewIfNeeded();
  const seen = await page.evaluate(() => {
    const box = document.querySelector(".timeline-scroll");
    const r = (e) => e.getBoundingClientRect();
    return {
      width: innerWidth,
      box: r(box),
      scrollLeft: box.scrollLeft,
      now: r(document.querySelector(".timeline-svg line.now")),
      dead: r(document.querySelector(".timeline-svg rect.span-dead")),
    };
  });
  const within = (x, what) => {
    if (x < seen.box.left - 0.5 || x > seen.box.right + 0.5 || x > seen.width) {
      throw new Error(
        `${what} is at x = ${x.toFixed(0)}, outside the timeline's visible box ` +
          `(${seen.box.left.toFixed(0)}–${seen.box.right.toFixed(0)}, scrolled ${seen.scrollLeft} px)`,
      );
    }
  };
  within(seen.now.left, "“now”");
  within(seen.dead.left, "the start of node 2's dead band");
  within(seen.dead.right, "the end of node 2's dead band");
}

/**
 * Plays the run for `ms` of real time and returns the marks of the SVG cluster that moved
 * (relative to the drawing) while they stayed on the page, and how many message marks and
 * arrivals were seen.
 */
async function watchSvgMotion(page, ms) {
  await button(page, "Play");
  const result = await page.evaluate(
    (ms) =>
      new Promise((done) => {
        const svg = document.querySelector("svg.cluster");
        const first = new WeakMap();
        const moved = [];
        let travelling = 0;
        let arrivals = 0;
        const start = performance.now();
        const frame = () => {
          const origin = svg.getBoundingClientRect();
          // Shapes, not groups: a group's box grows as marks join it, which is not motion.
          for (const e of svg.querySelectorAll("circle, line, rect, text, path, polygon")) {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) continue;
            const at = [r.left - origin.left, r.top - origin.top, r.width, r.height];
            const was = first.get(e);
            if (!was) first.set(e, at);
            else if (Math.abs(was[0] - at[0]) > 0.5 || Math.abs(was[1] - at[1]) > 0.5) {
              if (moved.length < 5) moved.push(`${e.tagName}.${e.getAttribute("class")}`);
            }
          }
          travelling += svg.querySelectorAll("circle.msg:not(.msg-arrived circle)").length;
          arrivals += svg.querySelectorAll(".msg-arrived").length;
          if (performance.now() - start < ms) requestAnimationFrame(frame);
          else done({ moved, travelling, arrivals });
        };
        requestAnimationFrame(frame);
      }),
    ms,
  );
  await button(page, "Pause");
  return result;
}

/** Plays a 100-node run for `ms` and returns where the canvas drew circles, as distances from its middle. */
async function watchCanvasArcs(page, ms) {
  await page.evaluate(() => {
    window.__arcs = [];
  });
  await button(page, "Play");
  await page.waitForFunction((ms) => {
    window.__arcsStart ??= performance.now();
    return performance.now() - window.__arcsStart > ms;
  }, ms, { polling: 50 });
  await button(page, "Pause");
  return page.evaluate(() => {
    const arcs = window.__arcs;
    window.__arcs = null;
    window.__arcsStart = undefined;
    return arcs;
  });
}

/**
 * Reduced motion: no message travels across the cluster (SVG or canvas); arrivals appear in place
 * and fade; no CSS animation runs. Without it, messages do travel, which shows the check can see
 * movement.
 */
export async function reducedMotionMovesNothing(page, base) {
  // Where the canvas draws every circle (and square), recorded while window.__arcs is an array.
  await page.addInitScript(() => {
    const arc = CanvasRenderingContext2D.prototype.arc;
    CanvasRenderingContext2D.prototype.arc = function (x, y, r, ...rest) {
      if (Array.isArray(window.__arcs) && window.__arcs.length < 200000) {
        window.__arcs.push(Math.hypot(x - 320, y - 320));
      }
      return arc.call(this, x, y, r, ...rest);
    };
    // In a crowd the canvas draws its messages as small squares.
    const rect = CanvasRenderingContext2D.prototype.rect;
    CanvasRenderingContext2D.prototype.rect = function (x, y, w, h) {
      if (Array.isArray(window.__arcs) && window.__arcs.length < 200000) {
        window.__arcs.push(Math.hypot(x + w / 2 - 320, y + h / 2 - 320));
      }
      return rect.call(this, x, y, w, h);
    };
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(base + "#/heartbeats");
  await page.waitForSelector("svg.cluster");
  const normal = await watchSvgMotion(page, 2500);
  if (!normal.moved.length || !normal.travelling) {
    throw new Error(`without reduced motion a heartbeat should travel: ${JSON.stringify(normal)}`);
  }

  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.waitForSelector("svg.cluster.reduced-motion");
  const reduced = await watchSvgMotion(page, 3000);
  if (reduced.moved.length) throw new Error(`with reduced motion these moved: ${reduced.moved.join(", ")}`);
  if (reduced.travelling) throw new Error(`with reduced motion ${reduced.travelling} message dots travelled`);
  if (!reduced.arrivals) throw new Error("with reduced motion arrivals should still appear, in place");
  const animations = await page.evaluate(() => document.getAnimations().map((a) => a.animationName ?? a.constructor.name));
  if (animations.length) throw new Error(`CSS animations run with reduced motion: ${animations.join(", ")}`);

  // The canvas (100 nodes): nodes sit 280 px from the middle, the monitor box at most 30 px from
  // it; anything drawn between them is a message on its way.
  await page.emulateMedia({ reducedMotion: "no-preference" });
  await page.fill("#hb-nodes", "100");
  await page.locator("#hb-nodes").press("Enter");
  await page.waitForSelector("canvas.cluster:not(.reduced-motion)");
  const between = (arcs) => arcs.filter((d) => d > 40 && d < 250).length;
  const moving = await watchCanvasArcs(page, 1500);
  if (!between(moving)) throw new Error("without reduced motion the canvas should draw messages on their way");
  await page.emulateMedia({ reducedMotion: "reduce" });
  await page.waitForSelector("canvas.cluster.reduced-motion");
  const still = await watchCanvasArcs(page, 2000);
  if (!still.length) throw new Error("the canvas drew nothing");
  if (between(still)) throw new Error(`with reduced motion the canvas drew ${between(still)} messages on their way`);
  if (!still.some((d) => d <= 40)) throw new Error("with reduced motion arrivals at the monitor should still show");
}
