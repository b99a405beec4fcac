import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client.js";
import { translateDeleteError, translateUpdateError, translateWriteError } from "./prisma-errors.js";

/**
 * An error as Prisma's driver adapters report it, naming the violated constraint by its columns or
 * its name.
 */
function prismaError(code: string, constraint: { fields?: string[]; index?: string } = {}): Prisma.PrismaClientKnownRequestError {
  return new Prisma.PrismaClientKnownRequestError(`${code} from the database`, {
    code,
    clientVersion: Prisma.prismaVersion.client,
    meta: { driverAdapterError: { cause: { constraint } } },
  });
}

const record = { entity: "Product", id: "c0a8e6de-0d8c-4b7e-9b8e-6a6f6d3f1a11", version: 3 };

describe("translateWriteError", () => {
  it("reports a unique violation as CONFLICT naming the fields, unquoted", () => {
    const error = prismaError("P2002", { fields: ['"externalId"'] });
    expect(translateWriteError(error, "Product")).toMatchObject({
      code: "CONFLICT",
      message: "Product has the same externalId as another one",
      details: { entity: "Product", fields: ["externalId"] },
      cause: error,
    });
  });

  it("finds the field in the constraint's name when the driver gives no columns", () => {
    expect(translateWriteError(prismaError("P2002", { index: "Product_sku_key" }), "Product")).toMatchObject({
      details: { entity: "Product", fields: ["sku"] },
    });
    expect(translateWriteError(prismaError("P2002", { index: "Other_sku_key" }), "Product")).toMatchObject({
      message: "Product has the same value in a unique field as another one",
      details: { entity: "Product", fields: [] },
    });
  });

  it("reports a reference to a missing record as BAD_REQUEST naming the foreign key", () => {
    expect(translateWriteError(prismaError("P2003", { index: "Product_categoryId_fkey" }), "Product")).toMatchObject({
      code: "BAD_REQUEST",
      details: { entity: "Product", fields: ["categoryId"] },
    });
  });

  it("leaves any other error as it is", () => {
    const other = new Error("connection lost");
    expect(translateWriteError(other, "Product")).toBe(other);
    expect(translateWriteError("not an error", "Product")).toMatchObject({ message: "Database write failed", cause: "not an error" });
  });
});

describe("translateUpdateError", () => {
  it("reports a missing record as a stale version while a row has the id", async () => {
    await expect(translateUpdateError(prismaError("P2025"), record, () => Promise.resolve(1))).resolves.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Product", id: record.id, version: 3 },
    });
  });

  it("reports a missing record as NOT_FOUND when no row has the id", async () => {
    await expect(translateUpdateError(prismaError("P2025"), record, () => Promise.resolve(0))).resolves.toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Product", id: record.id },
    });
  });

  it("translates constraint violations as writes do, without counting", async () => {
    const countById = () => Promise.reject(new Error("must not count"));
    await expect(translateUpdateError(prismaError("P2002", { fields: ["sku"] }), record, countById)).resolves.toMatchObject({
      code: "CONFLICT",
      details: { entity: "Product", fields: ["sku"] },
    });
  });
});

describe("translateDeleteError", () => {
  it("reports a missing record as NOT_FOUND and a referenced one as CONFLICT", () => {
    expect(translateDeleteError(prismaError("P2025"), "Product", record.id)).toMatchObject({
      code: "NOT_FOUND",
      details: { entity: "Product", id: record.id },
    });
    for (const code of ["P2003", "P2014"]) {
      expect(translateDeleteError(prismaError(code), "Product", record.id)).toMatchObject({
        code: "CONFLICT",
        details: { entity: "Product", id: record.id },
      });
    }
  });

  it("leaves any other error as it is", () => {
    const other = new Error("connection lost");
    expect(translateDeleteError(other, "Product", record.id)).toBe(other);
  });
});
