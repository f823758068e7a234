import { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention ledger (counts per region per purge), append-only like the audit log. */
export class PurgeLog1764600000000 implements MigrationInterface {
  name = 'PurgeLog1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "purge_log" (
      "id" bigserial PRIMARY KEY,
      "purge_id" varchar(64) NOT NULL,
      "purged_at" timestamptz NOT NULL,
      "term" varchar(16) NOT NULL,
      "horizon" date NOT NULL,
      "region_code" varchar(4) NOT NULL,
      "signals" integer NOT NULL,
      "assessments" integer NOT NULL,
      "snapshot_id" varchar(64) NOT NULL,
      UNIQUE ("purge_id", "region_code")
    )`);
    await q.query(`CREATE TRIGGER purge_log_no_change BEFORE UPDATE OR DELETE ON "purge_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "purge_log"`);
  }
}
