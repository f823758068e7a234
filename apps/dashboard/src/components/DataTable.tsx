import { Fragment, useState } from 'react';
import type { MetricRow } from '../api/types';
import { useApp } from '../app/context';
import { sortRows, type SortState } from '../lib/sort';
import type { TableCell, TableModel } from '../lib/table';

function CellContent({ cell }: { cell: TableCell }) {
  return (
    <>
      {cell.href ? <a href={cell.href}>{cell.text}</a> : cell.text}
      {cell.detail && <span className="cell-detail">{cell.detail}</span>}
    </>
  );
}

function SortHeader({ label, active, onSort }: { label: string; active: SortState['dir'] | null; onSort: () => void }) {
  const { t } = useApp();
  return (
    // The arrow is drawn by CSS (data-sort), so the header's text stays the column's label.
    <button type="button" className="sort" onClick={onSort} title={t('sortBy', { column: label })} data-sort={active ?? 'none'}>
      {label}
    </button>
  );
}

/**
 * A real table: caption, sortable column headers (`aria-sort`), the first dimension as row
 * header, and a rank column once sorted on a number. The header sticks to the top of the
 * window; the table never scrolls inside a box.
 */
const isPeer = (r: MetricRow | undefined) => typeof r?.group === 'string' && r.group.startsWith('peer_');
const rowClass = (r: MetricRow | undefined) => (isPeer(r) ? 'peer-row' : r?.group === 'total' ? 'total-row' : undefined);

export function DataTable({ model, sortable = true }: { model: TableModel; sortable?: boolean }) {
  const { t, lang } = useApp();
  const [sort, setSort] = useState<SortState | null>(null);
  const rowHeader = model.columns[0]?.kind === 'dimension';
  const order = sortRows(model, sort, lang === 'nl' ? 'nl-NL' : 'en-GB');
  const showRank = order.some((r) => r.rank !== null);
  const toggle = (key: string, numeric: boolean) => setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: numeric ? 'desc' : 'asc' }));
  return (
    <table className="data-table">
      <caption>{model.caption}</caption>
      <thead>
        <tr>
          {showRank && <RankHeader />}
          {model.columns.map((c) => (
            <th
              key={c.key}
              scope="col"
              className={c.kind === 'dimension' ? 'dim' : 'num'}
              aria-sort={sort?.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {sortable ? <SortHeader label={c.label} active={sort?.key === c.key ? sort.dir : null} onSort={() => toggle(c.key, c.kind !== 'dimension')} /> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {order.map(({ index, rank }, pos) => (
          <Fragment key={index}>
            {isPeer(model.source[index]) && !isPeer(model.source[order[pos - 1]?.index]) && (
              <tr className="group-row">
                <th scope="colgroup" colSpan={model.columns.length + (showRank ? 1 : 0)}>
                  {t('peerGroupRow')}
                </th>
              </tr>
            )}
            <tr data-rank={rank ?? undefined} className={rowClass(model.source[index])}>
              {showRank && <td className="num rank">{rank ?? ''}</td>}
              {model.rows[index].map((cell, i) => {
                const kind = model.columns[i].kind;
                const className = [kind === 'dimension' ? 'dim' : 'num', cell.suppression ? 'suppressed' : ''].join(' ').trim();
                const key = model.columns[i].key;
                return i === 0 && rowHeader ? (
                  <th key={key} scope="row" className={className}>
                    <CellContent cell={cell} />
                  </th>
                ) : (
                  <td key={key} className={className} data-suppressed={cell.suppression}>
                    <CellContent cell={cell} />
                  </td>
                );
              })}
            </tr>
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function RankHeader() {
  const { t } = useApp();
  return (
    <th scope="col" className="num rank">
      {t('rank')}
    </th>
  );
}
