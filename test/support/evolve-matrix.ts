/**
 * Field changes of every supported kind, alone and combined, on entities alone, referencing others
 * and referenced by others, and the schemas before and after each: what the tests that compare our
 * migrations and schema edits with Prisma's own engine walk through.
 */
import { changeEntityInSchema } from "../../generators/src/entity/evolve/schema-change.js";
import { parseFields, type ParsedField } from "../../generators/src/entity/fields.js";
import { entityNames, type EntityNames } from "../../generators/src/entity/naming.js";
import { addEntityToSchema, listModels } from "../../generators/src/entity/prisma-schema.js";
import { templateSchema, type Step } from "./entity-matrix.js";

export interface ChangeCase {
  /** Completes "writes what prisma migrate dev writes when it ...". */
  readonly name: string;
  /** Entities created before the one that changes. */
  readonly setup?: readonly Step[];
  readonly entity: string;
  readonly before: string;
  readonly after: string;
  /** Entities created after it, which may reference it. */
  readonly later?: readonly Step[];
}

export const changeCases: readonly ChangeCase[] = [
  {
    name: "adds optional fields of every type",
    entity: "Item",
    before: "name:string",
    after:
      "name:string s:string? t:text? i:int? b:bigint? f:float? d:decimal? m:decimal(12,2)? ok:boolean? at:datetime? " +
      "day:date? meta:json? key:uuid? tone:enum(LOUD,QUIET)?",
  },
  {
    name: "adds required fields with a default of every kind",
    entity: "Item",
    before: "name:string",
    after:
      "name:string s:string:default(it's) t:text:default(n/a) i:int:default(-3) b:bigint:default(9007199254740993) " +
      "f:float:default(1.50) d:decimal:default(0.5) m:decimal(12,2):default(7) ok:boolean:default(true) " +
      "at:datetime:default(now) day:date:default(now) tone:enum(LOUD,QUIET):default(QUIET)",
  },
  {
    name: "adds optional fields with unique and plain indexes, in field order",
    entity: "Item",
    before: "name:string",
    after: "zeta:int?:index name:string code:string?:unique alpha:int?:index ref:uuid?:unique",
  },
  {
    name: "removes plain, unique, indexed and enum fields",
    entity: "Item",
    before: "name:string note:text? code:string:unique rank:int:index tone:enum(LOUD,QUIET) mood:enum(A,B)?",
    after: "name:string",
  },
  {
    name: "makes fields optional",
    entity: "Item",
    before: "name:string count:int:default(0) due:datetime",
    after: "name:string? count:int?:default(0) due:datetime",
  },
  {
    name: "makes fields required, with and without a default",
    entity: "Item",
    before: "zeta:int? name:string? count:int?:default(0) alpha:int?",
    after: "zeta:int name:string count:int:default(0) alpha:int:default(1)",
  },
  {
    name: "adds unique and plain indexes to existing fields",
    entity: "Item",
    before: "name:string code:string rank:int serial:uuid",
    after: "name:string:index code:string:unique rank:int:index serial:uuid:unique",
  },
  {
    name: "drops unique and plain indexes",
    entity: "Item",
    before: "name:string:index code:string:unique rank:int:index",
    after: "name:string code:string rank:int",
  },
  {
    name: "turns a unique index into a plain one and back",
    entity: "Item",
    before: "code:string:unique rank:int:index",
    after: "code:string:index rank:int:unique",
  },
  {
    name: "adds, changes and drops defaults of every kind",
    entity: "Item",
    before:
      "s:string t:text:default(a) i:int:default(1) b:bigint ok:boolean:default(true) at:datetime:default(now) " +
      "day:date tone:enum(A,B):default(A) d:decimal(5,2):default(1.5) f:float:default(2)",
    after:
      "s:string:default(x) t:text:default(b'c) i:int b:bigint:default(-1) ok:boolean:default(false) at:datetime " +
      "day:date:default(now) tone:enum(A,B):default(B) d:decimal(5,2):default(2.25) f:float:default(-0.5)",
  },
  {
    name: "rewrites a numeric default as the same number, which changes no column",
    entity: "Item",
    before: "d:decimal(5,2):default(1.5) f:float:default(2)",
    after: "d:decimal(5,2):default(1.50) f:float:default(2.0)",
  },
  {
    name: "gives a uuid field a default, which Prisma Client makes and the database never sees",
    entity: "Item",
    before: "key:uuid other:uuid:default(uuid)",
    after: "key:uuid:default(uuid) other:uuid",
  },
  { name: "appends a value to an enum", entity: "Item", before: "tone:enum(A,B)", after: "tone:enum(A,B,C)" },
  { name: "appends two values to an enum", entity: "Item", before: "tone:enum(A,B)", after: "tone:enum(A,B,C,D)" },
  { name: "inserts values in the middle and at the start of an enum", entity: "Item", before: "tone:enum(A,B)", after: "tone:enum(Z,A,D,B,C)" },
  { name: "reorders the values of an enum", entity: "Item", before: "tone:enum(A,B,C)", after: "tone:enum(C,A,B)" },
  {
    name: "adds values to two enums and keeps the default",
    entity: "Item",
    before: "zone:enum(A,B):default(A) area:enum(X,Y)?",
    after: "zone:enum(A,B,C):default(A) area:enum(X,Y,W)?",
  },
  {
    name: "adds optional references of every shape",
    setup: [{ entity: "Customer", fields: "name:string" }, { entity: "Box", fields: "" }],
    entity: "Item",
    before: "name:string",
    after: "name:string zz:references(Customer)? box:references? aa:references(Customer)?:unique parent:references(Item)?",
  },
  {
    name: "removes references of every shape",
    setup: [{ entity: "Customer", fields: "name:string" }, { entity: "Box", fields: "" }],
    entity: "Item",
    before: "name:string zz:references(Customer)? box:references aa:references(Customer)?:unique parent:references(Item)?",
    after: "name:string",
  },
  {
    name: "adds a second reference to the same model, which names both relations",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "Shipment",
    before: "origin:references(Customer)",
    after: "origin:references(Customer) destination:references(Customer)?",
  },
  {
    name: "removes one of two references to the same model, which unnames the other",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "Shipment",
    before: "origin:references(Customer) destination:references(Customer)?",
    after: "destination:references(Customer)?",
  },
  {
    name: "makes references optional and required",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "Order",
    before: "customer:references payer:references(Customer)?",
    after: "customer:references? payer:references(Customer)",
  },
  {
    name: "makes references unique and not unique, which turns their other ends into one row and back",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "Order",
    before: "customer:references parent:references(Order)?:unique",
    after: "customer:references:unique parent:references(Order)?",
  },
  {
    name: "changes an entity that other entities reference",
    entity: "Customer",
    before: "name:string email:string:unique",
    after: "name:string? phone:string? email:string tier:enum(GOLD,SILVER)?",
    later: [
      { entity: "Order", fields: "customer:references note:text?" },
      { entity: "Invoice", fields: "customer:references:unique" },
    ],
  },
  {
    name: "adds a reference to a model that another entity already references",
    setup: [{ entity: "Customer", fields: "name:string" }, { entity: "Order", fields: "customer:references" }],
    entity: "Review",
    before: "stars:int",
    after: "stars:int customer:references? order:references(Order)?",
  },
  {
    name: "renames a field, which drops the old column and adds an empty one",
    entity: "Item",
    before: "name:string",
    after: "title:string?",
  },
  {
    name: "adds, removes and alters fields in one change",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "Item",
    before: "name:string old:int? n:int? code:string:unique s:enum(A,B):default(A) customer:references",
    after:
      "name:string:index n:int:default(0) code:string s:enum(A,B,C):default(B) fresh:text? tag:string?:unique " +
      "owner:references(Customer)? kind:enum(K,L)?",
  },
  {
    name: "changes everything on a table with a SQL keyword for a name",
    setup: [{ entity: "user", fields: "handle:string:unique" }],
    entity: "Group",
    before: "name:string owner:references(User) role:enum(ADMIN,MEMBER):default(MEMBER) size:int?",
    after: "name:string:unique owner:references(User)? role:enum(ADMIN,GUEST,MEMBER):default(MEMBER) size:int:default(1) select:text?",
  },
  {
    name: "changes fields whose constraint names PostgreSQL cuts at 63 characters",
    setup: [{ entity: "Customer", fields: "name:string" }],
    entity: "VeryLongEntityNameThatGoesOnAndOnForeverAndEver",
    before: "anotherRatherLongFieldNameForTesting:string:unique customerWithAVeryLongRelationFieldName:references(Customer)",
    after:
      "anotherRatherLongFieldNameForTesting:string yetAnotherQuiteLongFieldNameHere:int?:index " +
      "secondCustomerWithAVeryLongRelationName:references(Customer)?",
  },
  {
    name: "takes every field away, and gives fields to an entity that had none",
    setup: [{ entity: "Bare", fields: "" }],
    entity: "Item",
    before: "name:string tone:enum(A)",
    after: "",
    later: [{ entity: "Other", fields: "" }],
  },
  {
    name: "gives fields to an entity that had none",
    entity: "Bare",
    before: "",
    after: "name:string? tone:enum(A,B):default(A) rank:int?:index",
  },
];

export interface BuiltChange {
  readonly entity: EntityNames;
  readonly before: ParsedField[];
  readonly after: ParsedField[];
  /** schema.prisma before and after the change. */
  readonly beforeSchema: string;
  readonly afterSchema: string;
}

export function buildChange(change: ChangeCase): BuiltChange {
  let schema = templateSchema;
  for (const step of change.setup ?? []) schema = addStep(schema, step).schema;
  const created = addStep(schema, { entity: change.entity, fields: change.before });
  schema = created.schema;
  for (const step of change.later ?? []) schema = addStep(schema, step).schema;
  const { entity, fields: before } = created;
  const after = parseFields(change.after, { entity, existingModels: listModels(schema) });
  return { entity, before, after, beforeSchema: schema, afterSchema: changeEntityInSchema(schema, entity, before, after) };
}

export function addStep(schema: string, step: Step): { schema: string; entity: EntityNames; fields: ParsedField[] } {
  const entity = entityNames(step.entity, step.plural === undefined ? {} : { plural: step.plural });
  const fields = parseFields(step.fields, { entity, existingModels: listModels(schema) });
  return { schema: addEntityToSchema(schema, entity, fields), entity, fields };
}
