/**
 * `plop entity` from top to bottom: normalize the answers, plan every file (a new entity, or a
 * change of an existing one's fields with --force), format the plan with the project's Prettier (a
 * change merges its formatted module files into the user's), then either describe it (dry run) or
 * write it and regenerate the Prisma client. A failure while writing or generating puts every file
 * back as it was. A change whose merge left conflict markers is written, then reported as a failure.
 */
import { GeneratorError } from "../errors.js";
import { prismaGenerate } from "../shared/prisma-generate.js";
import { normalizeAnswers, type EntityAnswers } from "./answers.js";
import { applyChanges, restore } from "./apply.js";
import { finishChange, type FinishedChange } from "./change/finish-change.js";
import { planChange, type ChangePlan } from "./change/plan-change.js";
import { requireDataLossPermission } from "./data-loss.js";
import { describeChanges, describePlan } from "./dry-run.js";
import { formatPlan } from "./format-plan.js";
import { planEntity, type EntityPlan, type FileChange } from "./plan.js";

export interface AddEntityOptions {
  readonly now?: Date;
  /** Runs `prisma generate` after writing. Default: true. */
  readonly generate?: boolean;
  readonly log?: (line: string) => void;
}

export type PlannedEntity = ({ readonly kind: "create" } & EntityPlan) | ({ readonly kind: "change" } & ChangePlan);

/** Plans from raw answers; throws a GeneratorError for bad input, before anything is written. */
export function planFromAnswers(projectDir: string, raw: Record<string, unknown>, now = new Date()): PlannedEntity & { dryRun: boolean } {
  const answers = normalizeAnswers(raw);
  const plan = planAnswers(projectDir, answers, now);
  if (plan.kind === "change") requireDataLossPermission(plan.dataLoss, answers.dataLoss, answers.dryRun);
  return { ...plan, dryRun: answers.dryRun };
}

/** The data the answers would drop, one line each, before any permission is asked for it. */
export function dataLossFromAnswers(projectDir: string, raw: Record<string, unknown>, now = new Date()): readonly string[] {
  const plan = planAnswers(projectDir, normalizeAnswers(raw), now);
  return plan.kind === "change" ? plan.dataLoss : [];
}

// --force always means a change: on a misspelt name it refuses rather than create another entity.
function planAnswers(projectDir: string, answers: EntityAnswers, now: Date): PlannedEntity {
  return answers.force
    ? { kind: "change", ...planChange(projectDir, answers, { now }) }
    : { kind: "create", ...planEntity(projectDir, answers, { now }) };
}

/** Formats the plan, writes it (or describes it, for a dry run) and returns the summary line. */
export async function carryOut(projectDir: string, planned: PlannedEntity & { dryRun: boolean }, options: AddEntityOptions = {}): Promise<string> {
  if (planned.kind === "change") {
    const plan = await finishChange(projectDir, planned);
    if (planned.dryRun) return describeChange(plan);
    await writeAndGenerate(projectDir, plan.changes, options);
    return changeSummary(plan);
  }
  const plan = await formatPlan(projectDir, planned);
  if (plan.dryRun) return describePlan(plan);
  await writeAndGenerate(projectDir, plan.changes, options);
  const created = plan.changes.filter((change) => change.before === undefined).length;
  return (
    `${plan.entity.pascal} added: ${String(created)} files created, ${String(plan.changes.length - created)} changed ` +
    `(src/modules/${plan.entity.kebab}/, ${plan.record.migration})`
  );
}

/** Writes the changes and runs `prisma generate`; puts every file back if either fails. */
export async function writeAndGenerate(projectDir: string, changes: readonly FileChange[], options: AddEntityOptions): Promise<void> {
  const createdDirs = await applyChanges(projectDir, changes);
  if (options.generate === false) return;
  try {
    await prismaGenerate(projectDir, { ...(options.log === undefined ? {} : { log: options.log }) });
  } catch (error) {
    await restore(projectDir, changes, createdDirs);
    throw error;
  }
}

function changeSummary(plan: FinishedChange): string {
  const { merged, conflicted, deleted } = plan.merge;
  if (conflicted.length > 0) {
    throw new GeneratorError(
      `${plan.entity.pascal} changed (${plan.record.migration}), with conflicts in ${conflicted.join(", ")}: ` +
        "resolve the <<<<<<< current / >>>>>>> generated markers, then run the typecheck and tests.",
    );
  }
  return [
    `${plan.entity.pascal} changed: ${String(plan.changes.length)} files written (${plan.record.migration})`,
    ...(merged.length > 0 ? [`your edits kept in ${merged.join(", ")}`] : []),
    ...(deleted.length > 0 ? [`left deleted: ${deleted.join(", ")}`] : []),
    ...plan.risks,
  ].join("; ");
}

function describeChange(plan: FinishedChange): string {
  const { merged, conflicted, deleted } = plan.merge;
  return describeChanges(
    `Dry run: plop entity ${plan.entity.pascal} would change its fields, writing ${String(plan.changes.length)} files (nothing written).`,
    plan.changes,
    [
      ...plan.dataLoss.map((line) => `drops data: ${line}`),
      ...plan.risks.map((line) => `may stop: ${line}`),
      ...merged.map((file) => `keeps your edits: ${file}`),
      ...conflicted.map((file) => `conflict: ${file}`),
      ...deleted.map((file) => `stays deleted (you deleted it): ${file}`),
    ],
  );
}
