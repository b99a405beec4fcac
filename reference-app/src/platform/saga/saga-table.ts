// The table that records every saga's state, written once here: the Prisma model (for a project's
// schema.prisma) and the migration that creates it, exactly as `prisma migrate dev` writes it for
// that model. The runner reads and writes the table with raw SQL (saga-store.ts); the model only
// keeps Prisma's view of the database free of drift. Edit the three together, and let the test of
// the migration SQL against Prisma's engine confirm they agree.

/** The name of the table, as SQL writes it. */
export const sagaTable = '"Saga"';

export const sagaPrismaModel = `model Saga {
  id            String    @id
  name          String
  status        String    @default("RUNNING")
  input         Json
  results       Json      @default("{}")
  step          Int       @default(0)
  compensated   Int       @default(0)
  inFlight      String?
  attempts      Int       @default(0)
  lastError     String?
  failureReason String?
  owner         String?
  createdAt     DateTime  @default(now())
  updatedAt     DateTime  @default(now())
  finishedAt    DateTime?

  @@index([status])
}
`;

export const sagaMigrationSql = `-- CreateTable
CREATE TABLE "Saga" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'RUNNING',
    "input" JSONB NOT NULL,
    "results" JSONB NOT NULL DEFAULT '{}',
    "step" INTEGER NOT NULL DEFAULT 0,
    "compensated" INTEGER NOT NULL DEFAULT 0,
    "inFlight" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "failureReason" TEXT,
    "owner" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Saga_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Saga_status_idx" ON "Saga"("status");
`;
