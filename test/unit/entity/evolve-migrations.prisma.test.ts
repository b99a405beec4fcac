// Every supported field change, alone and combined, and every shape of entity destroyed: our
// migration must be byte for byte what `prisma migrate dev` writes for our schema edit, warnings
// included, and the edited schema must be what `prisma format` writes. One engine serves the file.
import { afterAll, describe, expect, it } from "vitest";
import { renderAlterMigration, renderDropMigration } from "../../../generators/src/entity/evolve/alter-migration.js";
import { removeEntityFromSchema } from "../../../generators/src/entity/evolve/schema-change.js";
import { templateSchema, type Step } from "../../support/entity-matrix.js";
import { addStep, buildChange, changeCases } from "../../support/evolve-matrix.js";
import { closePrismaEngine, prismaMigrationSql } from "../../support/prisma-engine.js";
import { prismaFormatInProcess } from "../../support/prisma-format-wasm.js";

interface DestroyCase {
  readonly name: string;
  readonly setup?: readonly Step[];
  readonly entity: Step;
}

const destroyCases: readonly DestroyCase[] = [
  { name: "an entity without fields", entity: { entity: "Bare", fields: "" } },
  {
    name: "an entity with enums, indexes, references and a self-reference",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: {
      entity: "Order",
      fields:
        "zed:references(Customer)?:unique customer:references status:enum(A,B):default(A) kind:enum(K)? " +
        "code:string:unique parent:references(Order)? rank:int:index",
    },
  },
  {
    name: "one of two entities that reference the same model, whose other ends are named",
    setup: [
      { entity: "Customer", fields: "name:string" },
      { entity: "Invoice", fields: "customer:references(Customer) payer:references(Customer)?" },
    ],
    entity: { entity: "Shipment", fields: "origin:references(Customer) destination:references(Customer)?" },
  },
];

afterAll(closePrismaEngine);

describe("renderAlterMigration and changeEntityInSchema compared with Prisma's schema engine", () => {
  it.each(changeCases.map((change) => [change.name, change] as const))(
    "writes what prisma migrate dev writes when it %s",
    async (_name, change) => {
      const built = buildChange(change);
      expect(prismaFormatInProcess(built.afterSchema)).toBe(built.afterSchema);
      const prisma = await prismaMigrationSql(built.beforeSchema, built.afterSchema);
      expect(renderAlterMigration(built.entity, built.before, built.after)).toBe(prisma);
    },
  );
});

describe("renderDropMigration and removeEntityFromSchema compared with Prisma's schema engine", () => {
  it.each(destroyCases.map((destroy) => [destroy.name, destroy] as const))(
    "writes what prisma migrate dev writes when it destroys %s",
    async (_name, destroy) => {
      let schema = templateSchema;
      for (const step of destroy.setup ?? []) schema = addStep(schema, step).schema;
      const created = addStep(schema, destroy.entity);
      const after = removeEntityFromSchema(created.schema, created.entity, created.fields);
      expect(after).toBe(schema);
      expect(prismaFormatInProcess(after)).toBe(after);
      const prisma = await prismaMigrationSql(created.schema, after);
      expect(renderDropMigration(created.entity, created.fields)).toBe(prisma);
    },
  );
});
