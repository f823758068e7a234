import { MigrationInterface, QueryRunner } from 'typeorm';

export class BatchLedger1764400000000 implements MigrationInterface {
  name = 'BatchLedger1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "batch" (
      "id" varchar(80) PRIMARY KEY,
      "region_code" varchar(4) NOT NULL,
      "batch_id" varchar(64) NOT NULL,
      "status" varchar(16) NOT NULL,
      "produced_at" timestamptz,
      "period_from" date,
      "period_to" date,
      "signal_rows" integer,
      "assessment_rows" integer,
      "content_sha256" varchar(64),
      "report" jsonb,
      "submitted_by" varchar(120),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE UNIQUE INDEX "batch_region_batch" ON "batch" ("region_code", "batch_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "batch"`);
  }
}
