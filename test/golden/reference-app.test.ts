// The reference app is generator output: replaying its manifest through the templates must give
// back exactly its files (hand-written ones aside, listed in hand-written.json with the packages
// they need, which the replay adds to package.json). `npm run reference:sync` fixes a difference
// that the templates meant.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readHandWritten } from "../../generators/src/reference/hand-written.js";
import { isOutsideGeneratedFiles, replayProject } from "../../generators/src/reference/replay.js";
import { listGeneratedFiles } from "../../generators/src/reference/tree.js";
import { run } from "../support/run.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const referenceDir = path.join(root, "reference-app");

describe("reference-app", () => {
  let scratch: string;
  let rendered: string;
  let handWritten: string[];

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "golden-"));
    rendered = path.join(scratch, "reference-app");
    await replayProject(referenceDir, rendered);
    handWritten = (await readHandWritten(referenceDir)).files;
  });

  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it("has exactly the files its manifest generates, besides its hand-written ones", async () => {
    const expected = await listGeneratedFiles(rendered, handWritten);
    const actual = await listGeneratedFiles(referenceDir, handWritten);
    expect(actual, "run `npm run reference:sync` if the templates changed on purpose").toEqual(expected);
  });

  it("lists as hand-written no file that its manifest generates", async () => {
    const generated = await listGeneratedFiles(rendered, []);
    expect(generated.filter((file) => isOutsideGeneratedFiles(file, handWritten))).toEqual([]);
  });

  it("has the same content in every generated file", async () => {
    const files = await listGeneratedFiles(rendered, handWritten);
    const differing: string[] = [];
    for (const file of files) {
      const want = await readFile(path.join(rendered, file), "utf8");
      const have = await readFile(path.join(referenceDir, file), "utf8").catch(() => undefined);
      if (have !== want) differing.push(file);
    }
    if (differing.length > 0) {
      const diffs: string[] = [];
      for (const file of differing) {
        const { output } = await run(
          "git",
          ["diff", "--no-index", "--no-color", path.join(rendered, file), path.join(referenceDir, file)],
          { cwd: root },
        );
        diffs.push(output);
      }
      const packages = differing.includes("package.json")
        ? "; a package installed for hand-written code belongs in hand-written.json, or the sync removes it"
        : "";
      expect.fail(
        `reference-app differs from what its manifest generates (run \`npm run reference:sync\` if intended${packages}):\n${diffs.join("\n")}`,
      );
    }
  });
});
