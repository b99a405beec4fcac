/**
 * The step between planning and writing: a plan's files as the project's Prettier formats them
 * (shared/format.ts), without the ones that, formatted, are what the project already has. Planning
 * stays synchronous, so plop can check the answers in a prompt; Prettier's API is asynchronous.
 * Files the plan deletes stay deleted.
 */
import { formatSources } from "../shared/format.js";
import type { FileChange } from "./plan.js";

export async function formatPlan<Plan extends { readonly changes: readonly FileChange[] }>(projectDir: string, plan: Plan): Promise<Plan> {
  const written = plan.changes.flatMap((change) => (change.after === undefined ? [] : [{ path: change.path, content: change.after }]));
  const formatted = new Map((await formatSources(projectDir, written)).map((file) => [file.path, file.content]));
  const changes = plan.changes
    .map((change) => ({ ...change, after: change.after === undefined ? undefined : (formatted.get(change.path) ?? change.after) }))
    .filter((change) => change.after !== change.before);
  return { ...plan, changes };
}

