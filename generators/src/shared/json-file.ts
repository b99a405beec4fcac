/**
 * Reads the JSON files a project carries for the generators (the manifest, the hand-written list)
 * against their zod schemas, so that a broken file is reported in one line naming the file and
 * every problem in it.
 */
import type { z } from "zod";
import { GeneratorError } from "../errors.js";

/** Parses `text` and validates it; `where` names the file in the one-line error. */
export function parseJsonFile<Schema extends z.ZodType>(schema: Schema, text: string, where: string): z.infer<Schema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GeneratorError(`Invalid ${where}: not JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(root)"}: ${issue.message}`,
    );
    throw new GeneratorError(`Invalid ${where}: ${problems.join("; ")}`);
  }
  return parsed.data;
}
