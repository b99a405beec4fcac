import { mkdirSync, readFileSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GeneratorError } from "../../../generators/src/errors.js";
import { prismaGenerate } from "../../../generators/src/shared/prisma-generate.js";
import { CommandFailedError } from "../../../generators/src/shared/run-command.js";
import { scratchDirectories } from "../../support/scratch.js";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

const scratch = scratchDirectories("cls-prisma-");

/** A project whose `prisma` package records the schema engine it was given, and exits with `exitCode`. */
function projectWithRecordingPrisma(exitCode = 0): string {
  const projectDir = scratch();
  const prismaDir = path.join(projectDir, "node_modules", "prisma");
  mkdirSync(path.join(prismaDir, "build"), { recursive: true });
  writeFileSync(path.join(prismaDir, "package.json"), JSON.stringify({ name: "prisma", version: "0.0.0" }));
  writeFileSync(
    path.join(prismaDir, "build", "index.js"),
    [
      'const { writeFileSync } = require("node:fs");',
      'writeFileSync("called.txt", `${process.argv.slice(2).join(" ")} engine=${process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? ""}\\n`);',
      'console.log("prisma says hello");',
      `process.exit(${String(exitCode)});`,
    ].join("\n"),
  );
  return projectDir;
}

const environmentWithoutEngine = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.PRISMA_SCHEMA_ENGINE_BINARY;
  return env;
};

describe("prismaGenerate", () => {
  it("points PRISMA_SCHEMA_ENGINE_BINARY at the wasm engine inside prisma when none was downloaded, and says so", async () => {
    const projectDir = projectWithRecordingPrisma();
    const said: string[] = [];

    await prismaGenerate(projectDir, { env: environmentWithoutEngine(), log: (line) => said.push(line) });

    const standIn = path.join(projectDir, "node_modules", "prisma", "build", "schema_engine_bg.wasm");
    expect(readFileSync(path.join(projectDir, "called.txt"), "utf8").trim()).toBe(`generate engine=${standIn}`);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("PRISMA_SCHEMA_ENGINE_BINARY");
  });

  it("leaves the engine to Prisma when one was downloaded", async () => {
    const projectDir = projectWithRecordingPrisma();
    const engines = path.join(projectDir, "node_modules", "@prisma", "engines");
    mkdirSync(engines, { recursive: true });
    writeFileSync(path.join(engines, "package.json"), JSON.stringify({ name: "@prisma/engines", version: "0.0.0" }));
    writeFileSync(path.join(engines, "schema-engine-debian-openssl-3.0.x"), "");
    const said: string[] = [];

    await prismaGenerate(projectDir, { env: environmentWithoutEngine(), log: (line) => said.push(line) });

    expect(readFileSync(path.join(projectDir, "called.txt"), "utf8").trim()).toBe("generate engine=");
    expect(said).toEqual([]);
  });

  it("keeps an engine the caller chose", async () => {
    const projectDir = projectWithRecordingPrisma();

    await prismaGenerate(projectDir, { env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/opt/engine" } });

    expect(readFileSync(path.join(projectDir, "called.txt"), "utf8").trim()).toBe("generate engine=/opt/engine");
  });

  it("fails with prisma's output when prisma generate fails", async () => {
    const projectDir = projectWithRecordingPrisma(2);

    const failure = prismaGenerate(projectDir, { env: environmentWithoutEngine() });

    await expect(failure).rejects.toThrow(CommandFailedError);
    await expect(failure).rejects.toMatchObject({
      message: "prisma generate failed (exit code 2)",
      output: expect.stringContaining("prisma says hello") as unknown,
    });
  });

  it("refuses a project whose dependencies are not installed", async () => {
    await expect(prismaGenerate(scratch())).rejects.toThrow(GeneratorError);
  });

  it("generates a real Prisma client offline with the installed prisma", async () => {
    const projectDir = scratch();
    symlinkSync(path.join(root, "node_modules"), path.join(projectDir, "node_modules"));
    mkdirSync(path.join(projectDir, "prisma"));
    writeFileSync(
      path.join(projectDir, "prisma", "schema.prisma"),
      [
        "generator client {",
        '  provider            = "prisma-client"',
        '  output              = "../src/generated/prisma"',
        '  importFileExtension = "js"',
        "}",
        "datasource db {",
        '  provider = "postgresql"',
        "}",
        "model Thing {",
        "  id String @id",
        "}",
      ].join("\n"),
    );

    await prismaGenerate(projectDir, { env: environmentWithoutEngine() });

    expect(existsSync(path.join(projectDir, "src", "generated", "prisma", "client.ts"))).toBe(true);
  });
});
