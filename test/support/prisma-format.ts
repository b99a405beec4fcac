/**
 * Runs the installed Prisma CLI's `prisma format` on a schema text and returns the formatted text.
 * The CLI wants a native schema engine before it does anything; pointing
 * PRISMA_SCHEMA_ENGINE_BINARY at any existing file skips that download, and `format` never runs it.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");

export async function prismaFormat(schema: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "prisma-format-"));
  try {
    const file = path.join(dir, "schema.prisma");
    await writeFile(file, schema);
    await promisify(execFile)(process.execPath, [prismaCli, "format", "--schema", file], {
      cwd: dir,
      env: {
        ...process.env,
        PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
    return await readFile(file, "utf8");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
