import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProjectRoot, projectRoot } from "./project-root.js";

describe("findProjectRoot", () => {
  let scratch: string;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "project-root-"));
    await mkdir(path.join(scratch, "service", "dist", "chunks"), { recursive: true });
    await writeFile(path.join(scratch, "service", "package.json"), "{}");
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("finds the nearest directory above that holds package.json, however deep the code sits", () => {
    const service = path.join(scratch, "service");
    expect(findProjectRoot(path.join(service, "dist", "chunks"))).toBe(service);
    expect(findProjectRoot(path.join(service, "dist"))).toBe(service);
    expect(findProjectRoot(service)).toBe(service);
  });

  it("is this project's directory when run from the sources", () => {
    expect(projectRoot).toBe(path.resolve(import.meta.dirname, "..", ".."));
  });
});
