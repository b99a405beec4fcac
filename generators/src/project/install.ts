/** Installs the new project's dependencies with the chosen package manager. */
import { GeneratorError } from "../errors.js";
import type { PackageManager } from "../shared/choices.js";
import { isMissingCommand, runCommandOrThrow } from "../shared/run-command.js";

export async function installDependencies(projectDir: string, packageManager: PackageManager): Promise<void> {
  try {
    await runCommandOrThrow(`${packageManager} install`, packageManager, ["install"], { cwd: projectDir });
  } catch (error) {
    if (isMissingCommand(error)) {
      throw new GeneratorError(
        `${packageManager} was not found on PATH: install it, or choose another package manager ` +
          "(the project itself is written)",
      );
    }
    throw error;
  }
}
