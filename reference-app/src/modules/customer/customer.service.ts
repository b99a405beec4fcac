// The customer use cases. They depend on the repository port and the clock only, so that tests
// run them against the in-memory repository at a fixed time.
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors.js";
import { paginate, type PageInput } from "../../platform/pagination.js";
import type { NewCustomer, Customer, CustomerUpdate } from "./customer.js";
import type { CustomerRepository } from "./customer.repository.js";

export interface CustomerServiceDeps {
  customerRepository: CustomerRepository;
  clock: Clock;
}

export function createCustomerService({ customerRepository, clock }: CustomerServiceDeps) {
  return {
    create(input: NewCustomer): Promise<Customer> {
      return customerRepository.create(input, clock.now());
    },

    async get(id: string): Promise<Customer> {
      const found = await customerRepository.findById(id);
      if (found === undefined) throw notFound("Customer", id);
      return found;
    },

    list(input: PageInput = {}) {
      return paginate(input, (request) => customerRepository.list(request));
    },

    update({ id, version, ...changes }: CustomerUpdate): Promise<Customer> {
      return customerRepository.update(id, version, changes, clock.now());
    },

    delete(id: string): Promise<void> {
      return customerRepository.delete(id);
    },
  };
}

export type CustomerService = ReturnType<typeof createCustomerService>;
