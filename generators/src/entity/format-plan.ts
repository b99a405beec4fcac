/**
 * The step between planning and writing: a plan's files as the project's Prettier formats them
 * (shared/format.ts), without the ones that, formatted, are what the project already has. Planning
 * stays synchronous, so plop can check the answers in a prompt; Prettier's API is asynchronous.
 */
import { formatSources } from "../shared/format.js";
import type { EntityPlan } from "./plan.js";

export async function formatPlan<Plan extends EntityPlan>(projectDir: string, plan: Plan): Promise<Plan> {
  const formatted = await formatSources(
    projectDir,
    plan.changes.map((change) => ({ path: change.path, content: change.after })),
  );
  const changes = plan.changes
    .map((change, index) => ({ ...change, after: formatted[index]?.content ?? change.after }))
    .filter((change) => change.after !== change.before);
  return { ...plan, changes };
}
