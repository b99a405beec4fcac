/**
 * Files that project creation writes once, as a starting point, and that belong to the user from
 * then on: the hand-written code's hooks into the generated code. No generator writes them again
 * (`plop entity`, a change or a destroy plans no change to them), and a reference project lists
 * its own version as hand-written: the golden test checks only that they exist.
 */
export const userOwnedFiles: readonly string[] = [
  "docs/README.md",
  "src/extensions.ts",
  "test/support/extension-inputs.ts",
];

export function isUserOwned(relativePath: string): boolean {
  return userOwnedFiles.includes(relativePath);
}
