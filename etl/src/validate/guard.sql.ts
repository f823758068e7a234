/**
 * The personal-data guard of CONTRACT.md as DuckDB macros, evaluated set-based over the
 * staging tables. Each returns a rule code or NULL.
 *
 * - ww_guard_any(v): for any value that is not valid for its column: a BSN (9 digits,
 *   optionally grouped with spaces/dots/hyphens, passing the eleven-test: 000000000
 *   included), an e-mail address, a Dutch phone number, an IBAN (mod-97 checked), a
 *   postcode with house number (alone or inside an address).
 * - ww_guard_pseudonym(v): for a value that has the pseudonym shape [A-Za-z0-9_-]{n,m} but
 *   is still personal data or no pseudonym: BSN, phone, IBAN (upper case, as printed),
 *   postcode+number written without spaces, or a date.
 * - ww_pseudonym_shape(v): for a value that fails the pseudonym pattern: a date or a
 *   name-like string with spaces (more specific than "wrong characters").
 */
export const GUARD_MACROS_SQL = [
  `CREATE OR REPLACE MACRO ww_eleven(d) AS
    (9 * (ascii(d[1]) - 48) + 8 * (ascii(d[2]) - 48) + 7 * (ascii(d[3]) - 48) + 6 * (ascii(d[4]) - 48)
     + 5 * (ascii(d[5]) - 48) + 4 * (ascii(d[6]) - 48) + 3 * (ascii(d[7]) - 48) + 2 * (ascii(d[8]) - 48)
     - (ascii(d[9]) - 48)) % 11 = 0`,
  `CREATE OR REPLACE MACRO ww_is_bsn(v) AS
    regexp_full_match(v, '[0-9]{9}|[0-9]{3}[ .-][0-9]{3}[ .-][0-9]{3}|[0-9]{4}[ .-][0-9]{2}[ .-][0-9]{3}|[0-9]{3}[ .-][0-9]{2}[ .-][0-9]{2}[ .-][0-9]{2}')
    AND ww_eleven(regexp_replace(v, '[^0-9]', '', 'g'))`,
  `CREATE OR REPLACE MACRO ww_is_email(v) AS
    contains(v, '@') AND regexp_full_match(trim(v), '[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}')`,
  `CREATE OR REPLACE MACRO ww_is_phone(v) AS
    (v[1] IN ('0', '+', '(') OR trim(v)[1] IN ('0', '+', '('))
    AND regexp_full_match(regexp_replace(trim(v), '[ ()./-]', '', 'g'), '(\\+31|0031|0)[1-9][0-9]{8}')`,
  `CREATE OR REPLACE MACRO ww_mod97(x) AS
    list_reduce(
      list_transform(string_split(substr(x, 5) || substr(x, 1, 4), ''),
        lambda ch: CASE WHEN ch >= 'A' THEN ascii(ch) - 55 ELSE ascii(ch) - 48 END),
      lambda acc, n: CASE WHEN n >= 10 THEN (acc * 100 + n) % 97 ELSE (acc * 10 + n) % 97 END, 0)`,
  /** x must already be normalised (no spaces); case-sensitive: IBANs are printed upper case. */
  `CREATE OR REPLACE MACRO ww_is_iban(x) AS
    regexp_full_match(x, '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}') AND ww_mod97(x) = 1`,
  `CREATE OR REPLACE MACRO ww_is_postcode(v) AS
    regexp_full_match(trim(v), '[1-9][0-9]{3} ?[A-Za-z]{2}[ ,-]*[0-9]{1,5}[ -]?[A-Za-z]{0,2}|[0-9]{1,5}[A-Za-z]{0,2}[ ,-]+[1-9][0-9]{3} ?[A-Za-z]{2}')
    OR (contains(v, ' ') AND regexp_matches(v, '(^|[^0-9A-Za-z])[1-9][0-9]{3} ?[A-Z]{2}([^A-Za-z]|$)') AND regexp_matches(v, '[A-Za-z]+\\.? +[0-9]{1,5}'))`,
  `CREATE OR REPLACE MACRO ww_is_date_like(v) AS
    regexp_full_match(trim(v), '[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}')
    OR (regexp_full_match(v, '[0-9]{8}') AND (try_strptime(v, '%Y%m%d') IS NOT NULL AND v[1:2] IN ('19', '20')
        OR try_strptime(v, '%d%m%Y') IS NOT NULL AND v[5:6] IN ('19', '20')))`,
  `CREATE OR REPLACE MACRO ww_is_name_like(v) AS
    regexp_full_match(trim(v), '\\p{L}[\\p{L}.''-]*( +[\\p{L}.''-]+)+')`,
  `CREATE OR REPLACE MACRO ww_guard_any(v) AS
    CASE WHEN ww_is_bsn(trim(v)) THEN 'PII_BSN'
         WHEN ww_is_email(v) THEN 'PII_EMAIL'
         WHEN ww_is_phone(v) THEN 'PII_PHONE'
         WHEN ww_is_iban(upper(replace(trim(v), ' ', ''))) THEN 'PII_IBAN'
         WHEN ww_is_postcode(v) THEN 'PII_POSTCODE' END`,
  // Cheap first-character tests keep the regexes off almost every real pseudonym.
  `CREATE OR REPLACE MACRO ww_guard_pseudonym(v) AS
    CASE WHEN ascii(v) BETWEEN 48 AND 57 THEN
           CASE WHEN regexp_full_match(v, '[0-9-]+') THEN
                  CASE WHEN ww_is_bsn(v) THEN 'PII_BSN' WHEN ww_is_phone(v) THEN 'PII_PHONE' WHEN ww_is_date_like(v) THEN 'PSEUDONYM_DATE' END
                WHEN ww_is_postcode(v) THEN 'PII_POSTCODE' END
         WHEN ascii(v) BETWEEN 65 AND 90 AND length(v) BETWEEN 15 AND 34 AND ww_is_iban(v) THEN 'PII_IBAN' END`,
  `CREATE OR REPLACE MACRO ww_pseudonym_shape(v) AS
    CASE WHEN ww_is_date_like(v) THEN 'PSEUDONYM_DATE' WHEN ww_is_name_like(v) THEN 'PSEUDONYM_NAME' END`,
];
