import { describe, expect, it } from "vitest";
import { buildNewCustomer } from "./customer.builder.js";
import { newCustomerSchema, customerUpdateSchema } from "./customer.js";

describe("a new customer", () => {
  it("is valid as the builder makes it", () => {
    expect(newCustomerSchema.safeParse(buildNewCustomer()).success).toBe(true);
  });

  it("needs a name", () => {
    const { name: _omitted, ...rest } = buildNewCustomer();
    expect(newCustomerSchema.safeParse(rest).success).toBe(false);
  });

  it("needs an email", () => {
    const { email: _omitted, ...rest } = buildNewCustomer();
    expect(newCustomerSchema.safeParse(rest).success).toBe(false);
  });

  it("refuses an invalid name", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), name: "" }).success).toBe(false);
  });

  it("refuses an invalid email", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), email: "" }).success).toBe(false);
  });

  it("refuses an invalid phone", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), phone: "" }).success).toBe(false);
  });

  it("refuses an invalid address", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), address: "" }).success).toBe(false);
  });

  it("may have no phone", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), phone: null }).success).toBe(true);
  });

  it("may have no address", () => {
    expect(newCustomerSchema.safeParse({ ...buildNewCustomer(), address: null }).success).toBe(
      true,
    );
  });
});

describe("an update of a customer", () => {
  it("names the customer and the version it changes", () => {
    expect(customerUpdateSchema.safeParse({ id: crypto.randomUUID(), version: 0 }).success).toBe(
      true,
    );
    expect(customerUpdateSchema.safeParse({ id: crypto.randomUUID() }).success).toBe(false);
    expect(customerUpdateSchema.safeParse({ id: "not-a-uuid", version: 0 }).success).toBe(false);
  });
});
