/**
 * What a project holds besides generator output, listed in `hand-written.json` beside its
 * manifest: files (or folders, written with a trailing slash) that the replay neither writes nor
 * compares, and the packages those files need. The replay adds the packages to the generated
 * package.json as `npm install --save-exact` would, so package.json stays compared as a whole.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as z from "zod";
import { GeneratorError } from "../errors.js";
import { parseJsonFile } from "../shared/json-file.js";

export const handWrittenListFile = "hand-written.json";

const relativePath = z
  .string()
  .min(1)
  .refine((entry) => !path.posix.isAbsolute(entry) && !entry.includes("\\") && !entry.split("/").includes(".."), {
    error: "must be a path inside the project, with forward slashes",
  });

// What `npm install --save-exact` writes: a version, never a range.
const exactVersion = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/, {
  error: "must be an exact version, as npm install --save-exact writes it",
});

const dependencies = z.record(z.string().min(1), exactVersion).default({});

const handWrittenSchema = z.strictObject({
  files: z.array(relativePath),
  dependencies,
  devDependencies: dependencies,
});

export interface HandWritten {
  /** Paths relative to the project; one ending in `/` stands for everything under it. The list file itself is included. */
  files: string[];
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

export const noHandWritten: HandWritten = { files: [], dependencies: {}, devDependencies: {} };

/** Parses and validates the list's text; `where` names the file in the one-line error. */
export function parseHandWritten(text: string, where: string): HandWritten {
  const list = parseJsonFile(handWrittenSchema, text, where);
  const both = Object.keys(list.dependencies).filter((name) => name in list.devDependencies);
  if (both.length > 0) {
    throw new GeneratorError(`Invalid ${where}: ${both.join(", ")} listed in both dependencies and devDependencies`);
  }
  return { ...list, files: [handWrittenListFile, ...list.files] };
}

/** The project's hand-written list; none when the project has no list file. */
export async function readHandWritten(projectDir: string): Promise<HandWritten> {
  const file = path.join(projectDir, handWrittenListFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return noHandWritten;
    throw error;
  }
  return parseHandWritten(text, file);
}

type DependencyKind = "dependencies" | "devDependencies";

/**
 * The generated package.json's text with the hand-written packages added, in npm's own layout:
 * keys of each dependency table sorted as npm sorts them, the file's indentation and final newline
 * kept. A package the generator already lists must be listed the same way, or the list is refused:
 * the generated version is what users get, and the reference app must not hide a different one.
 */
export function addHandWrittenDependencies(packageJsonText: string, handWritten: HandWritten, where: string): string {
  const tables: DependencyKind[] = ["dependencies", "devDependencies"];
  if (tables.every((kind) => Object.keys(handWritten[kind]).length === 0)) return packageJsonText;
  const manifest = JSON.parse(packageJsonText) as Record<string, unknown>;
  for (const kind of tables) {
    const wanted = Object.entries(handWritten[kind]);
    if (wanted.length === 0) continue;
    const table = { ...((manifest[kind] as Record<string, string> | undefined) ?? {}) };
    for (const [name, version] of wanted) {
      const other = tables.find((candidate) => candidate !== kind && name in ((manifest[candidate] as object | undefined) ?? {}));
      if (other !== undefined) {
        throw new GeneratorError(`${where}: ${name} is in ${kind}, but the generated package.json has it in ${other}`);
      }
      const generated = table[name];
      if (generated !== undefined && generated !== version) {
        throw new GeneratorError(`${where}: ${kind}.${name} is ${version}, but the generated package.json pins ${generated}`);
      }
      table[name] = version;
    }
    manifest[kind] = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b, "en")));
  }
  const indent = /^[ \t]+(?=")/m.exec(packageJsonText)?.[0] ?? "  ";
  const newline = packageJsonText.endsWith("\n") ? "\n" : "";
  return `${JSON.stringify(manifest, null, indent)}${newline}`;
}
