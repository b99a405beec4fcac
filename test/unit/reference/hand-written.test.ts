// hand-written.json lists what a project holds besides generator output: files the replay leaves
// alone, and the packages they need, which the replay adds to the generated package.json in npm's
// own layout. A damaged list is refused with one line that names the file and every bad field.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GeneratorError } from "../../../generators/src/errors.js";
import {
  addHandWrittenDependencies,
  handWrittenListFile,
  parseHandWritten,
  readHandWritten,
  type HandWritten,
} from "../../../generators/src/reference/hand-written.js";

const where = "reference-app/hand-written.json";

function handWritten(overrides: Partial<HandWritten> = {}): HandWritten {
  return { files: [], dependencies: {}, devDependencies: {}, ...overrides };
}

describe("parseHandWritten", () => {
  it("returns the files, with the list file itself, and the packages", () => {
    const text = JSON.stringify({ files: ["src/platform/mailbox.ts", "docs/"], dependencies: { cockatiel: "4.0.0" } });
    expect(parseHandWritten(text, where)).toEqual({
      files: [handWrittenListFile, "src/platform/mailbox.ts", "docs/"],
      dependencies: { cockatiel: "4.0.0" },
      devDependencies: {},
    });
  });

  it("refuses text that is not JSON, in one line that names the file", () => {
    const parse = () => parseHandWritten("[not json", where);
    expect(parse).toThrow(GeneratorError);
    expect(parse).toThrow(/^Invalid reference-app\/hand-written\.json: not JSON \([^\n]*\)$/);
  });

  it("refuses a bare list of files, naming what is missing", () => {
    expect(() => parseHandWritten(JSON.stringify(["src/a.ts"]), where)).toThrow(
      /^Invalid reference-app\/hand-written\.json: \(root\): [^\n]+$/,
    );
  });

  it("names every bad field at once: a path outside the project, a version range, an unknown key", () => {
    const text = JSON.stringify({
      files: ["src/ok.ts", "../elsewhere.ts", "/etc/passwd"],
      dependencies: { cockatiel: "^4.0.0" },
      devDependencies: { vitest: "latest" },
      peerDependencies: {},
    });
    const parse = () => parseHandWritten(text, where);
    expect(parse).toThrow(GeneratorError);
    expect(parse).toThrow(
      /^Invalid reference-app\/hand-written\.json: files\.1: must be a path inside the project[^;]*; files\.2: [^;]+; dependencies\.cockatiel: must be an exact version[^;]*; devDependencies\.vitest: [^;]+; \(root\): [^;\n]*peerDependencies[^;\n]*$/,
    );
  });

  it("refuses a package listed both as a dependency and as a devDependency", () => {
    const text = JSON.stringify({ files: [], dependencies: { cockatiel: "4.0.0" }, devDependencies: { cockatiel: "4.0.0" } });
    expect(() => parseHandWritten(text, where)).toThrow(/^Invalid reference-app\/hand-written\.json: cockatiel listed in both dependencies and devDependencies$/);
  });
});

describe("reading a project's list", () => {
  let project: string;

  beforeEach(async () => {
    project = await mkdtemp(path.join(tmpdir(), "cls-hand-written-"));
  });

  afterEach(async () => {
    await rm(project, { recursive: true, force: true });
  });

  it("finds nothing hand-written in a project without the file", async () => {
    expect(await readHandWritten(project)).toEqual(handWritten());
  });

  it("names the file's full path when it is damaged", async () => {
    await writeFile(path.join(project, handWrittenListFile), "{}");
    await expect(readHandWritten(project)).rejects.toThrow(`Invalid ${path.join(project, handWrittenListFile)}: files: `);
  });
});

describe("addHandWrittenDependencies", () => {
  const generated = `${JSON.stringify(
    {
      name: "shop",
      dependencies: { fastify: "5.12.8", "@trpc/server": "11.25.2", zod: "4.6.7" },
      devDependencies: { vitest: "5.1.1" },
      allowScripts: { esbuild: true },
    },
    null,
    2,
  )}\n`;

  it("leaves package.json byte for byte as generated when no package is listed", () => {
    const text = '{\n  "name": "shop",\n  "files": ["dist"]\n}\n';
    expect(addHandWrittenDependencies(text, handWritten(), where)).toBe(text);
  });

  it("adds each package in npm's order, keeping every other key where it was", () => {
    const text = addHandWrittenDependencies(
      generated,
      handWritten({ dependencies: { cockatiel: "4.0.0", "@fastify/cors": "11.0.0" }, devDependencies: { msw: "2.0.0" } }),
      where,
    );
    const result = JSON.parse(text) as Record<string, Record<string, string>>;
    expect(Object.keys(result)).toEqual(["name", "dependencies", "devDependencies", "allowScripts"]);
    expect(Object.keys(result.dependencies ?? {})).toEqual(["@fastify/cors", "@trpc/server", "cockatiel", "fastify", "zod"]);
    expect(result.devDependencies).toEqual({ msw: "2.0.0", vitest: "5.1.1" });
  });

  it("keeps the file's indentation and final newline", () => {
    const tabbed = JSON.stringify({ name: "shop", dependencies: { zod: "4.6.7" } }, null, "\t");
    expect(addHandWrittenDependencies(tabbed, handWritten({ dependencies: { cockatiel: "4.0.0" } }), where)).toBe(
      '{\n\t"name": "shop",\n\t"dependencies": {\n\t\t"cockatiel": "4.0.0",\n\t\t"zod": "4.6.7"\n\t}\n}',
    );
  });

  it("adds a table the generated file does not have at its end, as npm does", () => {
    const text = addHandWrittenDependencies('{\n  "name": "shop"\n}\n', handWritten({ devDependencies: { msw: "2.0.0" } }), where);
    expect(text).toBe('{\n  "name": "shop",\n  "devDependencies": {\n    "msw": "2.0.0"\n  }\n}\n');
  });

  it("accepts a package the generator already pins at the same version", () => {
    const text = addHandWrittenDependencies(generated, handWritten({ dependencies: { zod: "4.6.7" } }), where);
    expect(JSON.parse(text)).toEqual(JSON.parse(generated));
  });

  it("refuses a package the generator pins at another version", () => {
    expect(() => addHandWrittenDependencies(generated, handWritten({ dependencies: { zod: "4.7.0" } }), where)).toThrow(
      new GeneratorError(`${where}: dependencies.zod is 4.7.0, but the generated package.json pins 4.6.7`),
    );
  });

  it("refuses a package the generator lists in the other table", () => {
    expect(() => addHandWrittenDependencies(generated, handWritten({ dependencies: { vitest: "5.1.1" } }), where)).toThrow(
      new GeneratorError(`${where}: vitest is in dependencies, but the generated package.json has it in devDependencies`),
    );
  });
});
