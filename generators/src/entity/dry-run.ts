/**
 * What a plan would do, as text: one line per file to create or change, and a unified diff of each
 * changed file. Nothing is written.
 */
import { structuredPatch } from "diff";
import type { EntityPlan, FileChange } from "./plan.js";

export function describePlan(plan: EntityPlan): string {
  const lines = [`Dry run: plop entity ${plan.entity.pascal} would write ${String(plan.changes.length)} files (nothing written).`];
  for (const change of plan.changes) lines.push(`${change.before === undefined ? "create" : "change"} ${change.path}`);
  for (const change of plan.changes) {
    if (change.before !== undefined) lines.push("", unifiedDiff(change));
  }
  return `${lines.join("\n")}\n`;
}

/** A unified diff of a changed file, with three lines of context, as `diff -u` prints it. */
export function unifiedDiff(change: FileChange): string {
  const patch = structuredPatch(`a/${change.path}`, `b/${change.path}`, change.before ?? "", change.after, undefined, undefined, {
    context: 3,
  });
  const out = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${String(hunk.oldStart)},${String(hunk.oldLines)} +${String(hunk.newStart)},${String(hunk.newLines)} @@`, ...hunk.lines);
  }
  return out.join("\n");
}
