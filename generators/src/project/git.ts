/**
 * Makes the new project a git repository with one commit. Skipped, without complaint, where git
 * is not installed or the project already lies inside a repository (a monorepo, say).
 */
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { isMissingCommand, runCommand } from "../shared/run-command.js";

export interface GitOutcome {
  /** failed: git is there but could not make the repository; the project is left without one. */
  status: "done" | "skipped" | "failed";
  detail: string;
}

export const gitNotInstalled = "git is not installed";

export async function initGitRepository(projectDir: string, commitMessage: string): Promise<GitOutcome> {
  const git = (...args: string[]) => runCommand("git", args, { cwd: projectDir });
  try {
    const insideRepository = await git("rev-parse", "--is-inside-work-tree");
    if (insideRepository.exitCode === 0) {
      return { status: "skipped", detail: "already inside a git repository" };
    }
  } catch (error) {
    if (isMissingCommand(error)) return { status: "skipped", detail: gitNotInstalled };
    throw error;
  }

  if (existsSync(path.join(projectDir, ".git"))) {
    return { status: "skipped", detail: "the directory already has a .git" };
  }

  const steps = [
    ["init", "--quiet"],
    ["add", "--all"],
    ["commit", "--quiet", "--message", commitMessage],
  ];
  for (const args of steps) {
    const result = await git(...args);
    if (result.exitCode !== 0) {
      // Most often the commit, for want of a configured user.name and user.email. A repository
      // without its first commit would only surprise: leave the project as if git had not been asked for.
      await rm(path.join(projectDir, ".git"), { recursive: true, force: true });
      return { status: "failed", detail: `git ${String(args[0])} failed: ${lastLine(result.output)}` };
    }
  }
  return { status: "done", detail: "initialized with a first commit" };
}

function lastLine(output: string): string {
  return output.trim().split("\n").at(-1) ?? "";
}
