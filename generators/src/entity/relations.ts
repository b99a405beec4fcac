/**
 * The relations an entity's fields add, with the names Prisma needs: a relation name to tell apart
 * several relations between the same two models (a self-relation is two ends in one model), and the
 * field that the other end adds to the target model.
 */
import type { ParsedField } from "./field-types/field-type.js";
import { typeOf } from "./field-types/index.js";
import { relationTargetNames, type EntityNames } from "./naming.js";

export interface EntityRelation {
  readonly field: ParsedField;
  readonly target: EntityNames;
  /** True when the entity references itself. */
  readonly selfReference: boolean;
  /** The scalar column holding the target's id. */
  readonly foreignKey: string;
  /** Set when the relation needs a name: several references to one target, or a self-reference. */
  readonly relationName: string | undefined;
  /** The field added to the target model that lists (or, when unique, holds) the referencing rows. */
  readonly backRelationField: string;
  /** False for a unique reference (one-to-one): the back-relation is then `<Entity>?`, not `<Entity>[]`. */
  readonly backRelationList: boolean;
}

export function relationsOf(entity: EntityNames, fields: readonly ParsedField[]): EntityRelation[] {
  const plain = fields.flatMap((field) => {
    const relation = typeOf(field).relation?.(field);
    return relation === undefined ? [] : [{ field, ...relation }];
  });
  const perTarget = new Map<string, number>();
  for (const { target } of plain) perTarget.set(target, (perTarget.get(target) ?? 0) + 1);
  return plain.map(({ field, target, foreignKey }) => {
    const selfReference = target === entity.pascal;
    const backRelationList = !field.unique;
    const named = selfReference || perTarget.get(target) !== 1;
    return {
      field,
      target: relationTargetNames(target, (pascal) => pascal === target),
      selfReference,
      foreignKey,
      relationName: named ? `${entity.pascal}${field.pascal}` : undefined,
      backRelationField: named
        ? `${field.name}${backRelationList ? entity.pluralPascal : entity.pascal}`
        : backRelationList
          ? entity.pluralCamel
          : entity.camel,
      backRelationList,
    };
  });
}
