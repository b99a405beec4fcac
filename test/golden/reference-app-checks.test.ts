// The reference app is a real service: its own typecheck, lint and tests run here, on PGlite and,
// when DATABASE_URL is set, on PostgreSQL too.
import path from "node:path";
import { beforeAll, describe, it } from "vitest";
import { prismaGenerate } from "../../generators/src/project/prisma-generate.js";
import { expectSuccess, projectEnvironment, run } from "../support/run.js";

const referenceDir = path.resolve(import.meta.dirname, "..", "..", "reference-app");

describe("reference-app's own checks", () => {
  beforeAll(async () => {
    await prismaGenerate(referenceDir);
  });

  it.each(["typecheck", "lint", "test"])("npm run %s passes", async (script) => {
    expectSuccess(await run("npm", ["run", script], { cwd: referenceDir, env: projectEnvironment() }), `npm run ${script}`);
  }, 600_000);
});
