import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hash-chains the audit log and gives each row the request id. A BEFORE INSERT trigger, under
 * a transaction-level advisory lock, gives the row its id (so id order is chain order even with
 * concurrent writers), reads the hash of the row before it and stores
 * `hash = sha256(prev_hash | canonical text of the row)`. The canonical text is defined in
 * `audit-chain.ts` (which `audit verify` recomputes in JavaScript): every field as
 * `<length>:<text>;` or `N;` for NULL. Existing rows are chained in id order here.
 */
export class AuditChain1764900000000 implements MigrationInterface {
  name = 'AuditChain1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_log"
      ADD COLUMN "request_id" varchar(64),
      ADD COLUMN "prev_hash" char(64),
      ADD COLUMN "hash" char(64)`);
    await q.query(`CREATE FUNCTION audit_log_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN v IS NULL THEN 'N;' ELSE char_length(v)::text || ':' || v || ';' END
    $$`);
    await q.query(`CREATE FUNCTION audit_log_row_hash(prev text, r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(
        prev || '|' ||
        audit_log_field(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')) ||
        audit_log_field(r.request_id) || audit_log_field(r.who) || audit_log_field(r.role) ||
        audit_log_field(r.region_code) || audit_log_field(r.method) || audit_log_field(r.route) ||
        audit_log_field(r.params::text) || audit_log_field(r.status::text) || audit_log_field(r.duration_ms::text),
        'UTF8')), 'hex')
    $$`);
    await q.query(`CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE prev text;
      BEGIN
        PERFORM pg_advisory_xact_lock(7318002151);
        NEW.id := nextval(pg_get_serial_sequence(quote_ident(TG_TABLE_SCHEMA) || '.audit_log', 'id'));
        SELECT hash INTO prev FROM audit_log ORDER BY id DESC LIMIT 1;
        NEW.prev_hash := coalesce(prev, repeat('0', 64));
        NEW.hash := audit_log_row_hash(NEW.prev_hash, NEW);
        RETURN NEW;
      END
    $$`);
    // Chain the rows written before this migration, oldest first.
    await q.query(`ALTER TABLE "audit_log" DISABLE TRIGGER audit_log_no_change`);
    await q.query(`DO $$
      DECLARE r audit_log; prev text := repeat('0', 64);
      BEGIN
        FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
          UPDATE audit_log SET prev_hash = prev, hash = audit_log_row_hash(prev, r) WHERE id = r.id RETURNING hash INTO prev;
        END LOOP;
      END
    $$`);
    await q.query(`ALTER TABLE "audit_log" ENABLE TRIGGER audit_log_no_change`);
    await q.query(`ALTER TABLE "audit_log" ALTER COLUMN "prev_hash" SET NOT NULL, ALTER COLUMN "hash" SET NOT NULL`);
    await q.query(`CREATE TRIGGER audit_log_chain BEFORE INSERT ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_chain()`);
    await q.query(`CREATE INDEX "audit_log_request_id" ON "audit_log" ("request_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER audit_log_chain ON "audit_log"`);
    await q.query(`DROP FUNCTION audit_log_chain()`);
    await q.query(`DROP FUNCTION audit_log_row_hash(text, audit_log)`);
    await q.query(`DROP FUNCTION audit_log_field(text)`);
    await q.query(`DROP INDEX "audit_log_request_id"`);
    await q.query(`ALTER TABLE "audit_log" DROP COLUMN "request_id", DROP COLUMN "prev_hash", DROP COLUMN "hash"`);
  }
}
