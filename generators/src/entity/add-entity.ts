/**
 * `plop entity` from top to bottom: normalize the answers, plan every file, format the plan with the
 * project's Prettier, then either describe it (dry run) or write it and regenerate the Prisma client. A failure while writing or generating
 * puts every file back as it was.
 */
import { prismaGenerate } from "../shared/prisma-generate.js";
import { normalizeAnswers } from "./answers.js";
import { applyChanges, restore } from "./apply.js";
import { describePlan } from "./dry-run.js";
import { formatPlan } from "./format-plan.js";
import { planEntity, type EntityPlan } from "./plan.js";

export interface AddEntityOptions {
  readonly now?: Date;
  /** Runs `prisma generate` after writing. Default: true. */
  readonly generate?: boolean;
  readonly log?: (line: string) => void;
}

/** Plans from raw answers; throws a GeneratorError for bad input, before anything is written. */
export function planFromAnswers(projectDir: string, raw: Record<string, unknown>, now = new Date()): EntityPlan & { dryRun: boolean } {
  const answers = normalizeAnswers(raw);
  return { ...planEntity(projectDir, answers, { now }), dryRun: answers.dryRun };
}

/** Formats the plan, writes it (or describes it, for a dry run) and returns the summary line. */
export async function carryOut(projectDir: string, planned: EntityPlan & { dryRun: boolean }, options: AddEntityOptions = {}): Promise<string> {
  const plan = await formatPlan(projectDir, planned);
  if (plan.dryRun) return describePlan(plan);
  const createdDirs = await applyChanges(projectDir, plan.changes);
  if (options.generate !== false) {
    try {
      await prismaGenerate(projectDir, { ...(options.log === undefined ? {} : { log: options.log }) });
    } catch (error) {
      await restore(projectDir, plan.changes, createdDirs);
      throw error;
    }
  }
  const created = plan.changes.filter((change) => change.before === undefined).length;
  return (
    `${plan.entity.pascal} added: ${String(created)} files created, ${String(plan.changes.length - created)} changed ` +
    `(src/modules/${plan.entity.kebab}/, ${plan.record.migration})`
  );
}
