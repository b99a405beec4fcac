/**
 * The asynchronous half of a change: the module's files rendered for the recorded and the new
 * fields go through the project's Prettier, exactly as files are formatted when they are written,
 * and the difference between the two is merged into the files on disk (merge-module.ts). The
 * merged files are not formatted again: they hold the user's layout, and maybe conflict markers.
 */
import { formatSources } from "../../shared/format.js";
import { manifestFileName } from "../../shared/manifest.js";
import { formatPlan } from "../format-plan.js";
import { changedFiles, readProject, type FileChange } from "../plan.js";
import { mergeModuleFiles, type ModuleMerge } from "./merge-module.js";
import type { ChangePlan } from "./plan-change.js";

export interface FinishedChange extends ChangePlan {
  readonly merge: Omit<ModuleMerge, "files">;
  /** Every file whose content changes, in the order they are written: schema, migration, module, manifest. */
  readonly changes: readonly FileChange[];
}

export async function finishChange<Plan extends ChangePlan>(projectDir: string, plan: Plan): Promise<Plan & FinishedChange> {
  const [base, generated, formatted] = await Promise.all([
    formatSources(projectDir, plan.renders.base),
    formatSources(projectDir, plan.renders.generated),
    formatPlan(projectDir, plan),
  ]);
  const project = readProject(projectDir);
  const { files, ...merge } = mergeModuleFiles(project, base, generated);
  const isManifest = (change: FileChange) => change.path === manifestFileName;
  const changes = [
    ...formatted.changes.filter((change) => !isManifest(change)),
    ...changedFiles(project, files),
    ...formatted.changes.filter(isManifest),
  ];
  return { ...plan, merge, changes };
}
