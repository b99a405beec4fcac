/**
 * Reads a project's entity history (the `entities` of layered-service.json): which entities exist
 * now and the fields each one has, from its latest create or change record.
 */
import type { ChangeRecord, CreateRecord, HistoryRecord, Manifest } from "../shared/manifest.js";
import { entityNames, type EntityNames } from "./naming.js";

export interface RecordedEntity {
  /** The names the entity was created with (its name and plural never change). */
  readonly names: EntityNames;
  readonly created: CreateRecord;
  /** The record that gave the entity its current fields: the create record or the latest change. */
  readonly current: CreateRecord | ChangeRecord;
  /** Its create record and every change since, in order. */
  readonly history: readonly (CreateRecord | ChangeRecord)[];
}

/** The entities the history leaves standing, in the order they were created. */
export function currentEntities(manifest: Manifest): RecordedEntity[] {
  const standing = new Map<string, RecordedEntity>();
  for (const record of manifest.entities) {
    // A model written by hand is not an entity: no generator changes or destroys it.
    if (record.action === "model") continue;
    const names = namesOf(record);
    switch (record.action) {
      case undefined:
      case "create":
        standing.set(names.pascal, { names, created: record, current: record, history: [record] });
        break;
      case "change": {
        const entity = standing.get(names.pascal);
        if (entity !== undefined) standing.set(names.pascal, { ...entity, current: record, history: [...entity.history, record] });
        break;
      }
      case "destroy":
        standing.delete(names.pascal);
        break;
    }
  }
  return [...standing.values()];
}

/** The entity whose model is `pascal`, if a generator made it and it was not destroyed since. */
export function recordedEntity(manifest: Manifest, pascal: string): RecordedEntity | undefined {
  return currentEntities(manifest).find((entity) => entity.names.pascal === pascal);
}

export function namesOf(record: { readonly name: string; readonly plural?: string | undefined }): EntityNames {
  return entityNames(record.name, record.plural === undefined ? {} : { plural: record.plural });
}

/** Appends a record to the manifest's text, keeping everything else as it was. */
export function appendEntityRecord(manifestText: string, record: HistoryRecord): string {
  const manifest = JSON.parse(manifestText) as { entities: unknown[] };
  return `${JSON.stringify({ ...manifest, entities: [...manifest.entities, record] }, null, 2)}\n`;
}
