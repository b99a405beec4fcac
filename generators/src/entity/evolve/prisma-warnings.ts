/**
 * The comment block that `prisma migrate dev` puts at the top of a migration when its destructive
 * change checker has something to say, with the checker's own sentences as it writes them when it
 * cannot look at the data: warnings first, then the steps that may not run, each in step order.
 */

export interface MigrationWarnings {
  readonly warnings: readonly string[];
  readonly unexecutable: readonly string[];
}

export function droppedColumnWarning(table: string, column: string): string {
  return `You are about to drop the column \`${column}\` on the \`${table}\` table. All the data in the column will be lost.`;
}

export function droppedTableWarning(table: string): string {
  return `You are about to drop the \`${table}\` table. If the table is not empty, all the data it contains will be lost.`;
}

export function addedUniqueWarning(table: string, column: string): string {
  return (
    `A unique constraint covering the columns \`[${column}]\` on the table \`${table}\` will be added. ` +
    "If there are existing duplicate values, this will fail."
  );
}

export function madeRequiredWarning(table: string, column: string): string {
  return `Made the column \`${column}\` on table \`${table}\` required. This step will fail if there are existing NULL values in that column.`;
}

/** The block, ending in a newline, or "" when there is nothing to warn about. */
export function renderWarnings({ warnings, unexecutable }: MigrationWarnings): string {
  const lines = [...warnings, ...unexecutable];
  if (lines.length === 0) return "";
  return `/*\n  Warnings:\n\n${lines.map((line) => `  - ${line}\n`).join("")}\n*/\n`;
}
