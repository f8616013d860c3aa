import { Readable } from "node:stream";

const boundary = "----guifanTestBoundary";

export type MultipartFile = {
  name: string;
  type: string;
  /** The file's bytes, or a generator of chunks (for large streamed uploads). */
  bytes?: Buffer;
  chunks?: () => Iterable<Buffer>;
};

/** A multipart/form-data request body (fields, then an optional file named "file") for app.inject. */
export function multipart(fields: Record<string, string>, file?: MultipartFile) {
  const gen = function* () {
    for (const [k, v] of Object.entries(fields))
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
    if (file) {
      yield Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      );
      if (file.bytes) yield file.bytes;
      if (file.chunks) yield* file.chunks();
      yield Buffer.from("\r\n");
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  };
  return {
    payload: Readable.from(gen()),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}
