// The order repository port: what the service needs from storage, in the domain's terms.
// The Prisma and the in-memory repositories implement it, and both pass the one contract suite
// (order.repository.contract.ts).
import type { PageRequest } from "../../platform/pagination.js";
import type { NewOrder, Order, OrderChanges } from "./order.js";

export interface OrderRepository {
  /** Throws CONFLICT on a unique violation, BAD_REQUEST when a referenced record does not exist. */
  create(data: NewOrder, now: Date): Promise<Order>;
  findById(id: string): Promise<Order | undefined>;
  /** Up to `limit` orders after `after`, ordered by createdAt, then id. */
  list(request: PageRequest): Promise<Order[]>;
  /**
   * Applies the changes if the order is still at `version`: NOT_FOUND or
   * CONFLICT otherwise.
   */
  update(id: string, version: number, changes: OrderChanges, now: Date): Promise<Order>;
  /** Throws NOT_FOUND, or CONFLICT while other records reference it. */
  delete(id: string): Promise<void>;
}
