// A fresh project from the built CLI, checked the way its user would check it: it is formatted as
// its own Prettier configuration says, its own typecheck, lint and tests pass, and it starts and
// answers over HTTP. Dependencies come from this repository's install (the reference app's
// workspace has the same ones), linked in, not installed again.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateProject } from "../support/project.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";
import { expectHealthyService, startService } from "../support/service.js";

async function checks(projectDir: string): Promise<void> {
  for (const script of ["format:check", "typecheck", "lint", "test"]) {
    expectSuccess(await run("npm", ["run", script], { cwd: projectDir, env: projectEnvironment() }), `npm run ${script}`);
  }
}

describe("a freshly generated project", () => {
  let scratch: string;
  let projectDir: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "e2e-project-"));
    projectDir = await generateProject(scratch, "fresh-service", [], { expectEmptyStderr: true });
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("passes its own format check, typecheck, lint and tests", async () => {
    await checks(projectDir);
  }, 600_000);

  it("starts, reports itself healthy and answers a tRPC call", async () => {
    const service = await startService(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: projectDir,
      env: projectEnvironment({ PORT: "0", DATABASE_URL: "", PGLITE_DATA_DIR: path.join(scratch, "data") }),
    });
    let code: number | null;
    try {
      await expectHealthyService(service.url, "fresh-service");
    } finally {
      code = await service.stop("SIGTERM");
    }
    expect(code).toBe(0);
  }, 120_000);
});

describe("a freshly generated project on PostgreSQL (--db postgres)", () => {
  let scratch: string;
  let projectDir: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "e2e-project-pg-"));
    projectDir = await generateProject(scratch, "pg-service", ["--db", "postgres"], { expectEmptyStderr: true });
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("passes its own format check, typecheck, lint and tests", async () => {
    await checks(projectDir);
  }, 600_000);
});
