// Times WebCrypto digests off the page's thread, for the Checksums tab's speed measurement.
// A file, not a blob: URL, so that a strict policy (worker-src 'self') lets it run.
onmessage = async (e) => {
  if (e.data && e.data.ping) {
    postMessage({ ready: true });
    return;
  }
  try {
    const t0 = performance.now();
    await crypto.subtle.digest(e.data.name, e.data.bytes);
    postMessage({ ms: performance.now() - t0 });
  } catch (err) {
    postMessage({ error: String(err) });
  }
};
