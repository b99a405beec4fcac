// The little SQL surface the migrator and health checks need, implemented over PGlite and over a
// node-postgres client. Prisma's client is not used for these: migrations run before it exists,
// and an advisory lock must stay on one connection.
export interface SqlSession {
  query<Row extends object>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements (a migration file). */
  exec(script: string): Promise<void>;
}
