// The order use cases. They depend on the repository port and the clock only, so that tests
// run them against the in-memory repository at a fixed time.
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors.js";
import { paginate, type PageInput } from "../../platform/pagination.js";
import type { NewOrder, Order, OrderUpdate } from "./order.js";
import type { OrderRepository } from "./order.repository.js";

export interface OrderServiceDeps {
  orderRepository: OrderRepository;
  clock: Clock;
}

export function createOrderService({ orderRepository, clock }: OrderServiceDeps) {
  return {
    create(input: NewOrder): Promise<Order> {
      return orderRepository.create(input, clock.now());
    },

    async get(id: string): Promise<Order> {
      const found = await orderRepository.findById(id);
      if (found === undefined) throw notFound("Order", id);
      return found;
    },

    list(input: PageInput = {}) {
      return paginate(input, (request) => orderRepository.list(request));
    },

    update({ id, version, ...changes }: OrderUpdate): Promise<Order> {
      return orderRepository.update(id, version, changes, clock.now());
    },

    delete(id: string): Promise<void> {
      return orderRepository.delete(id);
    },
  };
}

export type OrderService = ReturnType<typeof createOrderService>;
