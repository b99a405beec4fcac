import * as z from "zod";

const customerFields = {
  name: z.string().min(1).max(255),
  email: z.string().min(1).max(255),
  phone: z.string().min(1).max(255).nullable(),
  address: z.string().min(1).nullable(),
};

export const customerSchema = z.object({
  id: z.uuid(),
  ...customerFields,
  createdAt: z.date(),
  updatedAt: z.date(),
  version: z.int().min(0),
});

export type Customer = z.infer<typeof customerSchema>;

export const newCustomerSchema = z.object({
  name: customerFields.name,
  email: customerFields.email,
  phone: customerFields.phone.optional(),
  address: customerFields.address.optional(),
});

/** What creating a customer takes, once validated: defaults filled in. */
export type NewCustomer = z.infer<typeof newCustomerSchema>;

export const customerChangesSchema = z.object(customerFields).partial();

export type CustomerChanges = z.infer<typeof customerChangesSchema>;

/** Changes to a customer, applied only if it is still at `version`. */
export const customerUpdateSchema = customerChangesSchema.extend({
  id: z.uuid(),
  version: z.int().min(0),
});

export type CustomerUpdate = z.infer<typeof customerUpdateSchema>;
