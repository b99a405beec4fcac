// The shipment repository port: what the service needs from storage, in the domain's terms.
// The Prisma and the in-memory repositories implement it, and both pass the one contract suite
// (shipment.repository.contract.ts).
import type { PageRequest } from "../../platform/pagination.js";
import type { NewShipment, Shipment, ShipmentChanges } from "./shipment.js";

export interface ShipmentRepository {
  /** Throws CONFLICT on a unique violation, BAD_REQUEST when a referenced record does not exist. */
  create(data: NewShipment, now: Date): Promise<Shipment>;
  findById(id: string): Promise<Shipment | undefined>;
  /** Up to `limit` shipments after `after`, ordered by createdAt, then id. */
  list(request: PageRequest): Promise<Shipment[]>;
  /**
   * Applies the changes if the shipment is still at `version`: NOT_FOUND or
   * CONFLICT otherwise.
   */
  update(id: string, version: number, changes: ShipmentChanges, now: Date): Promise<Shipment>;
  /** Throws NOT_FOUND, or CONFLICT while other records reference it. */
  delete(id: string): Promise<void>;
}
