// Faultlab's service worker: keeps one build's files so that a reload without the network opens
// the app. The build writes BUILD and FILES (static/host/stamp-sw.sh); a new build is a new
// sw.js, which the browser installs beside the old one. The files of one build live in one cache
// and are fetched together (all or none), and the old build's cache is deleted only once the new
// one is complete, so a page never mixes files of two builds.
"use strict";

const BUILD = "__FAULTLAB_BUILD__";
const FILES = __FAULTLAB_FILES__;
const CACHE = "faultlab-" + BUILD;
// Files a course adds beside index.html: always asked for afresh, kept for offline use.
const COURSE_FILES = ["course.json"];
// After this long without an answer, a page is opened from the cache (a train's Wi-Fi).
const NETWORK_PATIENCE_MS = 4000;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(["./", ...FILES].map((f) => new Request(f, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("faultlab-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The network's answer, or a timeout's rejection.
function patiently(request) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer")), NETWORK_PATIENCE_MS);
    fetch(request).then(
      (r) => { clearTimeout(timer); resolve(r); },
      (e) => { clearTimeout(timer); reject(e); },
    );
  });
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const name = url.pathname.slice(scope.pathname.length);
  if (request.mode === "navigate") {
    // The page: the newest from the network, else this build's copy.
    event.respondWith(
      patiently(request).catch(() => caches.open(CACHE).then((c) => c.match("./")).then((r) => r || Response.error())),
    );
  } else if (COURSE_FILES.includes(name)) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        patiently(request)
          .then((r) => {
            if (r.ok) cache.put(request, r.clone());
            return r;
          })
          .catch(() => cache.match(request).then((r) => r || Response.error())),
      ),
    );
  } else {
    // A build's files never change under their hashed names: the cache first.
    event.respondWith(caches.open(CACHE).then((c) => c.match(request)).then((r) => r || fetch(request)));
  }
});
