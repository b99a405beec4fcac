/** Normalizes what `plop destroy` was given, from a prompt or from the command line, into one shape. */
import { GeneratorError } from "../errors.js";
import { dataLossPermission, flag, type DataLossPermission } from "../entity/answers.js";

export interface DestroyAnswers {
  readonly name: string;
  readonly dryRun: boolean;
  /** Also deletes the files of the module folder that the generator did not write. */
  readonly force: boolean;
  readonly dataLoss: DataLossPermission;
}

export const destroyUsage = "npx plop destroy <Name> [-- --allow-data-loss --dry-run --force]";

export function normalizeDestroyAnswers(raw: Record<string, unknown>): DestroyAnswers {
  const name = typeof raw.name === "string" ? raw.name.trim() : "";
  if (name === "") throw new GeneratorError(`Missing entity name. Usage: ${destroyUsage}`);
  return {
    name,
    dryRun: flag(raw.dryRun) || flag(raw["dry-run"]),
    force: flag(raw.force),
    dataLoss: dataLossPermission(raw),
  };
}
