/**
 * The manifest every generated project carries (`layered-service.json`): how the project was made
 * and, in order, each entity added with `plop entity`. Replaying it reproduces the project's
 * generated files; the reference app's golden test and `npm run reference:sync` rely on that.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { GeneratorError } from "../errors.js";
import type { Database } from "./choices.js";

export const manifestFileName = "layered-service.json";

export interface EntityRecord {
  name: string;
  fields: string;
  plural?: string;
  /** The migration directory it wrote, e.g. `20260101120000_create_product`. */
  migration: string;
}

export interface Manifest {
  generator: string;
  version: string;
  project: { name: string; db: Database };
  entities: EntityRecord[];
}

export async function readManifest(projectDir: string): Promise<Manifest> {
  const file = path.join(projectDir, manifestFileName);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new GeneratorError(`No ${manifestFileName} in ${projectDir}: is this a project made by create-layered-service?`);
  }
  return JSON.parse(text) as Manifest;
}
