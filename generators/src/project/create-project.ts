/**
 * Creates a project: the whole pipeline behind `create-layered-service`, for the CLI, tests and
 * the reference-app sync. Each step is a verb of its own file; this one only orders them.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import { gitNotInstalled, initGitRepository } from "./git.js";
import { installDependencies } from "./install.js";
import {
  normalize,
  type NormalizedProject,
  type NormalizeEnvironment,
  type ProjectRequest,
  type ViewModel,
} from "./normalize.js";
import { filesToOverwrite, inspectTarget, placeProject, type TargetState } from "./place.js";
import { formatFilesInPlace } from "../shared/format.js";
import { prismaGenerate } from "../shared/prisma-generate.js";
import { renderProject } from "./render.js";
import { silentReporter, type Reporter } from "./reporter.js";
import { createStaging } from "./staging.js";

export type StepName = "write" | "install" | "prisma-generate" | "git";

export interface StepOutcome {
  step: StepName;
  status: "done" | "skipped" | "failed";
  detail: string;
}

export interface CreateProjectResult {
  project: NormalizedProject;
  /** Files written (or, in a dry run, that would be), relative to the project, sorted. */
  files: string[];
  /** Files that were already in the target and were (or would be) replaced. */
  overwritten: string[];
  /** The steps after rendering, in order. Empty in a dry run. */
  steps: StepOutcome[];
}

export type Renderer = (viewModel: ViewModel, destinationDir: string) => Promise<string[]>;

export interface CreateProjectDependencies {
  /** Where progress goes. Default: nowhere. */
  reporter?: Reporter;
  /** Default: renderProject. */
  render?: Renderer;
  /** Default: this process's working directory and package manager. */
  environment?: NormalizeEnvironment;
}

export async function createProject(
  request: ProjectRequest,
  dependencies: CreateProjectDependencies = {},
): Promise<CreateProjectResult> {
  const { reporter = silentReporter, render = renderProject } = dependencies;
  const project = normalize(request, dependencies.environment);
  const target = inspectTarget(project.targetDir, project.force);

  if (project.dryRun) {
    const files = await renderAside(project, render);
    const overwritten = target.exists ? await filesToOverwrite(project.targetDir, files) : [];
    return { project, files, overwritten, steps: [] };
  }

  const { files, overwritten } = await writeProject(project, target, render);
  const steps: StepOutcome[] = [{ step: "write", status: "done", detail: `${String(files.length)} files` }];

  if (project.install) {
    await reporter.task(`Installing dependencies with ${project.packageManager}`, () =>
      installDependencies(project.targetDir, project.packageManager),
    );
    steps.push({ step: "install", status: "done", detail: project.viewModel.installCmd });
    await reporter.task("Generating the Prisma client", (note) => prismaGenerate(project.targetDir, { log: note }));
    steps.push({ step: "prisma-generate", status: "done", detail: "prisma generate" });
  } else {
    steps.push({ step: "install", status: "skipped", detail: "not requested" });
    steps.push({ step: "prisma-generate", status: "skipped", detail: "dependencies not installed" });
  }

  if (project.git) {
    const outcome = await initGitRepository(project.targetDir, "Initial commit from create-layered-service");
    if (outcome.status === "done") reporter.info("Initialized a git repository with a first commit");
    if (outcome.status === "failed") reporter.warn(`No git repository: ${outcome.detail}`);
    if (outcome.status === "skipped" && outcome.detail !== gitNotInstalled) {
      reporter.info(`No git init: ${outcome.detail}`);
    }
    steps.push({ step: "git", ...outcome });
  } else {
    steps.push({ step: "git", status: "skipped", detail: "not requested" });
  }

  return { project, files, overwritten, steps };
}

/**
 * Renders beside the target, formats what it rendered with the project's new Prettier configuration,
 * and moves the result into place, leaving nothing behind on failure.
 */
async function writeProject(
  project: NormalizedProject,
  target: TargetState,
  render: Renderer,
): Promise<{ files: string[]; overwritten: string[] }> {
  const staging = await createStaging(path.dirname(project.targetDir), project.name);
  try {
    const files = await render(project.viewModel, staging.dir);
    await formatFilesInPlace(staging.dir, files);
    const overwritten = await placeProject(staging.dir, project.targetDir, files, target);
    return { files, overwritten };
  } finally {
    await staging.dispose();
  }
}

/** A dry run renders into the system's temporary directory, nowhere near the target. */
async function renderAside(project: NormalizedProject, render: Renderer): Promise<string[]> {
  const staging = await createStaging(tmpdir(), `create-layered-service-${project.name}`);
  try {
    return await render(project.viewModel, staging.dir);
  } finally {
    await staging.dispose();
  }
}
