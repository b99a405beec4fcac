/**
 * `plop destroy` from top to bottom: normalize the answers, plan every file, check that dropping the
 * table was allowed, format the plan with the project's Prettier, then either describe it (dry run)
 * or write it and regenerate the Prisma client, putting every file back if that fails.
 */
import { writeAndGenerate, type AddEntityOptions } from "../entity/add-entity.js";
import { requireDataLossPermission } from "../entity/data-loss.js";
import { describeChanges } from "../entity/dry-run.js";
import { formatPlan } from "../entity/format-plan.js";
import { formatSources } from "../shared/format.js";
import { normalizeDestroyAnswers } from "./answers.js";
import { planDestroy, type DestroyPlan } from "./plan-destroy.js";

/** Plans from raw answers; throws a GeneratorError for bad input or a missing permission, before anything is written. */
export function planDestroyFromAnswers(projectDir: string, raw: Record<string, unknown>, now = new Date()): DestroyPlan & { dryRun: boolean } {
  const answers = normalizeDestroyAnswers(raw);
  const plan = planDestroy(projectDir, answers, { now });
  requireDataLossPermission(plan.dataLoss, answers.dataLoss, answers.dryRun);
  return { ...plan, dryRun: answers.dryRun };
}

/** What destroying would drop, before any permission is asked for it (and after every other check). */
export function destroyDataLoss(projectDir: string, raw: Record<string, unknown>, now = new Date()): readonly string[] {
  return planDestroy(projectDir, normalizeDestroyAnswers(raw), { now }).dataLoss;
}

/** Formats the plan (what is left of the registration files), writes it or describes it, and returns the summary. */
export async function carryOutDestroy(projectDir: string, planned: DestroyPlan & { dryRun: boolean }, options: AddEntityOptions = {}): Promise<string> {
  const plan = await formatPlan(projectDir, planned);
  const edited = await editedFiles(projectDir, plan);
  const notes = [
    ...plan.dataLoss.map((line) => `drops data: ${line}`),
    ...edited.map((file) => `deletes your edits: ${file}`),
    ...plan.kept.map((file) => `keeps (not generated; --force deletes it): ${file}`),
  ];
  const deleted = plan.changes.filter((change) => change.after === undefined).length;
  if (plan.dryRun) {
    return describeChanges(
      `Dry run: plop destroy ${plan.entity.pascal} would delete ${String(deleted)} files and write ${String(plan.changes.length - deleted)} (nothing written).`,
      plan.changes,
      notes,
    );
  }
  await writeAndGenerate(projectDir, plan.changes, options);
  return [
    `${plan.entity.pascal} destroyed: ${String(deleted)} files deleted, ${String(plan.changes.length - deleted)} written (${plan.record.migration})`,
    ...(edited.length > 0 ? [`deleted, edits included: ${edited.join(", ")}`] : []),
    ...(plan.kept.length > 0 ? [`kept, not generated: ${plan.kept.join(", ")} (--force deletes them)`] : []),
  ].join("; ");
}

/** The generated files it deletes that differ from what the generator wrote (rendered and formatted). */
async function editedFiles(projectDir: string, plan: DestroyPlan): Promise<string[]> {
  const written = new Map((await formatSources(projectDir, plan.generated)).map((file) => [file.path, file.content]));
  return plan.changes.flatMap((change) => {
    const generated = written.get(change.path);
    return change.after === undefined && generated !== undefined && change.before !== generated ? [change.path] : [];
  });
}
