// Size and latency of the playground, as a Markdown table:
//   cd tests/browser && node bench.mjs     (after `trunk build --release`, e.g. by scripts/test)
// - the wasm's size, raw and gzip -9 (what a server with compression sends);
// - time to the first rendered conversion on a cold load (fresh browser context, no cache):
//   navigation start → the app's `depyler:first-conversion` mark → the next painted frame;
// - conversion time per keystroke over the corpus handlers: each handler is loaded, then
//   typed into key by key, waiting for each conversion; the status bar's own timing
//   (analysis + conversion, what the user waits for) is collected per keystroke.
// Goals (issue #4): gzip wasm ≤ 1.2 MB, conversion p50 < 16 ms.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

import { startServer, ROOT, DIST } from "./lib/server.mjs";
import { launch, newContext, openPlayground, afterConversion, setSource } from "./lib/browser.mjs";

const KEYS_PER_HANDLER = Number(process.env.BENCH_KEYS || 8);
const COLD_LOADS = Number(process.env.BENCH_COLD_LOADS || 5);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

const wasmFile = readdirSync(DIST).find((f) => f.endsWith(".wasm"));
const jsFile = readdirSync(DIST).find((f) => f.endsWith(".js"));
if (!wasmFile) throw new Error(`no .wasm in ${DIST}: run \`trunk build --release\` first`);
const wasm = readFileSync(join(DIST, wasmFile));
// `gzip -9` (zlib, what nginx and most servers compress with); node's own zlib is Chromium's
// fork, whose deflate finds fewer matches, so its size is shown too.
const nodeGz = gzipSync(wasm, { level: 9 }).length;
let wasmGz = nodeGz;
try {
  wasmGz = execFileSync("gzip", ["-9", "-c", join(DIST, wasmFile)], { maxBuffer: 64 << 20 }).length;
} catch {
  // no gzip binary: node's number stands in
}
const jsRaw = statSync(join(DIST, jsFile)).size;

const server = process.env.PLAYGROUND_URL ? null : await startServer();
const url = process.env.PLAYGROUND_URL || server.url;
const browser = await launch();

// Cold loads: a new context each time has an empty HTTP cache and no stored session.
const firstPaint = [];
for (let i = 0; i < COLD_LOADS; i++) {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openPlayground(page, url);
  // Milliseconds since navigation start; the app marks the frame that shows the results.
  await page.waitForFunction(() => performance.getEntriesByName("depyler:first-conversion").length > 0);
  firstPaint.push(await page.evaluate(() => performance.getEntriesByName("depyler:first-conversion")[0].startTime));
  await context.close();
}

// Keystrokes over the corpus.
const context = await newContext(browser);
const page = await context.newPage();
await openPlayground(page, url);
const corpus = join(ROOT, "tests/corpus");
const perKey = [];
const perHandler = [];
for (const dir of readdirSync(corpus).sort()) {
  let source;
  try {
    source = readFileSync(join(corpus, dir, "handler.py"), "utf8");
  } catch {
    continue;
  }
  await afterConversion(page, () => setSource(page, source.replace(/\n*$/, "\n") + "# "));
  await page.getByTestId("python-editor").press("Control+End");
  const times = [];
  for (const key of "abcdefghijklmnop".slice(0, KEYS_PER_HANDLER)) {
    await afterConversion(page, () => page.keyboard.press(key));
    times.push(Number(await page.getByTestId("convert-time").getAttribute("data-ms")));
  }
  perKey.push(...times);
  perHandler.push([dir, pct(times, 50)]);
}
// The core alone through its JS API (wasm-bindgen + serde-wasm-bindgen), for comparison.
const apiTimes = await page.evaluate(async (sources) => {
  const out = [];
  for (const src of sources) {
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      window.wasmBindings.convert(src, {});
      out.push(performance.now() - t);
    }
  }
  return out;
}, readdirSync(corpus).filter((d) => /^\d/.test(d)).map((d) => readFileSync(join(corpus, d, "handler.py"), "utf8")));
await browser.close();
await server?.close();

const ok = (v, goal) => (v <= goal ? "✅" : "❌");
const rows = [
  ["wasm (raw)", mb(wasm.length), ""],
  ["wasm (gzip -9)", mb(wasmGz), `≤ 1.2 MB ${ok(wasmGz, 1.2 * 1024 * 1024)}`],
  ["wasm (node's zlib, level 9)", mb(nodeGz), ""],
  ["JS glue (raw)", kb(jsRaw), ""],
  [`first rendered conversion, cold load (median of ${COLD_LOADS})`, `${pct(firstPaint, 50).toFixed(0)} ms`, ""],
  [`conversion per keystroke p50 (${perKey.length} keys, ${perHandler.length} handlers)`, `${pct(perKey, 50).toFixed(1)} ms`, `< 16 ms ${ok(pct(perKey, 50), 16)}`],
  ["conversion per keystroke p95", `${pct(perKey, 95).toFixed(1)} ms`, ""],
  ["core `convert` via the JS API p50 / p95", `${pct(apiTimes, 50).toFixed(1)} / ${pct(apiTimes, 95).toFixed(1)} ms`, ""],
];
console.log("| metric | value | goal |\n| --- | --- | --- |");
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
console.log(`\nslowest handlers (p50 per keystroke): ${perHandler.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([d, t]) => `${d} ${t.toFixed(1)} ms`).join(", ")}`);
console.log(`machine: ${(await import("node:os")).cpus().length} cores, load average ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
