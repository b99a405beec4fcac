/**
 * A scratch directory to render into, removed whatever happens: on success, on error, on SIGINT,
 * SIGTERM or SIGHUP, and at process exit. Only a SIGKILL can leave one behind, and then it is a
 * hidden `.<name>.tmp-*` beside the target, never a half-made project at the target.
 */
import { randomBytes } from "node:crypto";
import { mkdir, rm, rmdir } from "node:fs/promises";
import { rmSync, rmdirSync } from "node:fs";
import path from "node:path";

export interface Staging {
  readonly dir: string;
  /** Removes the directory (if it is still there) and the parents created for it (if empty). */
  dispose(): Promise<void>;
}

const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Creates `<parent>/.<name>.tmp-<random>`, creating `parent` first when needed. Put it beside the
 * target, on the same filesystem, so that moving it into place is a rename.
 */
export async function createStaging(parent: string, name: string): Promise<Staging> {
  const createdParent = await mkdir(parent, { recursive: true });
  const dir = await makeUniqueDir(parent, name);
  // Directories we made, innermost first; only ever removed while empty.
  const createdParents = createdParent === undefined ? [] : ancestorsUpTo(parent, createdParent);

  const removeNow = (): void => {
    rmSync(dir, { recursive: true, force: true });
    for (const created of createdParents) {
      try {
        rmdirSync(created);
      } catch {
        break;
      }
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    removeNow();
    stopListening();
    // Die of the signal as if nobody had listened, unless the host program handles it itself.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const stopListening = (): void => {
    for (const signal of signals) process.removeListener(signal, onSignal);
    process.removeListener("exit", removeNow);
  };
  for (const signal of signals) process.on(signal, onSignal);
  process.on("exit", removeNow);

  return {
    dir,
    async dispose() {
      stopListening();
      await rm(dir, { recursive: true, force: true });
      for (const created of createdParents) {
        try {
          await rmdir(created);
        } catch {
          break;
        }
      }
    },
  };
}

async function makeUniqueDir(parent: string, name: string): Promise<string> {
  for (;;) {
    const dir = path.join(parent, `.${name}.tmp-${randomBytes(6).toString("hex")}`);
    try {
      // mkdir rather than mkdtemp: the directory becomes the project, so it gets the usual
      // permissions (0777 less the umask), not mkdtemp's 0700.
      await mkdir(dir);
      return dir;
    } catch (error) {
      if (!(error instanceof Error && "code" in error && error.code === "EEXIST")) throw error;
    }
  }
}

/** `dir` and each of its parents up to and including `top`, innermost first. */
function ancestorsUpTo(dir: string, top: string): string[] {
  const chain: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    chain.push(current);
    if (current === top || path.dirname(current) === current) return chain;
  }
}
