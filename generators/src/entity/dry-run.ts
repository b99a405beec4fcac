/**
 * What a plan would do, as text: one line per file to create, change or delete, any notes (data
 * that would be dropped, edits merged, conflicts), and a unified diff of each changed file. Nothing
 * is written.
 */
import { structuredPatch } from "diff";
import type { EntityPlan, FileChange } from "./plan.js";

export function describePlan(plan: EntityPlan): string {
  return describeChanges(`Dry run: plop entity ${plan.entity.pascal} would write ${String(plan.changes.length)} files (nothing written).`, plan.changes);
}

/** The heading, a line per file, the notes, then the diffs of the files that exist before and after. */
export function describeChanges(heading: string, changes: readonly FileChange[], notes: readonly string[] = []): string {
  const lines = [heading];
  for (const change of changes) lines.push(`${verbOf(change)} ${change.path}`);
  if (notes.length > 0) lines.push("", ...notes);
  for (const change of changes) {
    if (change.before !== undefined && change.after !== undefined) lines.push("", unifiedDiff(change));
  }
  return `${lines.join("\n")}\n`;
}

/** A unified diff of a changed file, with three lines of context, as `diff -u` prints it. */
export function unifiedDiff(change: FileChange): string {
  const patch = structuredPatch(`a/${change.path}`, `b/${change.path}`, change.before ?? "", change.after ?? "", undefined, undefined, {
    context: 3,
  });
  const out = [`--- ${patch.oldFileName}`, `+++ ${patch.newFileName}`];
  for (const hunk of patch.hunks) {
    out.push(`@@ -${String(hunk.oldStart)},${String(hunk.oldLines)} +${String(hunk.newStart)},${String(hunk.newLines)} @@`, ...hunk.lines);
  }
  return out.join("\n");
}

function verbOf(change: FileChange): string {
  if (change.before === undefined) return "create";
  return change.after === undefined ? "delete" : "change";
}
