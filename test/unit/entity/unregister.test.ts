// Destroying an entity takes out exactly the lines that registering it put at the marker comments
// of src/app-router.ts, src/services.ts and test/support/conformance.ts, and nothing else.
import { mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityNames } from "../../../generators/src/entity/naming.js";
import { registerConformance, registerRouter, registerService } from "../../../generators/src/entity/register.js";
import { unregisterConformance, unregisterRouter, unregisterService } from "../../../generators/src/entity/unregister.js";
import { normalize } from "../../../generators/src/project/normalize.js";
import { renderProject } from "../../../generators/src/project/render.js";

const customer = entityNames("Customer");
const lineItem = entityNames("line item");

let scratch: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), "cls-unregister-"));
  const project = path.join(scratch, "shop");
  await renderProject(normalize({ directory: "shop" }, { cwd: scratch, userAgent: undefined }).viewModel, project);
  for (const file of ["src/app-router.ts", "src/services.ts", "test/support/conformance.ts"]) {
    files[file] = readFileSync(path.join(project, file), "utf8");
  }
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const pairs = [
  ["src/app-router.ts", registerRouter, unregisterRouter],
  ["src/services.ts", registerService, unregisterService],
  ["test/support/conformance.ts", registerConformance, unregisterConformance],
] as const;

describe.each(pairs)("unregistering from %s", (file, register, unregister) => {
  it("gives back the file as it was before the entity was registered", () => {
    const original = files[file] ?? "";
    expect(unregister(register(original, customer), customer)).toBe(original);
  });

  it("leaves the other entities' registrations in place", () => {
    const original = files[file] ?? "";
    const withBoth = register(register(original, customer), lineItem);
    expect(unregister(withBoth, customer)).toBe(register(original, lineItem));
  });

  it("leaves the file as it is when the entity is not registered", () => {
    const withLineItem = register(files[file] ?? "", lineItem);
    expect(unregister(withLineItem, customer)).toBe(withLineItem);
  });

  it("finds a registration that a formatter spread over several lines", () => {
    const original = files[file] ?? "";
    const spread = register(register(original, customer), lineItem)
      .replace(/^( *)import \{ ([^}]*Customer[^}]*) \} from (".*");$/gim, (_line, indent: string, names: string, from: string) =>
        [`${indent}import {`, ...names.split(", ").map((name) => `${indent}  ${name},`), `${indent}} from ${from};`].join("\n"),
      )
      .replace(/^( *)customer: (.*)\(\{ (.*) \}\),$/m, (_line, indent: string, call: string, args: string) =>
        [`${indent}customer: ${call}({`, ...args.split(", ").map((arg) => `${indent}  ${arg},`), `${indent}}),`].join("\n"),
      )
      .replace(/^( *)customer: \{ (.*) \},$/m, (_line, indent: string, body: string) =>
        [`${indent}customer: {`, ...body.split(", newInput").map((part, index) => `${indent}  ${index === 0 ? part : `newInput${part}`},`), `${indent}},`].join("\n"),
      );
    expect(spread.split("\n").length).toBeGreaterThan(register(register(original, customer), lineItem).split("\n").length);
    expect(unregister(spread, customer)).toBe(register(original, lineItem));
  });
});
