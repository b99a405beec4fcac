// The reference app is generator output: replaying its manifest through the templates must give
// back exactly its files (hand-written ones aside, listed in hand-written.json with the packages
// they need, which the replay adds to package.json; a user-owned starting point such as
// src/extensions.ts is hand-written there too, and only its existence is compared).
// `npm run reference:sync` fixes a difference
// that the templates meant. What the generators write is formatted: no line of code is wider than
// the project's printWidth, unless a literal that Prettier cannot break makes it so.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as prettier from "prettier";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUserOwned, userOwnedFiles } from "../../generators/src/project/user-owned-files.js";
import { readHandWritten } from "../../generators/src/reference/hand-written.js";
import { isOutsideGeneratedFiles, replayProject } from "../../generators/src/reference/replay.js";
import { listGeneratedFiles } from "../../generators/src/reference/tree.js";
import { run } from "../support/run.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const referenceDir = path.join(root, "reference-app");

/**
 * The lines of a TypeScript or JavaScript file that are wider than `width` without counting their
 * string, template and regular expression literals: those Prettier could have broken (or comments,
 * which it leaves as written).
 */
function linesTooWide(file: string, text: string, width: number): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const inLiteral = new Array<boolean>(text.length).fill(false);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) {
      inLiteral.fill(true, node.getStart(source), node.end);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  const tooWide: string[] = [];
  let offset = 0;
  text.split("\n").forEach((line, index) => {
    const outsideLiterals = inLiteral.slice(offset, offset + line.length).filter((literal) => !literal).length;
    if (outsideLiterals > width) tooWide.push(`${file}:${String(index + 1)}: ${line}`);
    offset += line.length + 1;
  });
  return tooWide;
}

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

  it("keeps every line of code within the printWidth, unless a literal makes it wider", async () => {
    const { printWidth } = (await prettier.resolveConfig(path.join(rendered, "src/app.ts"))) ?? {};
    expect(printWidth).toBe(100);
    const files = (await listGeneratedFiles(rendered, handWritten)).filter((file) => /\.(ts|js)$/.test(file));
    expect(files.filter((file) => file.startsWith("src/modules/order-line/")).length).toBeGreaterThan(5);
    const tooWide: string[] = [];
    for (const file of files) tooWide.push(...linesTooWide(file, await readFile(path.join(rendered, file), "utf8"), printWidth ?? 0));
    expect(tooWide).toEqual([]);
  });

  it("lists as hand-written no file that its manifest generates, but the starting points the user owns", async () => {
    const generated = await listGeneratedFiles(rendered, []);
    expect(generated.filter((file) => isOutsideGeneratedFiles(file, handWritten) && !isUserOwned(file))).toEqual([]);
  });

  it("has every user-owned starting point that project creation writes", async () => {
    const generated = await listGeneratedFiles(rendered, []);
    const present = await listGeneratedFiles(referenceDir, []);
    expect(userOwnedFiles.filter((file) => !generated.includes(file))).toEqual([]);
    expect(userOwnedFiles.filter((file) => !present.includes(file))).toEqual([]);
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
