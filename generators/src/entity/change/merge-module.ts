/**
 * The module files of a changed entity: what the generator wrote for the recorded fields (base),
 * what it writes for the new ones (generated), merged into each file as it is on disk so that the
 * user's edits stay. A file the change does not affect is left alone, a file the user never edited
 * takes the new content, and a generated file the user deleted stays deleted (reported).
 */
import { mergeThreeWay } from "../../shared/merge.js";
import type { ProjectFiles, WantedFile } from "../plan.js";
import type { SourceFile } from "../../shared/format.js";

export interface ModuleMerge {
  /** The files to write: new content or the merge result (with conflict markers where it has them). */
  readonly files: readonly WantedFile[];
  /** Files where the user's edits were kept alongside the generator's change. */
  readonly merged: readonly string[];
  /** Files that hold conflict markers. */
  readonly conflicted: readonly string[];
  /** Generated files the user deleted, which the change would have touched; they stay deleted. */
  readonly deleted: readonly string[];
}

export function mergeModuleFiles(project: ProjectFiles, base: readonly SourceFile[], generated: readonly SourceFile[]): ModuleMerge {
  const files: WantedFile[] = [];
  const merged: string[] = [];
  const conflicted: string[] = [];
  const deleted: string[] = [];
  for (const file of generated) {
    const before = base.find((candidate) => candidate.path === file.path)?.content;
    const current = project.read(file.path);
    if (before === file.content) continue;
    if (current === undefined) {
      if (before === undefined) files.push({ path: file.path, after: file.content });
      else deleted.push(file.path);
      continue;
    }
    const result = mergeThreeWay({ base: before ?? "", current, generated: file.content });
    if (result.text === current) continue;
    files.push({ path: file.path, after: result.text });
    if (result.conflicts > 0) conflicted.push(file.path);
    else if (current !== before) merged.push(file.path);
  }
  return { files, merged, conflicted, deleted };
}
