import { decimalDefault } from "./default-literals.js";
import type { FieldType, ParsedField, Sample } from "./field-type.js";

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
  numericDefault: true,
  prisma: (field) => {
    const digits = digitsOf(field.args);
    const nativeType = digits === undefined ? undefined : `@db.Decimal(${digits.precision}, ${digits.scale})`;
    return { type: "Decimal", nativeType, default: field.default };
  },
  sql: (field) => {
    const { precision, scale } = digitsOf(field.args) ?? plain;
    return { type: `DECIMAL(${precision},${scale})`, default: field.default };
  },
  zod: (field) => {
    const digits = digitsOf(field.args);
    const description =
      digits === undefined ? "a decimal number" : `a decimal number that fits decimal(${digits.precision},${digits.scale})`;
    return `z.string().regex(${pattern(digits)}, "${description}")`;
  },
  defaultValue: (field) =>
    field.default === undefined ? undefined : JSON.stringify(fixed(field.default, digitsOf(field.args)?.scale)),
  sample,
  invalid: '"not a number"',
  samplesRepeat: () => false,
  // Prisma reads a Decimal; the domain holds its exact text, with the column's digits.
  convert: (field, { property }) => ({ read: readDecimal(property, field.optional, digitsOf(field.args)?.scale) }),
};

function readDecimal(property: string, optional: boolean, scale: number | undefined): string {
  const read = `row.${property}.toFixed(${scale === undefined ? "" : String(scale)})`;
  return optional ? `row.${property} === null ? null : ${read}` : read;
}

function pattern(digits: Digits | undefined): string {
  if (digits === undefined) return "/^-?\\d+(\\.\\d+)?$/";
  const room = digits.precision - digits.scale;
  const integer = room === 0 ? "0" : `\\d{1,${room}}`;
  const fraction = digits.scale === 0 ? "" : `(\\.\\d{1,${digits.scale}})?`;
  return `/^-?${integer}${fraction}$/`;
}

/** `value` written with exactly `scale` digits after the point, as Prisma's Decimal.toFixed(scale) gives it. */
function fixed(value: string, scale: number | undefined): string {
  if (scale === undefined) return value;
  const negative = value.startsWith("-");
  const [integer = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const digits = scale === 0 ? integer : `${integer}.${fraction.padEnd(scale, "0")}`;
  return negative && /[1-9]/.test(digits) ? `-${digits}` : digits;
}

function sample(field: ParsedField): Sample {
  const digits = digitsOf(field.args);
  if (digits === undefined) return { code: "`${String(n)}.25`", usesSequence: true };
  const room = digits.precision - digits.scale;
  const fraction = digits.scale === 0 ? "" : `.${"25".slice(0, digits.scale).padEnd(digits.scale, "0")}`;
  // No digit before the point: every value is the same.
  if (room === 0) return { code: JSON.stringify(`0${fraction}`) };
  const modulus = `1${"0".repeat(Math.min(room, 6))}`;
  const code = fraction === "" ? `String(n % ${modulus})` : `\`\${String(n % ${modulus})}${fraction}\``;
  return { code, usesSequence: true };
}
