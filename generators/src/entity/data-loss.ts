/**
 * The rule for steps that drop data (removing a field, destroying an entity): they go ahead only
 * with `-- --allow-data-loss`, or once confirmed on a terminal. A dry run drops nothing, so it needs
 * neither.
 */
import { GeneratorError } from "../errors.js";
import type { DataLossPermission } from "./answers.js";

export function requireDataLossPermission(dataLoss: readonly string[], permission: DataLossPermission, dryRun: boolean): void {
  if (dataLoss.length === 0 || dryRun || permission === "allowed") return;
  const what = dataLoss.map((line) => line.replace(/\.$/, "")).join("; ");
  if (permission === "declined") throw new GeneratorError(`Nothing written: dropping the data was not confirmed (${what}).`);
  throw new GeneratorError(`${what}. Add "-- --allow-data-loss" to go ahead (nothing written).`);
}
