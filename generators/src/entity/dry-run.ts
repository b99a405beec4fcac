/**
 * What a plan would do, as text: one line per file to create or change, and a unified diff of each
 * changed file. Nothing is written.
 */
import type { EntityPlan, FileChange } from "./plan.js";

export function describePlan(plan: EntityPlan): string {
  const lines = [`Dry run: plop entity ${plan.entity.pascal} would write ${String(plan.changes.length)} files (nothing written).`];
  for (const change of plan.changes) lines.push(`${change.before === undefined ? "create" : "change"} ${change.path}`);
  for (const change of plan.changes) {
    if (change.before !== undefined) lines.push("", unifiedDiff(change));
  }
  return `${lines.join("\n")}\n`;
}

const context = 3;

/** A unified diff of a changed file, with three lines of context, as `diff -u` prints it. */
export function unifiedDiff(change: FileChange): string {
  const before = splitLines(change.before ?? "");
  const after = splitLines(change.after);
  const edits = diffLines(before, after);
  const out = [`--- a/${change.path}`, `+++ b/${change.path}`];
  let index = 0;
  while (index < edits.length) {
    if (edits[index]?.kind === " ") {
      index += 1;
      continue;
    }
    const start = Math.max(0, index - context);
    let end = index;
    // Extend the hunk while the next change is within twice the context.
    for (let cursor = index; cursor < edits.length; cursor += 1) {
      if (edits[cursor]?.kind !== " ") end = cursor;
      else if (cursor - end > context * 2) break;
    }
    const stop = Math.min(edits.length, end + context + 1);
    const hunk = edits.slice(start, stop);
    const oldStart = (edits[start]?.oldLine ?? 0) + 1;
    const newStart = (edits[start]?.newLine ?? 0) + 1;
    const oldCount = hunk.filter((edit) => edit.kind !== "+").length;
    const newCount = hunk.filter((edit) => edit.kind !== "-").length;
    out.push(`@@ -${String(oldStart)},${String(oldCount)} +${String(newStart)},${String(newCount)} @@`);
    for (const edit of hunk) out.push(`${edit.kind}${edit.text}`);
    index = stop;
  }
  return out.join("\n");
}

interface Edit {
  kind: " " | "-" | "+";
  text: string;
  /** Lines of the old and new file before this one. */
  oldLine: number;
  newLine: number;
}

function splitLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

// Longest common subsequence by dynamic programming: the files are small.
function diffLines(before: readonly string[], after: readonly string[]): Edit[] {
  const rows = before.length + 1;
  const columns = after.length + 1;
  const lengths = new Uint32Array(rows * columns);
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i * columns + j] =
        before[i] === after[j]
          ? (lengths[(i + 1) * columns + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * columns + j] ?? 0, lengths[i * columns + j + 1] ?? 0);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      edits.push({ kind: " ", text: before[i] ?? "", oldLine: i, newLine: j });
      i += 1;
      j += 1;
    } else if (i < before.length && (j === after.length || (lengths[(i + 1) * columns + j] ?? 0) >= (lengths[i * columns + j + 1] ?? 0))) {
      edits.push({ kind: "-", text: before[i] ?? "", oldLine: i, newLine: j });
      i += 1;
    } else {
      edits.push({ kind: "+", text: after[j] ?? "", oldLine: i, newLine: j });
      j += 1;
    }
  }
  return edits;
}
