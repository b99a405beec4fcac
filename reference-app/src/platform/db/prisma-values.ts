// Conversions between the values Prisma reads and writes and the domain's, for the Prisma
// repositories: decimals and big integers are exact text in the domain
// (docs/adr/0004-exact-numbers-as-strings.md), JSON fields are objects, and an absent JSON value is
// the database's NULL. Each function keeps null as null and undefined (no change) as undefined, so
// one call serves a required field, an optional one, a create and an update.
import type { JSONType } from "zod";
import { Prisma } from "../../generated/prisma/client.js";

/** A JSON field's value in the domain. */
export type JsonObject = Record<string, JSONType>;

/** A decimal as exact text, with `scale` digits after the point when the column fixes them. */
export function decimalText(value: Prisma.Decimal, scale?: number): string;
export function decimalText(value: Prisma.Decimal | null, scale?: number): string | null;
export function decimalText(value: Prisma.Decimal | null, scale?: number): string | null {
  return value === null ? null : value.toFixed(scale);
}

export function bigintText(value: bigint): string;
export function bigintText(value: bigint | null): string | null;
export function bigintText(value: bigint | null): string | null {
  return value === null ? null : value.toString();
}

/** The domain's integer text as Prisma's bigint. */
export function toBigInt(value: string): bigint;
export function toBigInt(value: string | undefined): bigint | undefined;
export function toBigInt(value: string | null | undefined): bigint | null | undefined;
export function toBigInt(value: string | null | undefined): bigint | null | undefined {
  return value === null || value === undefined ? value : BigInt(value);
}

/** A required JSON field as read: an object, since the domain's schema writes nothing else. */
export function jsonObject(value: Prisma.JsonValue): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(
      `Expected a JSON object in the database, found ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
    );
  }
  // Prisma types an object's members as possibly undefined; JSON read from the database has none.
  return value as JsonObject;
}

/** An optional JSON field as read: the database's NULL is null. */
export function jsonObjectOrNull(value: Prisma.JsonValue | null): JsonObject | null {
  return value === null ? null : jsonObject(value);
}

/** An optional JSON field as Prisma writes it: null is the database's NULL, not JSON's `null`. */
export function jsonInput(
  value: JsonObject | null | undefined,
): Prisma.InputJsonValue | typeof Prisma.DbNull | undefined {
  return value === null ? Prisma.DbNull : value;
}
