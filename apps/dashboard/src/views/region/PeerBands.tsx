import { useApp } from '../../app/context';
import type { TableCell, TableModel } from '../../lib/table';

const W = 260;
const H = 22;

const num = (c: TableCell | undefined) => (c && typeof c.raw === 'number' && !c.suppression ? c.raw : null);

/**
 * Per figure the own value as a dot on a band from the other regions' minimum to maximum, the
 * middle half (quartiles) darker and the median as a tick: a box next to the own value, so
 * the distribution never reads as regions. Drawn from the table's own cells.
 */
export function PeerBands({ model }: { model: TableModel }) {
  const { t } = useApp();
  const col = (k: string) => model.columns.findIndex((c) => c.key === k);
  const [vi, mn, q1, md, q3, mx] = ['value', 'peer_min', 'peer_q1', 'peer_median', 'peer_q3', 'peer_max'].map(col);
  return (
    <table className="peer-bands">
      <caption className="visually-hidden">{model.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{model.columns[0].label}</th>
          <th scope="col" className="num">
            {t('regionValue')}
          </th>
          <th scope="col">{t('peerBand')}</th>
        </tr>
      </thead>
      <tbody>
        {model.rows.map((r, i) => {
          const v = num(r[vi]);
          const band = [mn, q1, md, q3, mx].map((j) => (j >= 0 ? num(r[j]) : null));
          const known = [v, ...band].filter((x): x is number => x !== null);
          const lo = Math.min(0, ...known);
          const hi = Math.max(...known, lo + 1e-9);
          const x = (n: number) => 6 + ((n - lo) / (hi - lo)) * (W - 12);
          const [bmin, bq1, bmed, bq3, bmax] = band;
          const text =
            bmin !== null && bmax !== null ? t('peerBandText', { median: r[md].text, q1: r[q1].text, q3: r[q3].text, min: r[mn].text, max: r[mx].text }) : t('peerBandUnavailable');
          return (
            <tr key={i}>
              <th scope="row">{r[0].text}</th>
              <td className="num">
                {r[vi].text}
                {r[vi].detail && <span className="cell-detail">{r[vi].detail}</span>}
              </td>
              <td>
                <svg width={W} height={H} role="img" aria-label={`${r[0].text}: ${r[vi].text}; ${text}`}>
                  <line x1={6} x2={W - 6} y1={H / 2} y2={H / 2} stroke="#d4d8dc" />
                  {bmin !== null && bmax !== null && <rect x={x(bmin)} y={H / 2 - 3} width={Math.max(1, x(bmax) - x(bmin))} height={6} fill="#b9c9da" />}
                  {bq1 !== null && bq3 !== null && <rect x={x(bq1)} y={H / 2 - 6} width={Math.max(1, x(bq3) - x(bq1))} height={12} fill="#5b86b3" />}
                  {bmed !== null && <line x1={x(bmed)} x2={x(bmed)} y1={2} y2={H - 2} stroke="#1b1b1b" strokeWidth={2} />}
                  {v !== null && <circle cx={x(v)} cy={H / 2} r={5} fill="#a8123e" stroke="#fff" strokeWidth={1.5} />}
                </svg>
                <span className="band-text">{text}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
