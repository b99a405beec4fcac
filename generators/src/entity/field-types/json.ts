import type { FieldType } from "./field-type.js";

export const jsonType: FieldType = {
  parseDefault: (_text, _args, fail) => fail("A default on json", "Fields of type json take no default."),
  prisma: () => ({ type: "Json" }),
  sql: () => ({ type: "JSONB" }),
  schema: () => ({ kind: "jsonObject" }),
  domainDefault: () => undefined,
  sample: () => ({ kind: "json" }),
  invalid: "text",
  samplesRepeat: () => false,
  // Prisma types a Json column as any JSON value, and writes a missing one as the database's NULL only when told.
  prismaConversion: ({ optional }) =>
    optional
      ? { toPrisma: { function: "jsonInput", args: [] }, fromPrisma: { function: "jsonObjectOrNull", args: [] } }
      : { fromPrisma: { function: "jsonObject", args: [] } },
};
