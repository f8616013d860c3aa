// End-to-end: 证据与记录仪 in Debian's chromium against the real server (PGlite, demo city). A
// squad leader registers a recording device and hands it out, reads the audio-video list (L5)
// and uploads a file through the page (XMLHttpRequest with progress); the file is listed and
// downloads intact. Screenshots go to test-results/ (git-ignored).
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  closeBrowserSession,
  demoPassword,
  openBrowserSession,
  type PageWatch,
  pickOptions,
  type RunningServer,
  screenshot,
} from "./support.ts";

let server: RunningServer | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
let watch: PageWatch | undefined;

describe("证据与记录仪 in chromium (C7, L5)", () => {
  before(
    async () => {
      ({ server, browser, context, page, watch } = await openBrowserSession());
    },
    { timeout: 600_000 },
  );
  after(() => closeBrowserSession({ context, browser, server }));

  test("a squad leader registers and hands out a device, reads the L5 list and uploads evidence", {
    timeout: 240_000,
  }, async () => {
    const p = page!;
    try {
      await p.goto("/login");
      await p.getByPlaceholder("用户名", { exact: true }).fill("dh.hb.lead");
      await p.getByPlaceholder("密码", { exact: true }).fill(demoPassword);
      await p.locator('button[type="submit"]').click();
      await p.getByRole("menuitem", { name: "证据与记录仪" }).click();
      await p.getByRole("tab", { name: "执法记录仪" }).click();

      await p.getByRole("button", { name: "登记记录仪" }).click();
      await p.getByLabel("序列号").fill("DSJ-BROWSER-1");
      await p.getByLabel("型号").fill("V9");
      await p.locator(".ant-modal-footer .ant-btn-primary").last().click();
      await p.getByText("DSJ-BROWSER-1").waitFor();
      await p
        .getByRole("button", { name: /领\s*用/ })
        .first()
        .click();
      await pickOptions(p, "领用人", ["张伟"]);
      await p.locator(".ant-modal-footer .ant-btn-primary").last().click();
      await p.getByRole("button", { name: /归\s*还/ }).waitFor();
      await screenshot(p, "evidence-devices.png");

      await p.getByRole("tab", { name: "音像记录清单" }).click();
      await p.getByText("查封、扣押财物").waitFor();
      await p.getByText("沿用规则 L5 的默认清单").waitFor();

      await p.getByRole("tab", { name: "证据", exact: true }).click();
      await p.getByRole("button", { name: "上传证据" }).click();
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guifan-ev-")), "现场照片.jpg");
      fs.writeFileSync(file, Buffer.alloc(2_500_000, 7));
      const sha = createHash("sha256").update(fs.readFileSync(file)).digest("hex");
      await p.locator('.ant-modal input[type="file"]').setInputFiles(file);
      const answer = p.waitForResponse(
        (r) => r.url().endsWith("/api/v1/evidence") && r.request().method() === "POST",
      );
      await p.locator(".ant-modal-footer .ant-btn-primary").last().click();
      assert.equal((await answer).status(), 201);
      // The evidence table's row (the upload dialog may still list the file while it closes).
      await p.getByRole("cell", { name: "现场照片.jpg" }).first().waitFor();
      await screenshot(p, "evidence-list.png");

      const link = p.getByRole("link", { name: /下载/ }).first();
      const href = await link.getAttribute("href");
      const res = await p.request.get(href!);
      assert.equal(res.status(), 200);
      assert.equal(
        createHash("sha256")
          .update(await res.body())
          .digest("hex"),
        sha,
      );
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      assert.deepEqual(watch!.problems, [], "the page showed errors");
    } catch (err) {
      await screenshot(p, "evidence-failure.png").catch(() => undefined);
      throw err;
    }
  });
});
