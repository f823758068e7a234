import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GUARD_MACROS_SQL } from './guard.sql';

let db: DuckDBInstance;
let conn: DuckDBConnection;
beforeAll(async () => {
  db = await DuckDBInstance.create(':memory:');
  conn = await db.connect();
  for (const sql of GUARD_MACROS_SQL) await conn.run(sql);
});
afterAll(() => {
  conn.closeSync();
  db.closeSync();
});

async function apply(macro: string, value: string): Promise<unknown> {
  const r = await conn.runAndReadAll(`SELECT ${macro}(?) AS v`, [value]);
  return r.getRowObjectsJS()[0].v;
}

describe('BSN eleven-test', () => {
  // Worked by hand: 111222333 -> 9+8+7+12+10+8+9+6-3 = 66 = 6*11;
  // 123456782 -> 9+16+21+24+25+24+21+16-2 = 154 = 14*11.
  it.each(['111222333', '123456782', '000000000', '1234.56.782', '123 456 782'])('recognises %s as a BSN', async (v) => {
    expect(await apply('ww_is_bsn', v)).toBe(true);
  });
  // 111222334 -> 65, 123456789 -> 147 = 13*11+4, 999999999 -> 9*(44-1) = 387 = 35*11+2.
  it.each(['111222334', '123456789', '999999999', '12345678', '1234567820', 'abcdefghi'])('does not take %s for a BSN', async (v) => {
    expect(await apply('ww_is_bsn', v)).toBe(false);
  });
});

describe('personal data patterns', () => {
  it.each([
    ['jan.jansen@example.nl', 'PII_EMAIL'],
    ['0612345678', 'PII_PHONE'],
    ['06-12345678', 'PII_PHONE'],
    ['+31 6 1234 5678', 'PII_PHONE'],
    ['0031201234567', 'PII_PHONE'],
    ['020-1234567', 'PII_PHONE'],
    ['(020) 123 45 67', 'PII_PHONE'],
    ['NL91ABNA0417164300', 'PII_IBAN'],
    ['NL91 ABNA 0417 1643 00', 'PII_IBAN'],
    ['GB82WEST12345698765432', 'PII_IBAN'],
    ['1234 AB 5', 'PII_POSTCODE'],
    ['1234AB 12a', 'PII_POSTCODE'],
    ['Dorpsstraat 12, 1234 AB Ergens', 'PII_POSTCODE'],
    ['111222333', 'PII_BSN'],
  ])('ww_guard_any(%s) = %s', async (value, rule) => {
    expect(await apply('ww_guard_any', value)).toBe(rule);
  });

  it.each(['politie', 'NL91ABNA0417164301', '1234 AB', 'GM0363', 'weegploeg', '2025-01-01', '12', 'jan@', '061234567'])('ww_guard_any(%s) finds nothing', async (value) => {
    expect(await apply('ww_guard_any', value)).toBeNull();
  });
});

describe('pseudonym-shaped values that are not pseudonyms', () => {
  it.each([
    ['111222333', 'PII_BSN'],
    ['0612345678', 'PII_PHONE'],
    ['NL91ABNA0417164300', 'PII_IBAN'],
    ['1234AB12', 'PII_POSTCODE'],
    ['2024-03-05', 'PSEUDONYM_DATE'],
    ['05-03-2024', 'PSEUDONYM_DATE'],
    ['19840521', 'PSEUDONYM_DATE'],
  ])('ww_guard_pseudonym(%s) = %s', async (value, rule) => {
    expect(await apply('ww_guard_pseudonym', value)).toBe(rule);
  });

  it.each(['sig_k3J9xQ2mL8pR4vT1', 'Kq9vX2mLp8R4tY1wZ3bN5cD7', 'a1b2c3d4e5f6a7b8', '123456789', 'VR13-S-000123', '20241399'])(
    'ww_guard_pseudonym(%s) accepts it',
    async (value) => {
      expect(await apply('ww_guard_pseudonym', value)).toBeNull();
    },
  );

  it.each([
    ['Jan de Vries', 'PSEUDONYM_NAME'],
    ['Anne-Marie Öztürk', 'PSEUDONYM_NAME'],
    ['2024/03/05', 'PSEUDONYM_DATE'],
  ])('ww_pseudonym_shape(%s) = %s', async (value, rule) => {
    expect(await apply('ww_pseudonym_shape', value)).toBe(rule);
  });
});
