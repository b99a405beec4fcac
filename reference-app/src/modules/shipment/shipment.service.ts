// The shipment use cases. They depend on the repository port and the clock only, so that tests
// run them against the in-memory repository at a fixed time.
import type { Clock } from "../../platform/clock.js";
import { notFound } from "../../platform/errors.js";
import { paginate, type PageInput } from "../../platform/pagination.js";
import type { NewShipment, Shipment, ShipmentUpdate } from "./shipment.js";
import type { ShipmentRepository } from "./shipment.repository.js";

export interface ShipmentServiceDeps {
  shipmentRepository: ShipmentRepository;
  clock: Clock;
}

export function createShipmentService({ shipmentRepository, clock }: ShipmentServiceDeps) {
  return {
    create(input: NewShipment): Promise<Shipment> {
      return shipmentRepository.create(input, clock.now());
    },

    async get(id: string): Promise<Shipment> {
      const found = await shipmentRepository.findById(id);
      if (found === undefined) throw notFound("Shipment", id);
      return found;
    },

    list(input: PageInput = {}) {
      return paginate(input, (request) => shipmentRepository.list(request));
    },

    update({ id, version, ...changes }: ShipmentUpdate): Promise<Shipment> {
      return shipmentRepository.update(id, version, changes, clock.now());
    },

    delete(id: string): Promise<void> {
      return shipmentRepository.delete(id);
    },
  };
}

export type ShipmentService = ReturnType<typeof createShipmentService>;
