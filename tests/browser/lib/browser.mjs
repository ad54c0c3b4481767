// Debian's chromium driven by playwright-core. playwright's launch() gives every browser
// a fresh temporary profile (--user-data-dir), so no state leaks between runs.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./server.mjs";

export const SCREENSHOTS = join(ROOT, "tests/browser/screenshots");

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A new context (its own storage) that may use the clipboard. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, ...options });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return context;
}

/** Opens the playground and waits until the first conversion is on screen. */
export async function openPlayground(page, url) {
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // A 404 for /api/health is how static hosting says "no build service": not an error.
  page.on("console", (m) => m.type() === "error" && !m.location().url.endsWith("/api/health") && errors.push(m.text()));
  await page.goto(url);
  await page.getByTestId("convert-time").and(page.locator("[data-ms]")).waitFor({ timeout: 30_000 });
  return errors;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** Replaces the editor's contents the way a paste would (one input event). */
export async function setSource(page, text) {
  const editor = page.getByTestId("python-editor");
  await editor.fill(text);
}

/** How many conversions the page has run (the status bar's data-seq). */
export async function conversions(page) {
  const seq = await page.getByTestId("convert-time").getAttribute("data-seq").catch(() => null);
  return Number(seq || 0);
}

/** Runs `action` and waits until the page has converted the result and rendered it. */
export async function afterConversion(page, action) {
  const before = await conversions(page);
  await action();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="convert-time"]')?.dataset.seq || 0) > n,
    before,
    { timeout: 10_000 },
  );
}
