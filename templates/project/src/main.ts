// The process entry point. Node's compile cache keeps the compiled code of every module on disk
// (in the system's temporary directory, or where NODE_COMPILE_CACHE points), so that a restart
// skips most of the work of loading them. It must be on before those modules load, so the service
// itself starts in start.ts, imported once the cache is on; the production bundle (build.js) keeps
// start.ts and everything it imports in a chunk of its own for the same reason.
//
// `node dist/main.js --fill-compile-cache` loads the service's code, writes what Node compiled to
// the cache and exits without starting the service: the Dockerfile runs it, so that a new
// container starts with the cache filled rather than empty.
import { enableCompileCache, flushCompileCache } from "node:module";
import { parseArgs } from "node:util";

function optionsOrExit(): { fillCompileCache: boolean } {
  try {
    const { values } = parseArgs({ options: { "fill-compile-cache": { type: "boolean" } } });
    return { fillCompileCache: values["fill-compile-cache"] === true };
  } catch (error) {
    process.stderr.write(
      `${(error as Error).message}; the only option is --fill-compile-cache (load the code, fill Node's compile cache, exit)\n`,
    );
    process.exit(1);
  }
}

const { fillCompileCache } = optionsOrExit();
enableCompileCache();
const { start } = await import("./start.js");
if (fillCompileCache) flushCompileCache();
else await start();
