// The playground in a real browser: Debian chromium + playwright-core, node's test runner.
// Serves ../../dist (run `trunk build --release` first; scripts/test does) unless
// PLAYGROUND_URL points at a running server (e.g. the one scripts/serve starts).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, existsSync } from "node:fs";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";

import { startServer, ROOT } from "./lib/server.mjs";
import { launch, newContext, openPlayground, screenshot, setSource, afterConversion } from "./lib/browser.mjs";

const SQS_HANDLER = `import json

def handler(event, context):
    failures = []
    for record in event["Records"]:
        try:
            body = json.loads(record["body"])
            print(body["orderId"])
        except ValueError:
            failures.append({"itemIdentifier": record["messageId"]})
    return {"batchItemFailures": failures}
`;

let server, apiServer, browser, url;

before(async () => {
  if (process.env.PLAYGROUND_URL) {
    url = process.env.PLAYGROUND_URL;
  } else {
    assert.ok(existsSync(join(ROOT, "dist/index.html")), "dist/ is missing: run `trunk build --release` first");
    server = await startServer();
    url = server.url;
  }
  apiServer = await startServer({ fakeApi: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await apiServer?.close();
});

async function fresh(options) {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const errors = await openPlayground(page, url);
  return { context, page, errors };
}

const text = (page, id) => page.getByTestId(id).innerText();

test("first load converts the default example without an edit", async () => {
  const { context, page, errors } = await fresh();
  assert.equal(await page.locator("#loading").isVisible(), false, "loading indicator hidden once mounted");
  assert.equal((await text(page, "event-source")).trim(), "sqs");
  assert.match(await text(page, "event-confidence"), /^\d+%$/);
  assert.match(await text(page, "rust-output"), /SqsEvent/);
  assert.match(await text(page, "convert-time"), /Converted in [\d.]+ ms/);
  await screenshot(page, "01-first-load-light");
  assert.deepEqual(errors, []);
  await context.close();
});

test("typing an SQS handler shows sqs and SqsEvent", async () => {
  const { context, page } = await fresh();
  // Start from something else, so the result below comes from this edit.
  await afterConversion(page, () => setSource(page, "def handler(event, context):\n    return event\n"));
  assert.equal((await text(page, "event-source")).trim(), "unknown");
  const head = SQS_HANDLER.slice(0, -1);
  const lastLine = head.slice(head.lastIndexOf("\n") + 1);
  await setSource(page, head.slice(0, head.length - lastLine.length));
  await page.getByTestId("python-editor").press("Control+End");
  // Typed key by key (the indentation too: no Enter, so no auto-indent).
  await afterConversion(page, () => page.keyboard.type(lastLine));
  assert.equal(await page.getByTestId("python-editor").inputValue(), head);
  await page.waitForFunction(() => document.querySelector('[data-testid="event-source"]')?.textContent.trim() === "sqs");
  assert.match(await text(page, "rust-output"), /SqsEvent/);
  // Evidence lines jump to the editor.
  const evidence = page.locator(".evidence li button").first();
  const line = Number((await evidence.innerText()).replace("line ", ""));
  await evidence.click();
  const caretLine = await page.getByTestId("python-editor").evaluate((ta) => ta.value.slice(0, ta.selectionStart).split("\n").length);
  assert.equal(caretLine, line);
  await context.close();
});

test("a syntax error is a diagnostic with its line; the last good output stays, greyed", async () => {
  const { context, page } = await fresh();
  await afterConversion(page, () => setSource(page, SQS_HANDLER.replace('print(body["orderId"])', 'print(body["orderId"]')));
  const diagnostics = page.getByTestId("diagnostics");
  const error = diagnostics.locator(".diag-error").first();
  await error.waitFor();
  const pos = await error.locator(".pos").innerText();
  const [line] = pos.split(":").map(Number);
  assert.ok(line >= 8 && line <= 9, `error reported at ${pos}`);
  assert.ok(await page.locator(".gutter .ln-error").count() >= 1, "error line marked in the gutter");
  assert.equal(await page.getByTestId("rust-output").getAttribute("class"), "code-out stale");
  assert.match(await text(page, "rust-output"), /SqsEvent/, "last good output still shown");
  assert.match(await page.locator(".stale-reason").innerText(), /Conversion failed/);
  await error.locator("button").click();
  const caretLine = await page.getByTestId("python-editor").evaluate((ta) => ta.value.slice(0, ta.selectionStart).split("\n").length);
  assert.equal(caretLine, line);
  await screenshot(page, "02-syntax-error");
  await context.close();
});

test("tab and shift-tab indent the selected lines", async () => {
  const { context, page } = await fresh();
  const editor = page.getByTestId("python-editor");
  await afterConversion(page, () => setSource(page, "def handler(event, context):\nreturn 1\n"));
  await editor.evaluate((ta) => ta.setSelectionRange(29, 29));
  await editor.press("Tab");
  assert.equal(await editor.inputValue(), "def handler(event, context):\n    return 1\n");
  await editor.press("Shift+Tab");
  assert.equal(await editor.inputValue(), "def handler(event, context):\nreturn 1\n");
  await context.close();
});

test("share link restores source, output and tab in a fresh context; Markdown link too", async () => {
  const first = await fresh();
  const source = SQS_HANDLER.replace("failures = []", "failures = []  # shared " + Date.now());
  await afterConversion(first.page, () => setSource(first.page, source));
  await first.page.locator('.tab[data-tab="Cargo.toml"]').click();
  const cargoToml = await text(first.page, "rust-output");
  await first.page.getByTestId("share-button").click();
  await first.page.getByText("Copied!").waitFor();
  const link = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#v2\.[A-Za-z0-9_-]+$/);
  assert.equal(first.page.url(), link, "the address bar shows the link too");

  await first.page.getByTestId("share-markdown-button").click();
  await first.page.getByText("Copied!").waitFor();
  const md = await first.page.evaluate(() => navigator.clipboard.readText());
  assert.equal(md, `[Depyler Lambda: handler() in Rust](${link})`);

  // Ctrl+S copies the link as well.
  await first.page.evaluate(() => navigator.clipboard.writeText(""));
  await first.page.keyboard.press("Control+s");
  await first.page.getByText("Copied!").waitFor();
  assert.equal(await first.page.evaluate(() => navigator.clipboard.readText()), link);

  const second = await newContext(browser);
  const page = await second.newPage();
  await openPlayground(page, link);
  assert.equal(await page.getByTestId("python-editor").inputValue(), source);
  assert.equal(await text(page, "rust-output"), cargoToml);
  assert.equal(await page.locator(".tab.active").getAttribute("data-tab"), "Cargo.toml");
  await screenshot(page, "03-opened-share-link");
  await first.context.close();
  await second.close();
});

test("links of the older v1 format still open", async () => {
  const source = "def handler(event, context):\n    return {'statusCode': 200, 'body': event['body']}\n";
  const v1 = "#v1." + deflateRawSync(Buffer.from(source)).toString("base64url");
  const context = await newContext(browser);
  const page = await context.newPage();
  await openPlayground(page, url + v1);
  assert.equal(await page.getByTestId("python-editor").inputValue(), source);
  await context.close();
});

test("a corrupt or truncated link says so and keeps the stored session", async () => {
  const { context, page } = await fresh();
  const mine = "def handler(event, context):\n    return 'my own work " + Date.now() + "'\n";
  await afterConversion(page, () => setSource(page, mine));
  await page.getByTestId("share-button").click();
  const link = await page.evaluate(() => navigator.clipboard.readText());

  for (const broken of [link.slice(0, -12), url + "#v2.@@not-base64@@", url + "#v9.AAAA"]) {
    const tab = await context.newPage();
    await openPlayground(tab, broken);
    const notice = tab.getByTestId("notice");
    await notice.waitFor();
    assert.match(await notice.innerText(), /could not be opened/);
    assert.equal(await tab.getByTestId("python-editor").inputValue(), mine, `after ${broken.slice(-20)}`);
    if (broken.endsWith("AAAA")) await screenshot(tab, "04-broken-link");
    await tab.close();
  }
  await context.close();
});

test("last session is restored on reload; Reset and examples", async () => {
  const { context, page } = await fresh();
  const mine = "def handler(event, context):\n    return 42  # persisted\n";
  await afterConversion(page, () => setSource(page, mine));
  await page.reload();
  await page.getByTestId("convert-time").and(page.locator("[data-ms]")).waitFor();
  assert.equal(await page.getByTestId("python-editor").inputValue(), mine);

  const examples = await page.getByTestId("examples").locator("option:not([disabled])").evaluateAll((os) => os.map((o) => o.value));
  const expected = { s3: "s3", sqs: "sqs", sns: "sns", dynamodb: "dynamodb", "apigw-rest": "apigw_rest", "apigw-http": "apigw_http", eventbridge: "eventbridge", kinesis: "kinesis", scheduled: "cloudwatch_scheduled" };
  assert.deepEqual([...examples].sort(), Object.keys(expected).sort());
  for (const [id, source] of Object.entries(expected)) {
    await afterConversion(page, () => page.getByTestId("examples").selectOption(id));
    assert.equal((await text(page, "event-source")).trim(), source, id);
    assert.match(await text(page, "convert-time"), /Converted/, id);
  }
  await page.getByRole("button", { name: "Reset" }).click();
  await page.waitForFunction(() => document.querySelector('[data-testid="event-source"]')?.textContent.trim() === "sqs");
  await context.close();
});

test("options panel writes annotations and reflects hand-written ones", async () => {
  const { context, page } = await fresh();
  const editor = page.getByTestId("python-editor");
  await afterConversion(page, () => setSource(page, SQS_HANDLER));
  await afterConversion(page, () => page.locator(".options-grid label", { hasText: "Memory" }).locator("input").fill("512").then(() => page.keyboard.press("Tab")));
  assert.match(await editor.inputValue(), /^# @depyler: memory_size = 512\n/);
  await afterConversion(page, () => page.getByTestId("option-event-type").selectOption("sns"));
  assert.match(await editor.inputValue(), /# @depyler: event_type = sns\n/);
  assert.equal((await text(page, "event-source")).trim(), "sns");
  assert.ok(await page.locator(".pill", { hasText: "from annotation" }).isVisible());
  await afterConversion(page, () => page.locator("label.check", { hasText: "Batch failure" }).locator("input").check());
  assert.match(await editor.inputValue(), /# @depyler: batch_failure_reporting = true\n/);
  // By hand: the panel follows the source.
  await afterConversion(page, async () => setSource(page, (await editor.inputValue()).replace("memory_size = 512", "memory_size = 1024").replace("event_type = sns", "event_type = auto")));
  assert.equal(await page.locator(".options-grid label", { hasText: "Memory" }).locator("input").inputValue(), "1024");
  assert.equal(await page.getByTestId("option-event-type").inputValue(), "auto");
  assert.equal((await text(page, "event-source")).trim(), "sqs");
  await context.close();
});

test("dark mode follows the system, toggles and persists", async () => {
  const dark = await fresh({ colorScheme: "dark" });
  const bg = () => dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), "rgb(15, 18, 24)", "system dark scheme followed");
  await dark.context.close();

  const { context, page } = await fresh({ colorScheme: "light" });
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(246, 247, 249)");
  await page.getByTestId("theme-toggle").click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(15, 18, 24)");
  await page.reload();
  await page.getByTestId("convert-time").and(page.locator("[data-ms]")).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(15, 18, 24)");
  await screenshot(page, "05-dark");
  await page.getByTestId("theme-toggle").click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
  await context.close();
});

test("usable at phone width", async () => {
  const { context, page } = await fresh({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page wider than the screen by ${overflow}px`);
  assert.ok(await page.getByTestId("python-editor").isVisible());
  await screenshot(page, "06-phone");
  await page.getByTestId("event-source").scrollIntoViewIfNeeded();
  await screenshot(page, "07-phone-results");
  await page.getByTestId("theme-toggle").click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, "08-phone-dark");
  await context.close();
});

test("build panel: no backend says so plainly; a backend is followed to the artifact", async () => {
  const { context, page } = await fresh();
  const status = page.getByTestId("build-status");
  await status.locator('[data-state="unavailable"]').waitFor();
  assert.match(await status.innerText(), /not available here/);
  assert.equal(await page.getByTestId("build-button").isDisabled(), true);
  await context.close();

  // Against a backend (a fake one: queue → building → succeeded).
  const ctx = await newContext(browser);
  const p = await ctx.newPage();
  await openPlayground(p, apiServer.url);
  const button = p.getByTestId("build-button");
  await p.waitForFunction(() => !document.querySelector('[data-testid="build-button"]').disabled);
  await button.click();
  await p.getByTestId("build-status").locator('[data-state="queued"]').waitFor();
  await p.getByTestId("build-status").locator('[data-state="building"]').waitFor();
  await p.getByTestId("artifact-link").waitFor({ timeout: 10_000 });
  assert.match(await p.getByTestId("build-status").innerText(), /Built in 4\.2 s[\s\S]*binary 3\.2 MB · zip 1\.2 MB/);
  assert.match(await p.getByTestId("artifact-link").getAttribute("href"), /^\/api\/builds\/[0-9a-f]+\/artifact$/);
  const posted = apiServer.requests.filter((r) => r === "POST /api/builds");
  assert.equal(posted.length, 1);
  await p.getByTestId("build-status").scrollIntoViewIfNeeded();
  await screenshot(p, "09-build-succeeded");
  await ctx.close();
});

test("a download whose support files cannot be fetched says so and changes nothing", async () => {
  const { context, page } = await fresh();
  await afterConversion(page, () => setSource(page, SQS_HANDLER));
  await page.route("**/runtime/**", (route) => route.fulfill({ status: 404, body: "gone" }));
  let downloads = 0;
  page.on("download", () => downloads++);
  await page.getByTestId("download-button").click();
  const notice = page.getByTestId("notice");
  await notice.waitFor();
  assert.match(await notice.innerText(), /Download failed: cannot fetch runtime\/\w+\.rs: 404/);
  assert.equal(await page.getByTestId("python-editor").inputValue(), SQS_HANDLER);
  assert.equal(downloads, 0);
  await context.close();
});

test("the downloaded zip is a project that cargo builds", { timeout: 30 * 60_000 }, async () => {
  const { context, page } = await fresh();
  await afterConversion(page, () => setSource(page, SQS_HANDLER));
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-button").click()]);
  const name = download.suggestedFilename();
  assert.match(name, /^handler-[0-9a-f]{8}\.zip$/);
  const dir = mkdtempSync(join(tmpdir(), "depyler-zip-"));
  const zip = join(dir, name);
  await download.saveAs(zip);
  await context.close();
  execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
  const project = join(dir, name.replace(/\.zip$/, ""));
  const files = readdirSync(project, { recursive: true });
  // src/py/ comes from the page's server (runtime/), not from the wasm.
  for (const f of ["Cargo.toml", "src/main.rs", "src/py/mod.rs", "src/py/value.rs", "template.yaml", "build.sh", "cdk/handler-stack.ts", "README.md", "events/sample.json"]) {
    assert.ok(files.includes(f), `${f} in the zip`);
  }
  // Python's zipfile does not apply modes on extraction; read the stored one instead.
  const mode = execFileSync("python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).getinfo(sys.argv[2]).external_attr >> 16)", zip, name.replace(/\.zip$/, "/build.sh")]);
  assert.equal(Number(mode) & 0o777, 0o755, "build.sh is stored executable");
  if (process.env.DEPYLER_BROWSER_SKIP_ZIP_BUILD === "1") return;
  const cache = process.env.DEPYLER_CACHE || join(homedir(), ".cache/depyler-lambda");
  execFileSync("cargo", ["build", "--quiet"], {
    cwd: project,
    // Same settings as the Rust harness's builds of generated projects (no debug info, no
    // incremental state), so this build shares their dependencies in the target dir.
    env: { ...process.env, CARGO_TARGET_DIR: join(cache, "target"), CARGO_INCREMENTAL: "0", CARGO_PROFILE_DEV_DEBUG: "false" },
    stdio: ["ignore", "inherit", "inherit"],
  });
});
