/**
 * Generates the tables of docs/data-contract.md from libs/contract (the single source of
 * truth) and the input format registry (etl/src/formats), and the example batch in
 * docs/examples/batch. Sections between `<!-- generated:NAME -->` and
 * `<!-- /generated:NAME -->` are replaced; the rest of the document is hand-written.
 *
 *   node -r @swc-node/register etl/src/demo/contract-doc.ts --write   # update the doc + example
 *   node -r @swc-node/register etl/src/demo/contract-doc.ts --check   # exit 1 when out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSESSMENT_COLUMNS, BODIES_BY_STAGE, FALSE_VALUES, OUTCOMES_BY_STAGE, SIGNAL_COLUMNS, STAGES, TRUE_VALUES, type ColumnSpec } from '@weegwijzer/contract';
import { FORMATS, INPUT_FORMATS } from '../formats';
import { RULES, type RuleCategory } from '../validate/rules';
import { writeExampleBatch } from './example-batch';
import { TEMPLATE_FILE, writeExampleWorkbookBatch, writeTemplateWorkbook } from './excel-docs';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
export const CONTRACT_DOC = join(REPO_ROOT, 'docs', 'data-contract.md');
export const EXAMPLES_DIR = join(REPO_ROOT, 'docs', 'examples');

const TYPE_LABEL: Record<ColumnSpec['type'], string> = {
  pseudonym: 'pseudonym',
  string: 'text',
  code: 'code',
  date: 'date `YYYY-MM-DD`',
  int: 'whole number',
  bool: 'boolean',
};

function requirement(c: ColumnSpec): string {
  return c.required === 'yes' ? 'yes' : c.required === 'weegploeg' ? 'on `weegploeg` rows' : 'no';
}

function values(c: ColumnSpec): string {
  if (c.codes) return c.codes.length > 12 ? `\`${c.codes[0]}\` … \`${c.codes[c.codes.length - 1]}\`` : c.codes.map((v) => `\`${v}\``).join(', ');
  if (c.pattern) return `\`${c.pattern}\``;
  if (c.type === 'int') return `${c.min}–${c.max}`;
  if (c.type === 'bool') return 'see Booleans';
  if (c.type === 'date') return 'see Dates';
  return '';
}

export function columnTable(columns: readonly ColumnSpec[]): string {
  const lines = ['| column | type | required | values | meaning | betekenis |', '|---|---|---|---|---|---|'];
  for (const c of columns) {
    lines.push(`| \`${c.name}\` | ${TYPE_LABEL[c.type]} | ${requirement(c)} | ${values(c)} | ${c.description.en} | ${c.description.nl} |`);
  }
  return lines.join('\n');
}

export function stageTable(): string {
  const lines = ['| stage | allowed `body` | allowed `outcome` |', '|---|---|---|'];
  for (const s of STAGES) {
    lines.push(`| \`${s}\` | ${BODIES_BY_STAGE[s].map((b) => `\`${b}\``).join(', ')} | ${OUTCOMES_BY_STAGE[s].map((o) => `\`${o}\``).join(', ')} |`);
  }
  return lines.join('\n');
}

export function booleanLine(): string {
  return `True: ${TRUE_VALUES.map((v) => `\`${v}\``).join(', ')}; false: ${FALSE_VALUES.map((v) => `\`${v}\``).join(', ')} (any upper/lower case). Empty = not known.`;
}

/** The rules of one category with the message a data officer sees (from etl/src/validate/rules.ts). */
export function ruleTable(category: RuleCategory): string {
  const lines = ['| rule | what it means |', '|---|---|'];
  for (const [name, rule] of Object.entries(RULES)) if (rule.category === category) lines.push(`| \`${name}\` | ${rule.message} |`);
  return lines.join('\n');
}

/** §1: the files of a delivery, a data file in any registered format. */
export function deliveryFilesTable(): string {
  const extensions = INPUT_FORMATS.flatMap((f) => FORMATS[f].extensions);
  const names = (kind: string) => [`\`${kind}.${extensions[0]}\``, ...extensions.slice(1).map((e) => `\`.${e}\``)].join(' / ');
  return [
    '| file | required | content |',
    '|---|---|---|',
    '| `manifest.json` | yes | who delivers, which period, which files, their row counts and SHA-256 |',
    `| ${names('signals')} | yes | one row per signal (*signaal*) |`,
    `| ${names('assessments')} | yes | one row per assessment step (*weging*) of a signal |`,
  ].join('\n');
}

/** §3: one row per registered input format (etl/src/formats). */
export function fileFormatTable(): string {
  const lines = ['| format | details |', '|---|---|'];
  for (const f of INPUT_FORMATS) {
    const { label, extensions, contractDoc } = FORMATS[f];
    lines.push(`| ${label} (${extensions.map((e) => `\`.${e}\``).join(', ')}) | ${contractDoc} |`);
  }
  return lines.join('\n');
}

export const GENERATED_SECTIONS: Record<string, () => string> = {
  'delivery-files': deliveryFilesTable,
  'file-formats': fileFormatTable,
  'signals-columns': () => columnTable(SIGNAL_COLUMNS),
  'excel-rules': () => ruleTable('excel'),
  'archive-rules': () => ruleTable('archive'),
  'assessments-columns': () => columnTable(ASSESSMENT_COLUMNS),
  'stage-table': stageTable,
  booleans: booleanLine,
};

/** The document with every generated section replaced by its current content. */
export function renderContractDoc(doc: string): string {
  let out = doc;
  for (const [name, render] of Object.entries(GENERATED_SECTIONS)) {
    const start = `<!-- generated:${name} -->`;
    const end = `<!-- /generated:${name} -->`;
    const a = out.indexOf(start);
    const b = out.indexOf(end);
    if (a < 0 || b < a) throw new Error(`docs/data-contract.md: markers for section ${name} are missing`);
    out = out.slice(0, a + start.length) + '\n' + render() + '\n' + out.slice(b);
  }
  return out;
}

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== '--write' && mode !== '--check') {
    console.error('usage: contract-doc.ts --write | --check');
    process.exit(2);
  }
  const doc = readFileSync(CONTRACT_DOC, 'utf8');
  const rendered = renderContractDoc(doc);
  if (mode === '--check') {
    if (rendered !== doc) {
      console.error('docs/data-contract.md is out of date with libs/contract: run contract-doc.ts --write');
      process.exit(1);
    }
    return;
  }
  writeFileSync(CONTRACT_DOC, rendered);
  await writeExampleBatch({
    localDir: join(EXAMPLES_DIR, 'local'),
    keyFile: join(EXAMPLES_DIR, 'demo-key.hex'),
    outDir: join(EXAMPLES_DIR, 'batch'),
  });
  await writeExampleWorkbookBatch(join(EXAMPLES_DIR, 'batch'), join(EXAMPLES_DIR, 'batch-xlsx'));
  await writeTemplateWorkbook(join(EXAMPLES_DIR, TEMPLATE_FILE));
  console.log(`updated docs/data-contract.md, docs/examples/batch, batch-xlsx and ${TEMPLATE_FILE}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
