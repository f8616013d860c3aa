import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../../src/core/errors.ts";
import { contentDisposition } from "../../src/http/download.ts";
import { cleanFileName, parseRange, safeContentType } from "../../src/modules/evidence/evidence.ts";
import { defaultRecordingList, requireRecording } from "../../src/modules/evidence/recording-list.ts";

describe("evidence domain", () => {
  test("parseRange (RFC 9110): first bytes, middle, suffix, open end, ignored and unsatisfiable ranges", () => {
    assert.equal(parseRange(undefined, 100), undefined);
    assert.deepEqual(parseRange("bytes=0-9", 100), { start: 0, end: 9 });
    assert.deepEqual(parseRange("bytes=10-19", 100), { start: 10, end: 19 });
    assert.deepEqual(parseRange("bytes=-10", 100), { start: 90, end: 99 });
    assert.deepEqual(parseRange("bytes=-1000", 100), { start: 0, end: 99 });
    assert.deepEqual(parseRange("bytes=95-", 100), { start: 95, end: 99 });
    assert.deepEqual(parseRange("bytes=95-500", 100), { start: 95, end: 99 });
    assert.equal(parseRange("bytes=100-", 100), "unsatisfiable");
    assert.equal(parseRange("bytes=-0", 100), "unsatisfiable");
    assert.equal(parseRange("bytes=0-", 0), "unsatisfiable");
    assert.equal(parseRange("bytes=5-2", 100), undefined);
    assert.equal(parseRange("bytes=0-1,5-6", 100), undefined);
    assert.equal(parseRange("items=0-1", 100), undefined);
  });

  test("file names and content types are made safe to send back", () => {
    assert.equal(cleanFileName("../../etc/passwd"), "passwd");
    assert.equal(cleanFileName("C:\\现场\\录像.mp4"), "录像.mp4");
    assert.equal(safeContentType("video/mp4"), "video/mp4");
    assert.equal(safeContentType("text/html\r\nX: y"), "application/octet-stream");
    assert.equal(
      contentDisposition("现场 录像.mp4"),
      `attachment; filename="__ __.mp4"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E5%BD%95%E5%83%8F.mp4`,
    );
  });

  test("L5 requireRecording: full needs audio or video of the action; as-needed and unlisted pass", () => {
    const refused = (e: unknown) =>
      e instanceof AppError && e.code === "RECORDING_REQUIRED" && /强制拆除/.test(e.message);
    assert.throws(() => requireRecording(defaultRecordingList, "forced_demolition", []), refused);
    assert.throws(
      () =>
        requireRecording(defaultRecordingList, "forced_demolition", [
          { kind: "photo", action: "forced_demolition" },
        ]),
      refused,
    );
    requireRecording(defaultRecordingList, "forced_demolition", [
      { kind: "audio", action: "forced_demolition" },
    ]);
    requireRecording(defaultRecordingList, "forced_demolition", [
      { kind: "video", action: "forced_demolition" },
    ]);
    requireRecording(defaultRecordingList, "hearing", []);
    requireRecording(defaultRecordingList, "unknown_action", []);
  });
});
