/**
 * A project grown one `plop entity` at a time: every field type, optional fields, every modifier and
 * kind of default, enums, and references of every shape (required, optional, unique, two to one
 * target, self, a chain), with SQL keywords and long names as entity names. Tests that compare our
 * output with Prisma's walk through it.
 */
import { parseFields, type ParsedField } from "../../generators/src/entity/fields.js";
import { entityNames, type EntityNames } from "../../generators/src/entity/naming.js";
import { addEntityToSchema, listModels } from "../../generators/src/entity/prisma-schema.js";

export const templateSchema = `generator client {
  provider            = "prisma-client"
  output              = "../src/generated/prisma"
  importFileExtension = "js"
  moduleFormat        = "esm"
}

datasource db {
  provider = "postgresql"
}
`;

export interface Step {
  readonly entity: string;
  readonly fields: string;
  readonly plural?: string;
}

export const steps: readonly Step[] = [
  {
    entity: "Customer",
    fields:
      "name:string email:string:unique notes:text? age:int? score:float:default(1.50) balance:decimal:default(12.50) " +
      "credit:decimal(12,2)?:default(-0.5) active:boolean:default(true) birthday:date? lastSeen:datetime? meta:json? " +
      "token:uuid:default(uuid) externalId:uuid?:unique level:bigint:default(9007199254740993) rank:int:index",
  },
  { entity: "category", fields: "name:string:unique parent:references(Category)?" },
  {
    entity: "products",
    fields:
      "title:string:index price:decimal(12,2) stock:int:default(0) description:text?:default(n/a) " +
      "status:enum(DRAFT,ACTIVE,ARCHIVED):default(DRAFT) kind:enum(Z_LAST,A_FIRST)? category:references owner:references(customer)?",
  },
  { entity: "Order", fields: "customer:references placedAt:datetime:default(now) note:string?:default(it's) total:decimal(10,2):default(0.00)" },
  { entity: "user", fields: "handle:string:unique zeta:string:unique alpha:int:unique flag:boolean:default(false):index" },
  { entity: "Group", fields: "name:string:default(Hello_World) owner:references(User):unique" },
  { entity: "Shipment", fields: "origin:references(Customer) destination:references(Customer)? order:references:unique shippedOn:date:default(now)" },
  { entity: "line item", fields: "order:references product:references quantity:int:default(1) unit-price:decimal(12,2)" },
  { entity: "Alpha", fields: "label:text" },
  { entity: "Beta", fields: "alpha:references" },
  { entity: "Gamma", fields: "beta:references alpha:references? beta2:references(Beta)?:unique" },
  { entity: "Person", fields: "mentor:references(Person)?:unique manager:references(Person)? level:enum(JUNIOR):default(JUNIOR)" },
  {
    entity: "Measurement",
    fields:
      "a:float:default(-0) b:float:default(0.0) c:float:default(10) d:float:default(-3.25) e:decimal(5,2):default(007.10) " +
      "f:int:default(-0) g:int:default(007) h:bigint:default(-9223372036854775808) i:decimal(3,3):default(0.125) " +
      "j:decimal(1000,0):default(5) k:int:default(2147483647) l:float?:default(0.000001) m:decimal:default(-00.50) " +
        "n:decimal(5,2):default(-0.00) o:text:default(café_50%) p:string:default(0)",
  },
  { entity: "Note", fields: "body:text:default(a'b''c) tag:string:default(x:y) done:boolean?:default(false) data:json" },
  { entity: "Canvas", plural: "Canvases", fields: "title:string? painter:references(Person)" },
  { entity: "Frame", fields: "canvas:references" },
  {
    entity: "VeryLongEntityNameThatGoesOnAndOnForeverAndEver",
    fields:
      "anotherRatherLongFieldNameForTesting:string:unique yetAnotherQuiteLongFieldNameHere:int:index " +
      "customerWithAVeryLongRelationFieldName:references(Customer) self:references(VeryLongEntityNameThatGoesOnAndOnForeverAndEver)?",
  },
  // Constraint names at and around PostgreSQL's 63 characters, where Prisma cuts them.
  { entity: "AbcdefghijAbcdefghijAbcdefghijAbcdefghijAbcdefghijAbcdefgh", fields: "x:int:unique owner:references(Customer)" },
  { entity: "AbcdefghijAbcdefghijAbcdefghijAbcdefghijAbcdefghijAbcdefg", fields: "a:int:unique bc:int:index" },
  { entity: "Bare", fields: "" },
];

export interface EntityCase {
  readonly step: Step;
  readonly entity: EntityNames;
  readonly fields: ParsedField[];
  /** schema.prisma before and after the entity is added. */
  readonly before: string;
  readonly after: string;
}

export function entityCases(): EntityCase[] {
  const cases: EntityCase[] = [];
  let schema = templateSchema;
  for (const step of steps) {
    const entity = entityNames(step.entity, step.plural === undefined ? {} : { plural: step.plural });
    const fields = parseFields(step.fields, { entity, existingModels: listModels(schema) });
    const after = addEntityToSchema(schema, entity, fields);
    cases.push({ step, entity, fields, before: schema, after });
    schema = after;
  }
  return cases;
}
