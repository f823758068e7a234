import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApiToken1764500000001 implements MigrationInterface {
  name = 'ApiToken1764500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "api_token" (
      "id" varchar(32) PRIMARY KEY,
      "token_sha256" char(64) NOT NULL,
      "name" varchar(120) NOT NULL,
      "role" varchar(16) NOT NULL CHECK ("role" IN ('inspectie', 'nctv', 'regio', 'beheer')),
      "region_code" varchar(4),
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz,
      CHECK (("role" = 'regio') = ("region_code" IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX "api_token_sha256" ON "api_token" ("token_sha256")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "api_token"`);
  }
}
