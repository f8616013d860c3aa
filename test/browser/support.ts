import assert from "node:assert/strict";
// Helpers for the browser suite: the real server on loopback (temporary PGlite data folder,
// demo city with one known password), Debian's chromium through playwright-core, and a watcher
// that collects everything that counts as "the page shows an error".
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";

export const repoRoot = path.resolve(import.meta.dirname, "../..");
export const resultsDir = path.join(repoRoot, "test-results");
export const demoPassword = "Browser-demo-2025";
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds web/dist when the sources are newer than the last build (no-op otherwise). */
export function buildWeb(): void {
  const r = spawnSync(process.execPath, ["scripts/build-web.mjs"], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 600_000,
  });
  if (r.status !== 0) {
    throw new Error(`node scripts/build-web.mjs failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  }
  if (!fs.existsSync(path.join(repoRoot, "web/dist/index.html"))) {
    throw new Error("web/dist/index.html missing after the build");
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (address && typeof address === "object" ? resolve(address.port) : reject()));
    });
  });

export type RunningServer = { baseUrl: string; stop: () => Promise<void>; log: () => string };

/** Starts `node bin/guifan.js serve` on 127.0.0.1 and waits for /api/v1/health. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "guifan-browser-"));
  const logFile = path.join(dataDir, "server.log");
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const fd = fs.openSync(logFile, "a");
  const child: ChildProcess = spawn(process.execPath, ["bin/guifan.js", "serve"], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: path.join(dataDir, "data"),
      DATABASE_URL: "",
      GUIFAN_DEMO_PASSWORD: demoPassword,
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  const log = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const output = log();
      await stop();
      throw new Error(`guifan serve exited during start-up:\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      const output = log();
      await stop();
      throw new Error(`guifan serve not ready after 180 s:\n${output}`);
    }
    await sleep(250);
  }
  return { baseUrl, stop, log };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} not found: install Debian's browser (apt-get install -y chromium fonts-noto-cjk) or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--headless",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** antd elements that mean "an error is being shown" (message, notification, alert, result). */
const errorSelector = [
  ".ant-message-notice-error",
  ".ant-message-error",
  ".ant-notification-notice-error",
  ".ant-notification-notice-icon-error",
  ".ant-alert-error",
  ".ant-result-error",
  ".ant-result-500",
].join(", ");

// Runs in the page: reports every error element as soon as it appears, so messages that fade
// out after a few seconds are still caught.
const observerScript = `(() => {
  const selector = ${JSON.stringify(errorSelector)};
  const seen = new WeakSet();
  const report = (el) => {
    const box = el.closest(".ant-message-notice, .ant-notification-notice, .ant-alert, .ant-result") || el;
    if (seen.has(box)) return;
    seen.add(box);
    window.__guifanUiError((box.textContent || "").trim() || el.className);
  };
  const scan = (node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(selector)) report(node);
    for (const el of node.querySelectorAll(selector)) report(el);
  };
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === "attributes") scan(m.target);
      for (const n of m.addedNodes) scan(n);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
})();`;

export type PageWatch = {
  /** Everything that went wrong so far, each as one line. */
  problems: string[];
  /** Error texts shown by antd (also included in `problems`). */
  uiErrors: string[];
};

/**
 * Watches a page for errors: console errors (except the browser's own line for an expected
 * 4xx, such as the 401 of the logged-out probe), uncaught exceptions, /api responses ≥ 500,
 * failed /api requests, and antd error messages/notifications/alerts.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { problems: [], uiErrors: [] };
  await page.exposeFunction("__guifanUiError", (text: string) => {
    watch.uiErrors.push(text);
    watch.problems.push(`antd error shown: ${text}`);
  });
  await page.addInitScript(observerScript);
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const text = msg.text();
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    watch.problems.push(`console error: ${text}`);
  });
  page.on("pageerror", (err) => watch.problems.push(`uncaught exception: ${err.message}`));
  page.on("response", (res) => {
    const url = new URL(res.url());
    if (url.pathname.startsWith("/api/") && res.status() >= 500) {
      watch.problems.push(`${res.request().method()} ${url.pathname}: HTTP ${res.status()}`);
    }
  });
  page.on("requestfailed", (req) => {
    const url = new URL(req.url());
    const failure = req.failure()?.errorText ?? "failed";
    if (url.pathname.startsWith("/api/") && !failure.includes("ERR_ABORTED")) {
      watch.problems.push(`${req.method()} ${url.pathname}: ${failure}`);
    }
  });
  return watch;
}

/**
 * Test bodies that, when they fail, save a screenshot of the page (test-results/<name>-failure.png)
 * and add what the page's watch saw to the message; `current` gives the suite's page and watch.
 */
export const failureShot =
  (current: () => { page?: Page; watch?: PageWatch }) =>
  (name: string, body: () => Promise<void>) =>
  async (): Promise<void> => {
    try {
      await body();
    } catch (err) {
      const { page, watch } = current();
      if (page) await screenshot(page, `${name}-failure.png`).catch(() => undefined);
      if (watch?.problems.length)
        throw new Error(`${(err as Error).message}\nproblems: ${watch.problems.join("; ")}`);
      throw err;
    }
  };

/** Fails when the page showed an error (see watchPage). */
export const assertNoProblems = (watch: PageWatch | undefined, where: string): void =>
  assert.deepEqual(watch?.problems ?? [], [], `${where}: the page showed errors`);

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Picks options of an antd Select (single or multiple) by their text, from the dropdown that is
 * open, until every one shows as selected (an option list that arrives from the server, or a
 * dropdown still animating, can swallow a click). No sleeps: each round waits for the elements.
 * `field` is the Select's label (the chosen values show in its form item) or, outside a form, the
 * Select's own `.ant-select` element; a RegExp text is matched as given (anchor it to pick by exact
 * text: /^登录$/, not 登录失败). With `search`, each text is first typed into the Select (options
 * searched on the server).
 */
export async function pickOptions(
  page: Page,
  field: string | RegExp | Locator,
  texts: (string | RegExp)[],
  { search = false }: { search?: boolean } = {},
): Promise<void> {
  const labelled = typeof field === "string" || field instanceof RegExp;
  const select = labelled ? page.getByLabel(field) : field;
  // The chosen values are rendered inside the form item or the Select (the dropdown lives in a portal elsewhere).
  const box = labelled ? page.locator(".ant-form-item", { has: select }) : select;
  const shown = (t: string | RegExp) => box.filter({ hasText: t });
  const combobox = labelled ? select : select.locator('[role="combobox"]').first();
  for (let round = 0; round < 3; round++) {
    const missing: (string | RegExp)[] = [];
    for (const t of texts) if ((await shown(t).count()) === 0) missing.push(t);
    if (missing.length === 0) return;
    await select.click();
    for (const t of missing) {
      if (search && typeof t === "string") await page.keyboard.type(t);
      await page
        .locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: t })
        .first()
        .click();
    }
    // Escape closes a dropdown that stays open (a multiple Select). Pressed when the Select has
    // already closed (a single one closes on its pick), it would close the dialog around it.
    if ((await combobox.getAttribute("aria-expanded")) === "true") await page.keyboard.press("Escape");
  }
  for (const t of texts) await shown(t).first().waitFor();
}

export type BrowserSession = {
  server: RunningServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  watch: PageWatch;
};

/**
 * The usual set-up of a browser suite: the web built, a server on the demo city, Chromium, and one
 * page (zh-CN, China time, 1440 × 900 unless `options` say otherwise, 30 s timeouts) whose errors are
 * watched.
 */
export async function openBrowserSession(options: BrowserContextOptions = {}): Promise<BrowserSession> {
  buildWeb();
  const server = await startServer();
  const browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1440, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  return { server, browser, context, page, watch: await watchPage(page) };
}

/** Closes what openBrowserSession opened (whatever part of it was opened). */
export async function closeBrowserSession(s: Partial<BrowserSession>): Promise<void> {
  await s.context?.close().catch(() => undefined);
  await s.browser?.close().catch(() => undefined);
  await s.server?.stop();
}
