/**
 * The three-way merge that keeps a user's edits when the generator writes a file again: the
 * difference between what the generator wrote last time (base) and what it writes now (generated)
 * is applied to the file as it is (current), line by line, with node-diff3. Where both sides
 * changed the same lines differently, the result holds git's default conflict markers, the user's
 * lines first:
 *
 *   <<<<<<< current
 *   (the file's lines)
 *   =======
 *   (the generator's lines)
 *   >>>>>>> generated
 */
import { diff3Merge } from "node-diff3";

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
    if (region.conflict !== undefined) {
      conflicts += 1;
      lines.push(conflictMarkers.current, ...region.conflict.a, conflictMarkers.separator, ...region.conflict.b, conflictMarkers.generated);
    }
  }
  return { text: lines.join("\n"), conflicts };
}
