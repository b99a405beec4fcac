import { decimalDefault } from "./default-literals.js";
import type { FieldType, ParsedField, SampleShape } from "./field-type.js";

/** What Prisma maps a plain `decimal` to. */
const plain = { precision: 65, scale: 30 };

interface Digits {
  readonly precision: number;
  readonly scale: number;
}

/** `decimal(P,S)`'s digits, or undefined for a plain `decimal`. */
function digitsOf(args: readonly string[]): Digits | undefined {
  const [precision, scale] = args;
  return precision === undefined || scale === undefined ? undefined : { precision: Number(precision), scale: Number(scale) };
}

export const decimalType: FieldType = {
  parseArguments: (text, { fail }) => {
    if (text === undefined) return [];
    const match =
      /^(\d+),(\d+)$/.exec(text) ?? fail(`Malformed type "decimal(${text})"`, "Write decimal or decimal(P,S), e.g. decimal(12,2).");
    const precision = Number(match[1]);
    const scale = Number(match[2]);
    if (precision < 1 || precision > 1000) {
      fail(`Decimal precision ${precision} out of range`, "Precision goes from 1 to 1000.");
    }
    if (scale > precision) {
      fail(`Decimal scale ${scale} larger than the precision ${precision}`, "The scale goes from 0 to the precision.");
    }
    return [String(precision), String(scale)];
  },
  parseDefault: (text, args, fail) => decimalDefault(text, digitsOf(args) ?? plain, fail),
  prisma: (field) => {
    const digits = digitsOf(field.args);
    const nativeType = digits === undefined ? undefined : `@db.Decimal(${digits.precision}, ${digits.scale})`;
    return { type: "Decimal", nativeType, default: field.default };
  },
  sql: (field) => {
    const { precision, scale } = digitsOf(field.args) ?? plain;
    return { type: `DECIMAL(${precision},${scale})`, default: field.default };
  },
  schema: (field) => {
    const digits = digitsOf(field.args);
    const args = digits === undefined ? [] : [{ precision: digits.precision, scale: digits.scale }];
    return { kind: "call", function: "decimalSchema", args };
  },
  domainDefault: (field) =>
    field.default === undefined ? undefined : { kind: "value", value: fixed(field.default, digitsOf(field.args)?.scale) },
  sample,
  invalid: "not a number",
  samplesRepeat: () => false,
  // Prisma reads a Decimal; the domain holds its exact text, with the column's digits.
  prismaConversion: (field) => {
    const scale = digitsOf(field.args)?.scale;
    return { fromPrisma: { function: "decimalText", args: scale === undefined ? [] : [scale] } };
  },
};

/** `value` written with exactly `scale` digits after the point, as Prisma's Decimal.toFixed(scale) gives it. */
function fixed(value: string, scale: number | undefined): string {
  if (scale === undefined) return value;
  const negative = value.startsWith("-");
  const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const digits = scale === 0 ? integer : `${integer}.${fraction.padEnd(scale, "0")}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

function sample(field: ParsedField): SampleShape {
  const digits = digitsOf(field.args);
  if (digits === undefined) return { kind: "decimal", modulus: 1_000_000, fraction: ".25" };
  const { precision, scale } = digits;
  const room = precision - scale;
  const fraction = scale === 0 ? "" : `.${"25".slice(0, scale).padEnd(scale, "0")}`;
  // No digit before the point: every value is the same.
  if (room === 0) return { kind: "value", value: `0${fraction}` };
  return { kind: "decimal", modulus: 10 ** Math.min(room, 6), fraction };
}
