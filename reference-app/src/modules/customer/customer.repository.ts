// The customer repository port: what the service needs from storage, in the domain's terms.
// The Prisma and the in-memory repositories implement it, and both pass the one contract suite
// (customer.repository.contract.ts).
import type { PageRequest } from "../../platform/pagination.js";
import type { NewCustomer, Customer, CustomerChanges } from "./customer.js";

export interface CustomerRepository {
  /** Throws CONFLICT on a unique violation, BAD_REQUEST when a referenced record does not exist. */
  create(data: NewCustomer, now: Date): Promise<Customer>;
  findById(id: string): Promise<Customer | undefined>;
  /** Up to `limit` customers after `after`, ordered by createdAt, then id. */
  list(request: PageRequest): Promise<Customer[]>;
  /**
   * Applies the changes if the customer is still at `version`: NOT_FOUND or
   * CONFLICT otherwise.
   */
  update(id: string, version: number, changes: CustomerChanges, now: Date): Promise<Customer>;
  /** Throws NOT_FOUND, or CONFLICT while other records reference it. */
  delete(id: string): Promise<void>;
}
