// Faultlab's service worker: keeps one build's files so that a reload without the network opens
// the app. The build writes BUILD and FILES (static/host/stamp-sw.sh); a new build is a new
// sw.js, which the browser installs beside the old one.
//
// - The files of one build live in one cache, fetched together at install (all or none), and the
//   install fails unless the page fetched names exactly this build's module: an upload caught
//   half-way cannot become the offline copy. The old build's cache is deleted only once the new
//   one is complete, and only this copy's (cache storage is shared by every Faultlab on a site).
// - Hashed files never change under their names: the cache first. The page, and the files whose
//   names stay the same from build to build (start.js, the worker, the manifest, the icons): the
//   network first, this build's copy when the network fails, answers 5xx or takes too long.
// - course.json lives in a cache of its own, kept across builds, refreshed whenever it loads.
"use strict";

const BUILD = "__FAULTLAB_BUILD__";
const FILES = __FAULTLAB_FILES__;
const SCOPE = self.registration.scope;
const PREFIX = "faultlab " + SCOPE + " ";
const CACHE = PREFIX + BUILD;
const COURSE_CACHE = PREFIX + "course";
const COURSE_FILE = "course.json";
// After this long without an answer, a file is taken from the cache (a train's Wi-Fi).
const NETWORK_PATIENCE_MS = 4000;
// Trunk names a build's own files name-<hex digits>.ext (up to 16 digits: leading zeros dropped).
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const page = await fetch(new Request("./", { cache: "reload" }));
      const html = page.ok ? await page.clone().text() : "";
      const module = FILES.find((f) => f.endsWith("_bg.wasm"));
      if (!module || !html.includes(module)) {
        await caches.delete(CACHE);
        throw new Error("the page on the server is not from this build; not keeping it");
      }
      await cache.put("./", page);
      // Hashed files: the browser's cache may answer (the page just loaded them); the others afresh.
      await cache.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? "default" : "reload" })));
      try {
        const course = await fetch(new Request(COURSE_FILE, { cache: "reload" }));
        if (course.ok && !(course.headers.get("content-type") || "").includes("text/html")) {
          await (await caches.open(COURSE_CACHE)).put(COURSE_FILE, course);
        }
      } catch {
        // No course, or no network for it: nothing to keep.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE && k !== COURSE_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The network's answer, or a rejection when there is none in time or it is a server error.
function fromNetwork(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer")), NETWORK_PATIENCE_MS);
    fetch(request).then(
      (r) => {
        clearTimeout(timer);
        r.status >= 500 ? reject(new Error("server error " + r.status)) : resolve(r);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

// The network first; the kept copy under `key` in `cacheName` otherwise; `keep` stores a good answer.
async function networkFirst(request, cacheName, key, keep) {
  const cache = await caches.open(cacheName);
  try {
    const answer = await fromNetwork(request);
    if (keep && answer.ok) await cache.put(key, answer.clone());
    return answer;
  } catch (e) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(SCOPE);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const name = url.pathname.slice(scope.pathname.length);
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, CACHE, "./", false));
  } else if (name === COURSE_FILE) {
    event.respondWith(networkFirst(request, COURSE_CACHE, COURSE_FILE, true));
  } else if (HASHED.test(name)) {
    event.respondWith(caches.open(CACHE).then((c) => c.match(request)).then((r) => r || fetch(request)));
  } else {
    event.respondWith(networkFirst(request, CACHE, request, false));
  }
});
