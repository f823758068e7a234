import { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit log, append-only at the database level: UPDATE, DELETE and TRUNCATE raise. */
export class AuditLog1764500000002 implements MigrationInterface {
  name = 'AuditLog1764500000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL,
      "who" varchar(160) NOT NULL,
      "role" varchar(16),
      "region_code" varchar(4),
      "method" varchar(8) NOT NULL,
      "route" varchar(200) NOT NULL,
      "params" jsonb,
      "status" integer NOT NULL,
      "duration_ms" integer NOT NULL
    )`);
    await q.query(`CREATE INDEX "audit_log_at" ON "audit_log" ("at")`);
    await q.query(`CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END
    $$`);
    await q.query(`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON "audit_log"
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
