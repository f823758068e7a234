import type { TableModel } from '../lib/table';

/** A real table: caption, column headers with scope, and the first dimension as row header. */
export function DataTable({ model }: { model: TableModel }) {
  const rowHeader = model.columns[0]?.kind === 'dimension';
  return (
    <table className="data-table">
      <caption>{model.caption}</caption>
      <thead>
        <tr>
          {model.columns.map((c) => (
            <th key={c.key} scope="col" className={c.kind === 'dimension' ? 'dim' : 'num'}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {model.rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, i) => {
              const kind = model.columns[i].kind;
              const className = [kind === 'dimension' ? 'dim' : 'num', cell.suppression ? 'suppressed' : ''].join(' ').trim();
              const key = model.columns[i].key;
              return i === 0 && rowHeader ? (
                <th key={key} scope="row" className={className}>
                  {cell.text}
                </th>
              ) : (
                <td key={key} className={className} data-suppressed={cell.suppression}>
                  {cell.text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
