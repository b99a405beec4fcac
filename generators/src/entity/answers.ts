/**
 * Normalizes what `plop entity` was given, from prompts or from the command line, into one shape.
 * plop hands over strings, booleans (`-- --dry-run`) or nothing; names are trimmed, flags made boolean.
 */
import { GeneratorError } from "../errors.js";

export interface EntityAnswers {
  readonly name: string;
  readonly fields: string;
  readonly plural: string | undefined;
  readonly dryRun: boolean;
  /** An existing entity's fields change to the ones given. */
  readonly force: boolean;
  readonly dataLoss: DataLossPermission;
}

/** Whether a step that drops data may go ahead: a flag off a terminal, a confirmation on one. */
export type DataLossPermission = "allowed" | "declined" | "not given";

export const usage =
  'npx plop entity <Name> "<field>:<type>[?][:modifier]..." [-- --plural <word> --dry-run --force --allow-data-loss]';

export function normalizeAnswers(raw: Record<string, unknown>): EntityAnswers {
  const name = text(raw.name);
  if (name === undefined || name === "") {
    throw new GeneratorError(`Missing entity name. Usage: ${usage}`);
  }
  const plural = text(raw.plural);
  return {
    name,
    fields: text(raw.fields) ?? "",
    plural: plural === "" ? undefined : plural,
    dryRun: flag(raw.dryRun) || flag(raw["dry-run"]),
    force: flag(raw.force),
    dataLoss: dataLossPermission(raw),
  };
}

/** `-- --allow-data-loss` on the command line, or the answer to the confirmation asked on a terminal. */
export function dataLossPermission(raw: Record<string, unknown>): DataLossPermission {
  if (flag(raw.allowDataLoss) || flag(raw["allow-data-loss"]) || raw.confirmDataLoss === true) return "allowed";
  return raw.confirmDataLoss === false ? "declined" : "not given";
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new GeneratorError(`Expected text, got ${JSON.stringify(value)}. Usage: ${usage}`);
  return value.trim();
}

export function flag(value: unknown): boolean {
  return value === true || value === "true";
}
