// The name of the table that records every saga's state, for the raw SQL of saga-store.ts. The
// table is recorded as the app's other tables are: its Prisma model in prisma/models/saga.prisma (a
// `model` record of layered-service.json, replayed into schema.prisma) and its migration, Prisma's
// own SQL for that model, in prisma/migrations/*_create_saga. A column the runner comes to need is
// added there, with a migration of its own, before the SQL of the store names it.

/** The name of the table, as SQL writes it. */
export const sagaTable = '"Saga"';
