/**
 * The attention list as an Atom 1.0 feed (RFC 4287): one entry per flagged row of metric
 * `attention`, so an advisor's feed reader picks up new significant changes. Every value in
 * it comes from the metric's response (after disclosure control); this file only writes XML.
 */
import { loadRegions } from '@weegwijzer/contract';
import type { MetricResponse, Row } from '@weegwijzer/metrics';

export const ATOM_TYPE = 'application/atom+xml';

/** Text for XML content and attribute values: the five special characters escaped, characters XML 1.0 forbids dropped. */
export function xmlText(v: unknown): string {
  return String(v)
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

let regionNames: Map<string, string> | undefined;
function regionName(code: string | null): string {
  if (code === null) return 'Landelijk';
  regionNames ??= new Map(loadRegions().map((r) => [r.code, r.name]));
  return `${regionNames.get(code) ?? code} (${code})`;
}

/** A stable entry id: the same region, series and quarter give the same id in every build. */
export function entryId(row: Row): string {
  return `urn:weegwijzer:attention:${row.period}:${row.region_code ?? 'NL'}:${row.series}`;
}

const nl = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('nl-NL', { maximumSignificantDigits: 3 }) : '–');
const en = (x: unknown) => (typeof x === 'number' ? x.toPrecision(3) : '-');

function entry(row: Row, updated: string): string {
  const up = (row.observed as number) > (row.expected as number);
  const title = `${regionName(row.region_code as string | null)}: ${up ? 'stijging' : 'daling'} ${row.series}, ${row.observed} signalen in ${row.period} tegen ${row.expected} in ${row.baseline_period}`;
  const text =
    `${up ? 'Stijging' : 'Daling'} van ${row.expected} naar ${row.observed} signalen (${row.baseline_period} → ${row.period}); p = ${nl(row.p_value)}, q = ${nl(row.q_value)} (Benjamini–Hochberg). ` +
    `${up ? 'Increase' : 'Decrease'} from ${row.expected} to ${row.observed} signals; p = ${en(row.p_value)}, q = ${en(row.q_value)}.`;
  return [
    '  <entry>',
    `    <id>${xmlText(entryId(row))}</id>`,
    `    <title>${xmlText(title)}</title>`,
    `    <updated>${xmlText(updated)}</updated>`,
    `    <category term="${xmlText(row.series)}"/>`,
    `    <summary type="text">${xmlText(text)}</summary>`,
    '  </entry>',
  ].join('\n');
}

/**
 * The feed. `updated` is the snapshot's build time (feed and entries: the data behind them
 * changed then); `self` the request path for the self link.
 */
export function renderAttentionFeed(res: MetricResponse, updated: string, self: string): string {
  const flagged = res.rows.filter((r) => r.flag === true);
  const note = res.notes.map((n) => n.nl).join(' ');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl">',
    '  <id>urn:weegwijzer:attention</id>',
    '  <title>Weegwijzer: aandachtspunten</title>',
    `  <subtitle>${xmlText(note)}</subtitle>`,
    `  <updated>${xmlText(updated)}</updated>`,
    '  <author><name>Weegwijzer</name></author>',
    `  <link rel="self" type="${ATOM_TYPE}" href="${xmlText(self)}"/>`,
    ...flagged.map((r) => entry(r, updated)),
    '</feed>',
    '',
  ].join('\n');
}
