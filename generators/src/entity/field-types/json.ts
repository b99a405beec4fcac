import type { FieldType } from "./field-type.js";

const inputType = "Prisma.InputJsonValue";

export const jsonType: FieldType = {
  parseDefault: (_text, _args, fail) => fail("A default on json", "Fields of type json take no default."),
  defaultless: true,
  prisma: () => ({ type: "Json" }),
  sql: () => ({ type: "JSONB" }),
  zod: () => "z.record(z.string(), z.json())",
  defaultValue: () => undefined,
  sample: () => ({ code: "{ sample: n }", usesSequence: true }),
  invalid: '"text"',
  samplesRepeat: () => false,
  // Prisma types a Json column as any JSON value and stores a missing one as the database's NULL.
  convert: ({ optional }, { property, entity }) => {
    const data = `data.${property}`;
    const changes = `changes.${property}`;
    const read = `row.${property} as ${entity}["${property}"]`;
    return optional
      ? {
          create: `${data} == null ? Prisma.DbNull : (${data} as ${inputType})`,
          update: `${changes} === undefined ? undefined : ${changes} === null ? Prisma.DbNull : (${changes} as ${inputType})`,
          read,
        }
      : { read };
  },
  needsPrismaNamespace: (field) => field.optional,
};
