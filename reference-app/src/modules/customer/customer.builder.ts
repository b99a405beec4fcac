// Test data for customers. Builders give valid values that differ on every call; tests
// override only what they are about. prepareNewCustomer and createCustomer also create
// the records a customer must reference, through the store's repositories.
import type { PrismaClient } from "../../generated/prisma/client.js";
import { createMemoryDatabase, type MemoryDatabase } from "../../platform/memory-database.js";
import type { NewCustomer, Customer } from "./customer.js";
import type { CustomerRepository } from "./customer.repository.js";
import { createCustomerMemoryRepository } from "./customer.repository.memory.js";
import { createCustomerPrismaRepository } from "./customer.repository.prisma.js";

let sequence = 0;

/** A valid new customer. Its references point nowhere: prepareNewCustomer fills them. */
export function buildNewCustomer(overrides: Partial<NewCustomer> = {}): NewCustomer {
  sequence += 1;
  const n = sequence;
  return {
    name: `name ${String(n)}`,
    email: `email ${String(n)}`,
    phone: `phone ${String(n)}`,
    address: `address ${String(n)}`,
    ...overrides,
  };
}

/** The repositories that tests of customers use: its own and those of what it references. */
export interface CustomerStore {
  customerRepository: CustomerRepository;
}

export function customerMemoryStore(
  memory: MemoryDatabase = createMemoryDatabase(),
): CustomerStore {
  return {
    customerRepository: createCustomerMemoryRepository(memory),
  };
}

export function customerPrismaStore(prisma: PrismaClient): CustomerStore {
  return {
    customerRepository: createCustomerPrismaRepository(prisma),
  };
}

/** A valid new customer; it references nothing that must exist first. */
export function prepareNewCustomer(
  _store: CustomerStore,
  overrides: Partial<NewCustomer> = {},
): Promise<NewCustomer> {
  return Promise.resolve(buildNewCustomer(overrides));
}

/** A stored customer, created through the store's repository. */
export async function createCustomer(
  store: CustomerStore,
  overrides: Partial<NewCustomer> = {},
): Promise<Customer> {
  return store.customerRepository.create(await prepareNewCustomer(store, overrides), new Date());
}
