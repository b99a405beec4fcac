// Formatting as a generated project's own `format` script would: its Prettier configuration (or a
// new project's, where it has none), its ignore files, and no parser, no change.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { projectTemplateDir } from "../../../generators/src/paths.js";
import { formatFilesInPlace, formatSources } from "../../../generators/src/shared/format.js";
import { scratchDirectories } from "../../support/scratch.js";

const scratch = scratchDirectories("cls-format-");

const wide = `export const value = { first: "a value", second: "another value", third: "a third value", fourth: 4 };\n`;

async function formatted(projectDir: string, file: string, content: string): Promise<string | undefined> {
  const [result] = await formatSources(projectDir, [{ path: file, content }]);
  return result?.content;
}

describe("formatSources", () => {
  it("formats with the Prettier version that generated projects pin, so their format check agrees", () => {
    const template = readFileSync(path.join(projectTemplateDir, "package.json.hbs"), "utf8");
    expect(/"prettier": "([^"]+)"/.exec(template)?.[1]).toBe(prettier.version);
  });

  it("formats with the project's own configuration", async () => {
    const projectDir = scratch();
    writeFileSync(path.join(projectDir, ".prettierrc.yaml"), "printWidth: 120\nsemi: false\n");

    expect(await formatted(projectDir, "src/value.ts", wide)).toBe(wide.replace(";\n", "\n"));
  });

  it("formats with a new project's configuration where the project has none", async () => {
    const projectDir = scratch();

    expect(await formatted(projectDir, "src/value.ts", wide)).toBe(
      [
        "export const value = {",
        '  first: "a value",',
        '  second: "another value",',
        '  third: "a third value",',
        "  fourth: 4,",
        "};",
        "",
      ].join("\n"),
    );
    expect(await formatted(projectDir, "src/short.ts", `export const x = ${"1 + ".repeat(20)}1;\n`)).toBe(
      `export const x = ${"1 + ".repeat(20)}1;\n`,
    );
  });

  it("leaves alone what Prettier has no parser for, and what the project's ignore files list", async () => {
    const projectDir = scratch();
    writeFileSync(path.join(projectDir, ".prettierignore"), "prisma/migrations/\n");
    writeFileSync(path.join(projectDir, ".gitignore"), "src/generated/\n");
    const untidy = "const  x =1\n";

    expect(await formatted(projectDir, "prisma/schema.prisma", "model  A {\n id String @id\n}\n")).toBe(
      "model  A {\n id String @id\n}\n",
    );
    expect(await formatted(projectDir, "prisma/migrations/1_a/migration.sql", "CREATE  TABLE a ();\n")).toBe("CREATE  TABLE a ();\n");
    expect(await formatted(projectDir, "prisma/migrations/1_a/notes.ts", untidy)).toBe(untidy);
    expect(await formatted(projectDir, "src/generated/client.ts", untidy)).toBe(untidy);
    expect(await formatted(projectDir, "src/x.ts", untidy)).toBe("const x = 1;\n");
  });

  it("formats JSON and YAML as well as code", async () => {
    const projectDir = scratch();

    expect(await formatted(projectDir, "data.json", '{"a":[1,2],\n"b":{"c":true}}')).toBe('{ "a": [1, 2], "b": { "c": true } }\n');
    expect(await formatted(projectDir, "ci.yml", "on:\n    push:\njobs:   {}\n")).toBe("on:\n  push:\njobs: {}\n");
  });

  it("names the file it cannot parse in a one-line GeneratorError", async () => {
    const projectDir = scratch();

    await expect(formatted(projectDir, "src/broken.ts", "export const = ;\n")).rejects.toThrow(
      /^src\/broken\.ts could not be formatted: [^\n]+$/,
    );
  });
});

describe("formatFilesInPlace", () => {
  it("rewrites the files it is given, and only those", async () => {
    const projectDir = scratch();
    writeFileSync(path.join(projectDir, "a.ts"), "const  a =1\n");
    writeFileSync(path.join(projectDir, "b.ts"), "const  b =1\n");

    await formatFilesInPlace(projectDir, ["a.ts"]);

    expect(readFileSync(path.join(projectDir, "a.ts"), "utf8")).toBe("const a = 1;\n");
    expect(readFileSync(path.join(projectDir, "b.ts"), "utf8")).toBe("const  b =1\n");
  });
});
