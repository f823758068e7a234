import { MigrationInterface, QueryRunner } from 'typeorm';

/** Optional token expiry (`token create --expires 90d`); NULL = no expiry. */
export class ApiTokenExpiry1764900000001 implements MigrationInterface {
  name = 'ApiTokenExpiry1764900000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_token" ADD COLUMN "expires_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_token" DROP COLUMN "expires_at"`);
  }
}
