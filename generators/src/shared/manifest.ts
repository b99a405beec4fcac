/**
 * The manifest every generated project carries (`layered-service.json`): how the project was made
 * and, in order, each entity added with `plop entity`. Replaying it reproduces the project's
 * generated files; the reference app's golden test and `npm run reference:sync` rely on that.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { GeneratorError } from "../errors.js";
import { databases } from "./choices.js";

export const manifestFileName = "layered-service.json";

const entityRecordSchema = z.object({
  name: z.string().min(1),
  fields: z.string(),
  plural: z.string().min(1).optional(),
  /** The migration directory it wrote, e.g. `20260101120000_create_product`. */
  migration: z.string().min(1),
});

const manifestSchema = z.object({
  generator: z.string(),
  version: z.string(),
  project: z.object({ name: z.string().min(1), db: z.enum(databases) }),
  entities: z.array(entityRecordSchema),
});

export type EntityRecord = z.infer<typeof entityRecordSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

/** Parses and validates a manifest's text; `where` names the file in the one-line error. */
export function parseManifest(text: string, where: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError(`Invalid ${where}: not JSON (${(error as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`);
    throw new GeneratorError(`Invalid ${where}: ${problems.join("; ")}`);
  }
  return parsed.data;
}

export async function readManifest(projectDir: string): Promise<Manifest> {
  const file = path.join(projectDir, manifestFileName);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new GeneratorError(`No ${manifestFileName} in ${projectDir}: is this a project made by create-layered-service?`);
  }
  return parseManifest(text, file);
}
