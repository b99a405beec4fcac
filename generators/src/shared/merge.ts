/**
 * The three-way merge that keeps a user's edits when the generator writes a file again: the
 * difference between what the generator wrote last time (base) and what it writes now (generated)
 * is applied to the file as it is (current), line by line, with node-diff3.
 *
 * diff3 calls two changes a conflict as soon as they touch: a test the user appended at the end of a
 * block and a test the generator appends there, or a block the generator removes right before the
 * user's. Such a region is resolved when the two sides' changes do not overlap in the base: both are
 * applied, and lines both sides insert at one place come the user's first. Where both sides changed
 * the same lines differently, the result holds git's default conflict markers, the user's lines
 * first:
 *
 *   <<<<<<< current
 *   (the file's lines)
 *   =======
 *   (the generator's lines)
 *   >>>>>>> generated
 */
import { diff3Merge, diffIndices } from "node-diff3";

export const conflictMarkers = {
  current: "<<<<<<< current",
  separator: "=======",
  generated: ">>>>>>> generated",
} as const;

export interface MergeInput {
  /** What the generator wrote last time. */
  readonly base: string;
  /** The file as it is now, with the user's edits. */
  readonly current: string;
  /** What the generator writes now. */
  readonly generated: string;
}

export interface MergeResult {
  readonly text: string;
  /** How many regions conflict; 0 for a clean merge. */
  readonly conflicts: number;
}

export function mergeThreeWay({ base, current, generated }: MergeInput): MergeResult {
  if (current === base) return { text: generated, conflicts: 0 };
  if (generated === base || generated === current) return { text: current, conflicts: 0 };
  const regions = diff3Merge(current.split("\n"), base.split("\n"), generated.split("\n"), { excludeFalseConflicts: true });
  const lines: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok !== undefined) lines.push(...region.ok);
    if (region.conflict === undefined) continue;
    const { a, o, b } = region.conflict;
    const resolved = applyBoth(o, a, b);
    if (resolved !== undefined) {
      lines.push(...resolved);
      continue;
    }
    conflicts += 1;
    lines.push(conflictMarkers.current, ...a, conflictMarkers.separator, ...b, conflictMarkers.generated);
  }
  return { text: lines.join("\n"), conflicts };
}

interface Edit {
  /** The base lines it replaces: [start, end). An insertion has start === end. */
  readonly start: number;
  readonly end: number;
  readonly lines: readonly string[];
  /** 0 for the user's side, 1 for the generator's: the user's insertion goes first. */
  readonly side: 0 | 1;
}

/** Both sides' edits of a conflicting region applied to its base, or undefined where they overlap. */
function applyBoth(base: readonly string[], current: readonly string[], generated: readonly string[]): string[] | undefined {
  const editsOf = (side: readonly string[], which: 0 | 1): Edit[] =>
    diffIndices([...base], [...side]).map((hunk) => ({
      start: hunk.buffer1[0],
      end: hunk.buffer1[0] + hunk.buffer1[1],
      lines: hunk.buffer2Content,
      side: which,
    }));
  const ours = slideOutOf(editsOf(current, 0), editsOf(generated, 1), base);
  const theirs = slideOutOf(editsOf(generated, 1), ours, base);
  if (ours.some((mine) => theirs.some((other) => overlap(mine, other)))) return undefined;
  const edits = [...ours, ...theirs].sort((x, y) => x.start - y.start || x.end - x.start - (y.end - y.start) || x.side - y.side);
  const out: string[] = [];
  let position = 0;
  for (const edit of edits) {
    out.push(...base.slice(position, edit.start), ...edit.lines);
    position = Math.max(position, edit.end);
  }
  out.push(...base.slice(position));
  return out;
}

/**
 * A diff places an insertion among equal lines arbitrarily: a test block added after a blank line
 * reads as well as one added before it. An insertion that lands inside what the other side replaces
 * is moved, where the lines allow, to the edge of that replacement.
 */
function slideOutOf(edits: readonly Edit[], others: readonly Edit[], base: readonly string[]): Edit[] {
  return edits.map((edit) => {
    const around = others.find((other) => edit.start === edit.end && other.start < edit.start && edit.start < other.end);
    if (around === undefined) return edit;
    return slide(edit, around.start, base) ?? slide(edit, around.end, base) ?? edit;
  });
}

/** The insertion moved to `target`, carrying the equal lines it passes over, or undefined if they differ. */
function slide(insertion: Edit, target: number, base: readonly string[]): Edit | undefined {
  let lines = [...insertion.lines];
  let at = insertion.start;
  while (at > target && lines.length > 0 && lines.at(-1) === base[at - 1]) {
    lines = [base[at - 1] ?? "", ...lines.slice(0, -1)];
    at -= 1;
  }
  while (at < target && lines.length > 0 && lines[0] === base[at]) {
    lines = [...lines.slice(1), base[at] ?? ""];
    at += 1;
  }
  return at === target ? { ...insertion, start: at, end: at, lines } : undefined;
}

/** Whether two edits touch the same base lines, or one inserts strictly inside what the other replaces. */
function overlap(x: Edit, y: Edit): boolean {
  if (x.start < y.end && y.start < x.end) return true;
  const insideOf = (insertion: Edit, other: Edit) =>
    insertion.start === insertion.end && other.start < insertion.start && insertion.start < other.end;
  return insideOf(x, y) || insideOf(y, x);
}
