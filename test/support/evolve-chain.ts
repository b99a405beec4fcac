/**
 * A project's history as the generator writes it: entities created, then changed one field list at
 * a time (every supported kind of change), and one destroyed, each step with its migration and the
 * schema after it. Tests replay it against Prisma's engine and on a database that holds rows.
 */
import { changeMigrationDirName, dropMigrationDirName, renderAlterMigration, renderDropMigration } from "../../generators/src/entity/evolve/alter-migration.js";
import { databaseColumnOrder } from "../../generators/src/entity/evolve/column-order.js";
import { changeEntityInSchema, removeEntityFromSchema } from "../../generators/src/entity/evolve/schema-change.js";
import { parseFields, type ParsedField } from "../../generators/src/entity/fields.js";
import { migrationDirName, renderCreateMigration } from "../../generators/src/entity/migration-sql.js";
import { entityNames, type EntityNames } from "../../generators/src/entity/naming.js";
import { addEntityToSchema, listModels } from "../../generators/src/entity/prisma-schema.js";
import { templateSchema } from "./entity-matrix.js";

export interface ChainStep {
  readonly kind: "create" | "change" | "destroy";
  readonly entity: string;
  /** The entity's full field list after the step (ignored for destroy). */
  readonly fields: string;
  /** What the step shows, for test names. */
  readonly about: string;
}

export const chainSteps: readonly ChainStep[] = [
  { kind: "create", entity: "Customer", fields: "name:string email:string:unique", about: "creates Customer" },
  { kind: "create", entity: "Product", fields: "title:string price:decimal(12,2) status:enum(DRAFT,ACTIVE):default(DRAFT)", about: "creates Product" },
  { kind: "create", entity: "Order", fields: "customer:references total:decimal(10,2):default(0) note:text?", about: "creates Order" },
  { kind: "create", entity: "Tag", fields: "label:string", about: "creates Tag" },
  {
    kind: "change",
    entity: "Product",
    fields: "title:string price:decimal(12,2) status:enum(DRAFT,ACTIVE):default(DRAFT) stock:int:default(0) description:text? sku:string?:unique",
    about: "adds a required field with a default, an optional one and an optional unique one",
  },
  {
    kind: "change",
    entity: "Product",
    fields: "title:string:unique price:decimal(12,2) status:enum(DRAFT,ARCHIVED,ACTIVE,HIDDEN):default(DRAFT) stock:int:default(0):index description:text? sku:string?:unique",
    about: "adds enum values in the middle and at the end, a unique index and a plain one",
  },
  {
    kind: "change",
    entity: "Order",
    fields: "customer:references total:decimal(10,2):default(0) note:text? product:references(Product)? status:enum(PENDING,PAID):default(PENDING)",
    about: "adds an optional reference and an enum with a default",
  },
  {
    kind: "change",
    entity: "Customer",
    fields: "name:string? email:string:index zip:string? phone:string? tier:enum(GOLD,SILVER)?",
    about: "makes a field optional, trades a unique index for a plain one, adds optional fields",
  },
  {
    kind: "change",
    entity: "Order",
    fields: "customer:references total:decimal(10,2):default(0) note:text? product:references(Product)? status:enum(PENDING,PAID,FAILED):default(PENDING)",
    about: "adds an enum value",
  },
  {
    kind: "change",
    entity: "Order",
    fields:
      "customer:references total:decimal(10,2):default(0) note:text? product:references(Product)? status:enum(PENDING,PAID,FAILED):default(FAILED) " +
      "payer:references(Customer)?",
    about: "makes the new value the default, adds a second reference to Customer",
  },
  {
    kind: "change",
    entity: "Product",
    fields: "title:string:unique price:decimal(12,2) status:enum(DRAFT,ARCHIVED,ACTIVE,HIDDEN):default(ACTIVE) stock:int:default(1):index sku:string?:unique weight:float?",
    about: "removes a field, changes defaults, adds a field",
  },
  {
    kind: "change",
    entity: "Customer",
    fields: "name:string email:string:index zip:string:default(00000) phone:string:default(unknown) tier:enum(GOLD,SILVER)?",
    about: "makes fields required, the table holding them in another order than the field list",
  },
  {
    kind: "change",
    entity: "Order",
    fields: "customer:references total:decimal(10,2):default(0) product:references(Product)? status:enum(PENDING,PAID,FAILED):default(FAILED)",
    about: "removes a field and the second reference to Customer",
  },
  { kind: "destroy", entity: "Tag", fields: "", about: "destroys Tag" },
];

export interface ChainMigration {
  readonly step: ChainStep;
  readonly entity: EntityNames;
  readonly before: readonly ParsedField[];
  readonly after: readonly ParsedField[];
  readonly name: string;
  readonly sql: string;
  /** schema.prisma after the step. */
  readonly schema: string;
}

export function chainMigrations(): ChainMigration[] {
  const start = Date.UTC(2026, 0, 1);
  const histories = new Map<string, ParsedField[][]>();
  let schema = templateSchema;
  return chainSteps.map((step, index) => {
    const date = new Date(start + index * 60_000);
    const entity = entityNames(step.entity);
    const history = histories.get(entity.pascal) ?? [];
    const before = history.at(-1) ?? [];
    if (step.kind === "destroy") {
      schema = removeEntityFromSchema(schema, entity, before);
      histories.delete(entity.pascal);
      return { step, entity, before, after: [], name: dropMigrationDirName(entity, date), sql: renderDropMigration(entity, before), schema };
    }
    const after = parseFields(step.fields, { entity, existingModels: listModels(schema) });
    histories.set(entity.pascal, [...history, after]);
    if (step.kind === "create") {
      schema = addEntityToSchema(schema, entity, after);
      return { step, entity, before, after, name: migrationDirName(entity, date), sql: renderCreateMigration(entity, after), schema };
    }
    schema = changeEntityInSchema(schema, entity, before, after);
    const sql = renderAlterMigration(entity, before, after, { columnOrder: databaseColumnOrder(history) });
    return { step, entity, before, after, name: changeMigrationDirName(entity, date), sql, schema };
  });
}
