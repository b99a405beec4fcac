/**
 * `npm run reference:sync`: rewrites reference-app/ from the templates by replaying its manifest.
 * Generated files are replaced, stale ones removed; hand-written files (hand-written.json),
 * installed dependencies and local data are left alone. A user-owned starting point (such as
 * src/extensions.ts) is written only when the reference app has none.
 */
import { access, copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { packageRoot } from "../paths.js";
import { userOwnedFiles } from "../project/user-owned-files.js";
import { readHandWritten } from "../reference/hand-written.js";
import { replayProject } from "../reference/replay.js";
import { listGeneratedFiles } from "../reference/tree.js";

const referenceDir = path.join(packageRoot, "reference-app");
const scratch = await mkdtemp(path.join(tmpdir(), "reference-sync-"));
try {
  const rendered = path.join(scratch, "reference-app");
  await replayProject(referenceDir, rendered);
  const handWritten = (await readHandWritten(referenceDir)).files;
  const wanted = await listGeneratedFiles(rendered, handWritten);
  const present = await listGeneratedFiles(referenceDir, handWritten);
  const stale = present.filter((file) => !wanted.includes(file));
  for (const file of stale) await rm(path.join(referenceDir, file));
  const exists = (file: string) => access(path.join(referenceDir, file)).then(() => true, () => false);
  const missingOwned: string[] = [];
  for (const file of userOwnedFiles) if (!(await exists(file))) missingOwned.push(file);
  for (const file of [...wanted, ...missingOwned]) {
    await mkdir(path.dirname(path.join(referenceDir, file)), { recursive: true });
    await copyFile(path.join(rendered, file), path.join(referenceDir, file));
  }
  process.stdout.write(`reference-app: ${String(wanted.length)} generated files written, ${String(stale.length)} stale removed\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
