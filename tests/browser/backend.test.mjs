// The playground's "Build arm64" button against the REAL build-backend (cargo-lambda + zig
// from the venv): click, follow queue → build → artifact, and check the artifact is a zip
// whose `bootstrap` is an aarch64 ELF. Needs `cargo build -p build-backend` (scripts/test
// builds the workspace first) and the venv; the first build compiles the dependencies.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

import { ROOT, DIST } from "./lib/server.mjs";
import { launch, newContext, openPlayground, screenshot, setSource, afterConversion } from "./lib/browser.mjs";

const HANDLER = `import json

def handler(event, context):
    name = (event.get("queryStringParameters") or {}).get("name", "world")
    return {"statusCode": 200, "body": json.dumps({"hello": name})}
`;

let backend, url, browser;

before(async () => {
  const binary = join(ROOT, "target/debug/build-backend");
  assert.ok(existsSync(binary), "target/debug/build-backend is missing: run cargo build --workspace");
  const cache = process.env.DEPYLER_CACHE || join(homedir(), ".cache/depyler-lambda");
  backend = spawn(binary, ["--port", "0", "--dist", DIST], {
    env: { ...process.env, DEPYLER_CACHE: cache, DEPYLER_BUILD_CACHE: mkdtempSync(join(tmpdir(), "depyler-backend-")) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    let out = "";
    backend.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) resolve(m[1]);
    });
    backend.on("exit", (code) => reject(new Error(`build-backend exited with ${code}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  backend?.kill("SIGTERM");
});

test("Build arm64 runs a real cargo-lambda build and offers an aarch64 bootstrap.zip", { timeout: 20 * 60_000 }, async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await openPlayground(page, url);
  await afterConversion(page, () => setSource(page, HANDLER));
  await page.waitForFunction(() => !document.querySelector('[data-testid="build-button"]').disabled);
  await page.getByTestId("build-button").click();
  const link = page.getByTestId("artifact-link");
  await link.waitFor({ timeout: 18 * 60_000 });
  await screenshot(page, "10-real-build-succeeded");
  const href = await link.getAttribute("href");
  const response = await page.request.get(new URL(href, url).toString());
  assert.equal(response.status(), 200);
  const dir = mkdtempSync(join(tmpdir(), "depyler-artifact-"));
  const zip = join(dir, "bootstrap.zip");
  writeFileSync(zip, await response.body());
  const machine = execFileSync("python3", [
    "-c",
    "import sys, zipfile, struct; d = zipfile.ZipFile(sys.argv[1]).read('bootstrap'); assert d[:4] == b'\\x7fELF', d[:4]; print(struct.unpack_from('<H', d, 18)[0])",
    zip,
  ]);
  assert.equal(Number(machine), 183, "EM_AARCH64");
  await context.close();
});
