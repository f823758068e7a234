import { MigrationInterface, QueryRunner } from 'typeorm';

export class Registry1764500000000 implements MigrationInterface {
  name = 'Registry1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "region" (
      "code" varchar(4) PRIMARY KEY,
      "name" varchar(120) NOT NULL
    )`);
    await q.query(`CREATE TABLE "municipality" (
      "code" varchar(6) PRIMARY KEY,
      "name" varchar(120) NOT NULL,
      "region_code" varchar(4) NOT NULL REFERENCES "region" ("code")
    )`);
    await q.query(`CREATE INDEX "municipality_region" ON "municipality" ("region_code")`);
    await q.query(`CREATE TABLE "municipality_population" (
      "municipality_code" varchar(6) NOT NULL REFERENCES "municipality" ("code"),
      "year" integer NOT NULL,
      "population" integer NOT NULL CHECK ("population" >= 0),
      "source" varchar(200) NOT NULL,
      PRIMARY KEY ("municipality_code", "year")
    )`);
    await q.query(`CREATE TABLE "region_profile" (
      "region_code" varchar(4) PRIMARY KEY REFERENCES "region" ("code"),
      "covenant_signed" boolean,
      "covenant_start_date" date,
      "covenant_adaptation" varchar(20) CHECK ("covenant_adaptation" IN ('lokaal_aangepast', 'een_op_een')),
      "covenant_published_staatscourant" boolean,
      "reference_framework_published" boolean,
      "weegploeg_organisation" varchar(20) CHECK ("weegploeg_organisation" IN ('gemeentelijk', 'regionaal', 'provinciaal', 'driehoek')),
      "frameworks" jsonb,
      "key_officials" integer CHECK ("key_officials" >= 0),
      "capacity_fte" numeric(6, 2) CHECK ("capacity_fte" >= 0),
      "source_note" text,
      "updated_at" timestamptz,
      "updated_by" varchar(120)
    )`);
    await q.query(`CREATE TABLE "region_profile_history" (
      "id" bigserial PRIMARY KEY,
      "region_code" varchar(4) NOT NULL REFERENCES "region" ("code"),
      "changed_at" timestamptz NOT NULL DEFAULT now(),
      "changed_by" varchar(120) NOT NULL,
      "changed_by_token" varchar(64),
      "changes" jsonb NOT NULL
    )`);
    await q.query(`CREATE INDEX "region_profile_history_region" ON "region_profile_history" ("region_code", "changed_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "region_profile_history"`);
    await q.query(`DROP TABLE "region_profile"`);
    await q.query(`DROP TABLE "municipality_population"`);
    await q.query(`DROP TABLE "municipality"`);
    await q.query(`DROP TABLE "region"`);
  }
}
