/** Reads and appends the entity records of a project's manifest (layered-service.json). */
import type { EntityRecord, Manifest } from "../shared/manifest.js";
import { entityNames } from "./naming.js";

/** The record of the entity whose model is `pascal`, if plop entity made it. */
export function recordedEntity(manifest: Manifest, pascal: string): EntityRecord | undefined {
  return manifest.entities.find(
    (record) => entityNames(record.name, record.plural === undefined ? {} : { plural: record.plural }).pascal === pascal,
  );
}

export function appendEntityRecord(manifestText: string, record: EntityRecord): string {
  const manifest = JSON.parse(manifestText) as Manifest;
  return `${JSON.stringify({ ...manifest, entities: [...manifest.entities, record] }, null, 2)}\n`;
}
