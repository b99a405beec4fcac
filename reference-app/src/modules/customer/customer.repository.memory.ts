import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import { createMemoryRepository } from "../../platform/memory-repository.js";
import type { NewCustomer, Customer, CustomerChanges } from "./customer.js";
import type { CustomerRepository } from "./customer.repository.js";

/**
 * In-memory customers, for tests of the service. Give every in-memory repository of a test
 * the same MemoryDatabase to have references checked as foreign keys check them.
 */
export function createCustomerMemoryRepository(
  memory: MemoryDatabase = createMemoryDatabase(),
): CustomerRepository {
  return createMemoryRepository<Customer, NewCustomer, CustomerChanges>(memory, {
    name: "Customer",
    nullable: ["phone", "address"],
    unique: ["email"],
  });
}
