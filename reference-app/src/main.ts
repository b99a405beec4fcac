// The process entry point. Node's compile cache keeps the compiled code of every module on disk
// (in the system's temporary directory, or where NODE_COMPILE_CACHE points), so that a restart
// skips most of the work of loading them. It must be on before those modules load, so the service
// itself starts in start.ts, imported once the cache is on; the production bundle (build.js) keeps
// start.ts and everything it imports in a chunk of its own for the same reason.
import { enableCompileCache } from "node:module";

enableCompileCache();
await import("./start.js");
