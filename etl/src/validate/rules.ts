/**
 * Every rule the validator can report, with its category and the message a region's data
 * officer sees. Messages describe the rule, never the offending value.
 */
import { extensionSentence } from '../formats';

export type RuleCategory = 'archive' | 'excel' | 'manifest' | 'file' | 'schema' | 'integrity' | 'guard' | 'delivery';

export interface RuleDef {
  category: RuleCategory;
  message: string;
}

export const RULES = {
  // a delivery as one .zip (contract 1.1)
  ARCHIVE_UNREADABLE: { category: 'archive', message: 'the archive cannot be read as a .zip (damaged, encrypted, or an entry that cannot be inflated)' },
  ARCHIVE_ENTRY_NOT_ALLOWED: { category: 'archive', message: 'the archive may hold only manifest.json and the two data files named in it' },
  ARCHIVE_LAYOUT: { category: 'archive', message: 'the files must lie at the root of the archive or together in one folder' },
  ARCHIVE_PATH_UNSAFE: { category: 'archive', message: 'an entry has an absolute path, a drive letter, a backslash or a ".." part' },
  ARCHIVE_LINK: { category: 'archive', message: 'an entry is a symbolic link; put the file itself in the archive' },
  ARCHIVE_TOO_LARGE: { category: 'archive', message: 'the unpacked delivery is larger than the batch limit' },
  // Excel workbooks (contract 1.1)
  EXCEL_MACROS: { category: 'excel', message: 'the workbook contains macros (.xlsm or a VBA project): save it as a plain .xlsx workbook' },
  EXCEL_EXTERNAL_LINK: { category: 'excel', message: 'the workbook links to other files, addresses or data connections: remove the links (paste values)' },
  EXCEL_FORMULA: { category: 'excel', message: 'a data cell holds a formula: paste the values instead' },
  EXCEL_HIDDEN_SHEET: { category: 'excel', message: 'a hidden sheet holds data: delete it, or show it if it belongs in the delivery' },
  EXCEL_HIDDEN_ROW: { category: 'excel', message: 'a hidden row holds data: delete it, or show it if it belongs in the delivery' },
  EXCEL_HIDDEN_COLUMN: { category: 'excel', message: 'a hidden column holds data: delete it, or show it if it belongs in the delivery' },
  EXCEL_TEXT_AS_NUMBER: { category: 'excel', message: 'a code or id is stored as a number (a leading zero would be lost): format the column as text' },
  EXCEL_SHEET_MISSING: { category: 'excel', message: 'the workbook has no sheet for this file: name it "signals" or "assessments" (one workbook for both needs both sheets)' },
  EXCEL_HEADER_ROW: { category: 'excel', message: 'the header must be in row 1 of the sheet' },
  EXCEL_TOO_LARGE: { category: 'excel', message: 'a part of the workbook is too large to read' },
  // manifest.json
  MANIFEST_MISSING: { category: 'manifest', message: 'manifest.json is missing from the batch' },
  MANIFEST_NOT_JSON: { category: 'manifest', message: 'manifest.json is not valid UTF-8 JSON (an object)' },
  MANIFEST_FIELD_MISSING: { category: 'manifest', message: 'required manifest field is missing' },
  MANIFEST_FIELD_INVALID: { category: 'manifest', message: 'manifest field has an invalid value or type' },
  MANIFEST_FIELD_UNKNOWN: { category: 'manifest', message: 'manifest field is not part of contract v1' },
  CONTRACT_VERSION: { category: 'manifest', message: 'contract_version must be "1"' },
  REGION_CODE_INVALID: { category: 'manifest', message: 'region_code must be one of VR01..VR25' },
  PRODUCED_AT_IN_FUTURE: {
    category: 'manifest',
    message: "produced_at lies in the future (more than 5 minutes after the monitor's clock): a batch cannot be produced later than it is delivered",
  },
  PERIOD_INVALID: { category: 'manifest', message: 'period must have from <= to, both dates YYYY-MM-DD' },
  FILE_NAME_INVALID: { category: 'manifest', message: 'file name must be a plain file name in the batch folder' },
  FILE_FORMAT_UNSUPPORTED: { category: 'manifest', message: `file extension must be ${extensionSentence()}` },
  // the data files
  FILE_MISSING: { category: 'file', message: 'file named in the manifest is not in the batch' },
  SHA256_MISMATCH: { category: 'file', message: 'sha256 of the file does not match the manifest' },
  ROWS_MISMATCH: { category: 'file', message: 'number of data rows does not match the manifest' },
  FILE_TOO_MANY_ROWS: { category: 'file', message: 'the file has more rows than one batch may hold: split the delivery into several batches' },
  VALIDATION_TIMEOUT: { category: 'file', message: 'checking the batch took longer than allowed: split the delivery into smaller batches' },
  FILE_NOT_UTF8: { category: 'file', message: 'file is not UTF-8 encoded (for example Latin-1/Windows-1252): save it as UTF-8' },
  FILE_UNREADABLE: { category: 'file', message: 'file cannot be read in its declared format' },
  CSV_MALFORMED: { category: 'file', message: "CSV row does not have the header's number of fields or has broken quoting (RFC 4180)" },
  JSON_NOT_OBJECT: { category: 'file', message: 'JSON Lines row is not a JSON object' },
  COLUMN_MISSING: { category: 'schema', message: 'required column is missing' },
  COLUMN_DUPLICATE: { category: 'schema', message: 'column appears more than once in the header' },
  // values
  REQUIRED: { category: 'schema', message: 'required value is empty' },
  REQUIRED_FOR_WEEGPLOEG: { category: 'schema', message: 'value is required on a weegploeg assessment' },
  TYPE_DATE: { category: 'schema', message: 'not a valid date in the form YYYY-MM-DD' },
  TYPE_INT: { category: 'schema', message: 'not a whole number' },
  TYPE_BOOL: { category: 'schema', message: 'not a boolean (true/false, 1/0, ja/nee)' },
  RANGE: { category: 'schema', message: 'number outside the allowed range 0..2' },
  CODE_UNKNOWN: { category: 'schema', message: 'value is not in the code list of this column' },
  PATTERN: { category: 'schema', message: 'value does not have the required form (municipality: GM + 4 digits)' },
  REGION_MISMATCH: { category: 'schema', message: "region_code differs from the manifest's region_code" },
  DATE_OUTSIDE_PERIOD: { category: 'schema', message: 'received_at lies outside the manifest period' },
  DATE_IN_FUTURE: { category: 'schema', message: 'date lies in the future' },
  BODY_STAGE_MISMATCH: { category: 'schema', message: 'body is not allowed for this stage' },
  OUTCOME_STAGE_MISMATCH: { category: 'schema', message: 'outcome is not allowed for this stage' },
  ENRICHMENT_NOT_ALLOWED: { category: 'schema', message: 'enrichment is only allowed on a pre_weging by politie' },
  // across rows and batches
  DUPLICATE_ID: { category: 'integrity', message: 'id occurs more than once in this file' },
  SIGNAL_UNKNOWN: { category: 'integrity', message: 'signal_id is not a signal of this region in this batch or an earlier loaded batch' },
  DATE_BEFORE_SIGNAL: { category: 'integrity', message: "decided_at lies before the signal's received_at" },
  // personal-data guard
  COLUMN_UNKNOWN: { category: 'guard', message: 'column is not part of the contract (possible personal data); remove it' },
  PII_BSN: { category: 'guard', message: 'value is a 9-digit number passing the BSN eleven-test (possible BSN)' },
  PII_EMAIL: { category: 'guard', message: 'value looks like an e-mail address' },
  PII_PHONE: { category: 'guard', message: 'value looks like a Dutch phone number' },
  PII_POSTCODE: { category: 'guard', message: 'value looks like a postcode with house number' },
  PII_IBAN: { category: 'guard', message: 'value looks like an IBAN bank account number' },
  PSEUDONYM_INVALID: { category: 'guard', message: 'not a pseudonym: wrong length or characters outside [A-Za-z0-9_-]' },
  PSEUDONYM_DATE: { category: 'guard', message: 'not a pseudonym: the value is a date' },
  PSEUDONYM_NAME: { category: 'guard', message: 'not a pseudonym: the value looks like a name (words with spaces)' },
  // the delivery as a whole
  BATCH_ID_CONFLICT: { category: 'delivery', message: 'this batch_id was already loaded for this region with different content; use a new batch_id for a correction' },
  REGION_NOT_ALLOWED: { category: 'delivery', message: 'you may only deliver batches for your own region' },
} as const satisfies Record<string, RuleDef>;

export type RuleCode = keyof typeof RULES;

export function ruleMessage(rule: RuleCode): string {
  return RULES[rule].message;
}
