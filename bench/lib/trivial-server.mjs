// Baseline HTTP server for the benchmarks: node:http answering every request with one fixed
// JSON body of BODY_BYTES bytes (roughly the size of the real response being compared).
// Usage: PORT=... BODY_BYTES=... node bench/lib/trivial-server.mjs
import { createServer } from "node:http";

const port = Number(process.env.PORT);
const bytes = Math.max(64, Number(process.env.BODY_BYTES ?? 2048));
const item = { id: "00000000-0000-4000-8000-000000000000", username: "user", displayName: "某某" };
const items = [];
let body = "";
while (Buffer.byteLength(body) < bytes) {
  items.push(item);
  body = JSON.stringify({ items, page: 1, pageSize: 20, total: items.length });
}

const server = createServer((_req, res) => {
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
});
server.listen(port, "127.0.0.1");
const stop = () => server.close(() => process.exit(0));
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
