/**
 * Runs `prisma generate` in a freshly installed project.
 *
 * The Prisma CLI refuses to start `generate` without its native schema engine, and downloads it on
 * first use; machines without internet access cannot. `generate` never runs that engine, so when
 * none was downloaded any existing file will do: we point PRISMA_SCHEMA_ENGINE_BINARY at the
 * WebAssembly build that ships inside the prisma package.
 */
import { existsSync, readdirSync } from "node:fs";
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
  const binName = process.platform === "win32" ? "prisma.cmd" : "prisma";
  const prismaBin = path.join(projectDir, "node_modules", ".bin", binName);
  if (!existsSync(prismaBin)) {
    throw new GeneratorError(`prisma is not installed in ${projectDir}: install the dependencies first`);
  }
  const env = { ...(options.env ?? process.env) };
  if (env["PRISMA_SCHEMA_ENGINE_BINARY"] === undefined && !hasDownloadedSchemaEngine(projectDir)) {
    const standIn = path.join(projectDir, "node_modules", "prisma", "build", "schema_engine_bg.wasm");
    env["PRISMA_SCHEMA_ENGINE_BINARY"] = standIn;
    options.log?.(
      `No Prisma schema engine downloaded: PRISMA_SCHEMA_ENGINE_BINARY=${path.relative(projectDir, standIn)} ` +
        "stands in (generate never runs it)",
    );
  }
  await runCommandOrThrow("prisma generate", prismaBin, ["generate"], { cwd: projectDir, env });
}

function hasDownloadedSchemaEngine(projectDir: string): boolean {
  const enginesDir = path.join(projectDir, "node_modules", "@prisma", "engines");
  try {
    return readdirSync(enginesDir).some((name) => name.startsWith("schema-engine-"));
  } catch {
    return false;
  }
}
