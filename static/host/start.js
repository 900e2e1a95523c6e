// Starts Faultlab, and says in the page what went wrong when it cannot start.
//
// A file, not an inline script, so that a strict Content-Security-Policy (script-src 'self') runs
// it. A classic script, not a module, so that it runs even where the app's own module cannot load
// (a sandboxed frame without allow-same-origin), and can say so. The build fills in data-js and
// data-wasm (Trunk.toml, pattern_script) with the names of this build's files.
(function () {
  "use strict";
  var me = document.currentScript;
  var jsName = me && me.getAttribute("data-js");
  var wasmName = me && me.getAttribute("data-wasm");

  // Replaces "Loading Faultlab…" with what stops it and what the host can do. Text only: nothing
  // here is ever read as HTML.
  function explain(what, advice) {
    var loading = document.getElementById("loading");
    if (!loading) return;
    loading.className = "loading failed";
    loading.setAttribute("role", "alert");
    loading.textContent = "";
    var heading = document.createElement("h1");
    heading.textContent = "Faultlab could not start";
    var said = document.createElement("p");
    said.textContent = what;
    loading.appendChild(heading);
    loading.appendChild(said);
    advice.concat([
      "If you are a learner: tell whoever gave you this address. Nothing you saved in this browser is lost.",
    ]).forEach(function (line) {
      var p = document.createElement("p");
      p.className = "advice";
      p.textContent = line;
      loading.appendChild(p);
    });
  }

  // What a Content-Security-Policy blocked, if anything: browsers word the resulting errors
  // differently, but all report the violation.
  var blocked = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    blocked.push(e.violatedDirective + " " + (e.blockedURI || ""));
  });

  var hostAdvice =
    "If you host this page: keep every file of dist/ together in one folder, and serve the folder's address with its final slash (…/faultlab/, not …/faultlab).";

  // How a file next to this page answers: its HTTP status (0 when it cannot be asked for), or
  // "a web page" when the server sent a page in its place (a single-page fallback).
  function statusOf(url) {
    return fetch(url, { method: "GET", cache: "no-store" })
      .then(function (r) {
        var type = r.headers.get("content-type") || "";
        return r.ok && type.indexOf("text/html") >= 0 ? "a web page instead" : r.status;
      })
      .catch(function () { return 0; });
  }

  // Works out, after the fact, why loading failed, and says it.
  function diagnose(error) {
    var message = String((error && error.message) || error);
    if (document.getElementById("panic-panel")) {
      // Faultlab itself started and stopped on an error; its panel says what happened.
      var loading = document.getElementById("loading");
      if (loading) loading.remove();
      return;
    }
    if (self.origin === "null" || location.origin === "null") {
      explain(
        "This page is in a frame whose sandbox gives it no origin of its own, and browsers load no WebAssembly module there.",
        ["If you host this page: add allow-same-origin to the frame's sandbox attribute (with allow-scripts), or leave the sandbox attribute out."]
      );
      return;
    }
    var wasmBlocked = blocked.some(function (b) { return /wasm-eval/.test(b); });
    if (wasmBlocked || /wasm-eval|unsafe-eval|Content Security Policy|CSP/i.test(message)) {
      explain(
        "The site's Content-Security-Policy forbids running WebAssembly, so Faultlab cannot run here.",
        ["If you host this page: add 'wasm-unsafe-eval' to script-src, for example: script-src 'self' 'wasm-unsafe-eval'."]
      );
      return;
    }
    if (blocked.some(function (b) { return /^script-src/.test(b); })) {
      explain(
        "The site's Content-Security-Policy blocks Faultlab's own script files.",
        ["If you host this page: let script-src allow this site's files and WebAssembly: script-src 'self' 'wasm-unsafe-eval'."]
      );
      return;
    }
    var js = new URL(jsName, document.baseURI).href;
    var wasm = new URL(wasmName, document.baseURI).href;
    Promise.all([statusOf(js), statusOf(wasm)]).then(function (statuses) {
      var missing = [];
      var said = function (s) { return typeof s === "string" ? s : "HTTP " + (s || "no answer"); };
      if (statuses[0] !== 200) missing.push(jsName + " (" + said(statuses[0]) + ")");
      if (statuses[1] !== 200) missing.push(wasmName + " (" + said(statuses[1]) + ")");
      if (missing.length) {
        explain("These files of Faultlab did not load: " + missing.join(", ") + ".", [
          navigator.onLine === false
            ? "You seem to be offline, and this browser has no copy of Faultlab yet: open it once while online."
            : hostAdvice,
        ]);
      } else if (typeof WebAssembly !== "object") {
        explain("This browser does not run WebAssembly, or it is turned off.", [
          "Use a current version of Firefox, Chrome, Edge or Safari.",
        ]);
      } else {
        explain("Faultlab's files loaded, but starting it failed: " + message, [
          "Reload the page. If it happens again, the files may be from two different builds: publish all of dist/ again, together.",
        ]);
      }
    });
  }

  if (!jsName || !wasmName) {
    explain("The page does not name Faultlab's files.", [hostAdvice]);
    return;
  }
  if (typeof WebAssembly !== "object") {
    explain("This browser does not run WebAssembly, or it is turned off.", [
      "Use a current version of Firefox, Chrome, Edge or Safari.",
    ]);
    return;
  }
  import(new URL(jsName, document.baseURI).href)
    .then(function (bindings) {
      return bindings.default({ module_or_path: new URL(wasmName, document.baseURI).href }).then(function (wasm) {
        window.wasmBindings = bindings;
        dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: wasm } }));
        keepForOffline();
      });
    })
    .catch(diagnose);

  // Lets the service worker keep this build's files, so that a reload without the network opens
  // Faultlab. Registered relative to this page, so that a sub-path is its scope. Its first install
  // competes with the page for the processor (on two cores a replay's slices then last up to
  // about 100 ms), so it waits for a moment when the page is fully idle: never during start-up or a
  // replay, and at the latest after a minute.
  function keepForOffline() {
    if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var register = function () {
      navigator.serviceWorker.register("sw.js").catch(function (e) {
        console.warn("Faultlab will not open offline here: " + e);
      });
    };
    if (navigator.serviceWorker.controller || !("requestIdleCallback" in window)) {
      // Installed before (this only checks for a new build), or no way to tell idle time.
      setTimeout(register, navigator.serviceWorker.controller ? 0 : 5000);
      return;
    }
    var giveUpAt = Date.now() + 60000;
    var whenIdle = function (deadline) {
      // A whole idle period (up to 50 ms) with nothing waiting: the page is not busy.
      if (deadline.timeRemaining() >= 45 || Date.now() > giveUpAt) register();
      else setTimeout(function () { requestIdleCallback(whenIdle); }, 500);
    };
    setTimeout(function () { requestIdleCallback(whenIdle); }, 2000);
  }
})();
