/**
 * A minimal `.xlsx` written as a stream (yazl + generated sheet XML), for sheets too large to
 * build in memory: Excel's full 1,048,576 rows in a few MB of deflate.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import yazl from 'yazl';

export type RawCell = string | number | boolean | null;

export interface RawSheet {
  name: string;
  /** Row 1 is the header. */
  rows: Iterable<RawCell[]> | AsyncIterable<RawCell[]>;
}

const CONTENT_TYPES = (n: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
  `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
  Array.from(
    { length: n },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('') +
  `</Types>`;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cellXml(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'number') return `<c><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c t="b"><v>${v ? 1 : 0}</v></c>`;
  return `<c t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
}

async function* sheetXml(rows: Iterable<RawCell[]> | AsyncIterable<RawCell[]>): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  let buf = '';
  for await (const row of rows) {
    // Cells without r attributes follow one another from column A (empty cells written as <c/>).
    buf += `<row>${row.map((v) => (v === null ? '<c/>' : cellXml(v))).join('')}</row>`;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '</sheetData></worksheet>';
}

/** `mtime` fixes the entries' timestamps (a byte-stable file for the docs). */
export async function writeRawXlsx(path: string, sheets: RawSheet[], opts: { mtime?: Date } = {}): Promise<void> {
  const zip = new yazl.ZipFile();
  const mtime = opts.mtime ?? new Date();
  zip.addBuffer(Buffer.from(CONTENT_TYPES(sheets.length)), '[Content_Types].xml', { mtime });
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    '_rels/.rels',
    { mtime },
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` +
        sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        `</sheets></workbook>`,
    ),
    'xl/workbook.xml',
    { mtime },
  );
  zip.addBuffer(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        sheets
          .map(
            (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
          )
          .join('') +
        `</Relationships>`,
    ),
    'xl/_rels/workbook.xml.rels',
    { mtime },
  );
  sheets.forEach((s, i) => zip.addReadStream(Readable.from(sheetXml(s.rows)), `xl/worksheets/sheet${i + 1}.xml`, { compressionLevel: 9, mtime }));
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(path);
    out.on('close', () => resolve());
    out.on('error', reject);
    zip.outputStream.pipe(out);
  });
}
