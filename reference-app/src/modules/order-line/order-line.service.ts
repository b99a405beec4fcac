// The order line use cases. They depend on the repository port and the clock only, so that tests
// run them against the in-memory repository at a fixed time.
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors.js";
import { paginate, type PageInput } from "../../platform/pagination.js";
import type { NewOrderLine, OrderLine, OrderLineUpdate } from "./order-line.js";
import type { OrderLineRepository } from "./order-line.repository.js";

export interface OrderLineServiceDeps {
  orderLineRepository: OrderLineRepository;
  clock: Clock;
}

export function createOrderLineService({ orderLineRepository, clock }: OrderLineServiceDeps) {
  return {
    create(input: NewOrderLine): Promise<OrderLine> {
      return orderLineRepository.create(input, clock.now());
    },

    async get(id: string): Promise<OrderLine> {
      const found = await orderLineRepository.findById(id);
      if (found === undefined) throw notFound("OrderLine", id);
      return found;
    },

    list(input: PageInput = {}) {
      return paginate(input, (request) => orderLineRepository.list(request));
    },

    update({ id, version, ...changes }: OrderLineUpdate): Promise<OrderLine> {
      return orderLineRepository.update(id, version, changes, clock.now());
    },

    delete(id: string): Promise<void> {
      return orderLineRepository.delete(id);
    },
  };
}

export type OrderLineService = ReturnType<typeof createOrderLineService>;
