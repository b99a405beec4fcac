/**
 * Runs `prisma generate` in a project whose dependencies are installed (in its own node_modules or,
 * in a workspace, in a parent's).
 *
 * The Prisma CLI refuses to start `generate` without its native schema engine, and downloads it on
 * first use; machines without internet access cannot. `generate` never runs that engine, so when
 * none was downloaded any existing file will do: we point PRISMA_SCHEMA_ENGINE_BINARY at the
 * WebAssembly build that ships inside the prisma package.
 */
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { GeneratorError } from "../errors.js";
import { runCommandOrThrow } from "./run-command.js";

export interface PrismaGenerateOptions {
  /** Receives the one line said when the schema engine is stood in for. */
  log?: (line: string) => void;
  /** Environment of the child process. Default: this process's. */
  env?: NodeJS.ProcessEnv;
}

export async function prismaGenerate(projectDir: string, options: PrismaGenerateOptions = {}): Promise<void> {
  const prismaPackage = resolveFrom(projectDir, "prisma/package.json");
  const enginesPackage = resolveFrom(projectDir, "@prisma/engines/package.json");
  if (prismaPackage === undefined) {
    throw new GeneratorError(`prisma is not installed in ${projectDir}: install the dependencies first`);
  }
  const prismaDir = path.dirname(prismaPackage);
  const env = { ...(options.env ?? process.env) };
  if (env.PRISMA_SCHEMA_ENGINE_BINARY === undefined && !hasDownloadedSchemaEngine(enginesPackage)) {
    const standIn = path.join(prismaDir, "build", "schema_engine_bg.wasm");
    env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
    options.log?.(
      `No Prisma schema engine downloaded: PRISMA_SCHEMA_ENGINE_BINARY=${path.relative(projectDir, standIn)} ` +
        "stands in (generate never runs it)",
    );
  }
  // Most of a `prisma generate` run is Node compiling the Prisma CLI's large bundle; V8's code
  // cache makes every run after the first start faster (plop entity runs it each time).
  env.NODE_COMPILE_CACHE ??= path.join(prismaDir, "..", ".cache", "create-layered-service", "node-compile-cache");
  const cli = path.join(prismaDir, "build", "index.js");
  await runCommandOrThrow("prisma generate", process.execPath, [cli, "generate"], { cwd: projectDir, env });
}

function resolveFrom(projectDir: string, request: string): string | undefined {
  try {
    return createRequire(path.join(projectDir, "package.json")).resolve(request);
  } catch {
    return undefined;
  }
}

function hasDownloadedSchemaEngine(enginesPackage: string | undefined): boolean {
  if (enginesPackage === undefined) return false;
  const enginesDir = path.dirname(enginesPackage);
  return existsSync(enginesDir) && readdirSync(enginesDir).some((name) => name.startsWith("schema-engine-"));
}
