// Starts a leaf worker (leaf-worker.ts) in its thread: a worker thread does not inherit the
// process's TypeScript loader, so it registers its own before loading the worker's code.
import { register } from "tsx/esm/api";

register();
await import("./leaf-worker.ts");
