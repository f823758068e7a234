import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent } from 'echarts/components';
import { use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ColumnKind } from '../api/types';
import type { Lang } from '../i18n/messages';
import type { TableModel } from '../lib/table';
import { BASE_TEXT, LEGEND, TOOLTIP, categoryAxis, escapeHtml, legendHeight, valueAxis } from './common';
import { SERIES_COLOURS } from './palette';

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'];

registerEcharts([LineChart, GridComponent, LegendComponent, MarkAreaComponent, TooltipComponent, CanvasRenderer]);

export interface LineOptions {
  x: string;
  /** Column that splits the rows into lines (long format); without it one line per `values`. */
  group?: string;
  values: { key: string; name: string }[];
  valueKind: ColumnKind;
  lang: Lang;
  /** Axis label of an x value (default: the cell's text). */
  xLabel?: (raw: string) => string;
  /** x values whose data are provisional: shaded and labelled. */
  provisional?: { is: (raw: string) => boolean; label: string };
}

/**
 * Lines from a long table (x, group, value). A suppressed point is left out (the line breaks
 * there) and the panel says how many points were left out.
 */
export function lineOption(model: TableModel, o: LineOptions): EChartsCoreOption {
  const col = (k: string) => model.columns.findIndex((c) => c.key === k);
  const xi = col(o.x);
  const gi = o.group ? col(o.group) : -1;
  const xs = [...new Set(model.rows.map((r) => String(r[xi]?.raw ?? '')))].sort();
  const xText = new Map(model.rows.map((r) => [String(r[xi]?.raw ?? ''), r[xi]?.text ?? '']));
  type Line = { name: string; data: (number | null)[]; text: string[] };
  const lines = new Map<string, Line>();
  for (const v of o.values) {
    const vi = col(v.key);
    for (const r of model.rows) {
      const g = gi >= 0 ? r[gi].text : v.name;
      const key = gi >= 0 ? `${String(r[gi].raw)}|${v.key}` : v.key;
      let line = lines.get(key);
      if (!line) {
        line = { name: gi >= 0 && o.values.length > 1 ? `${g} – ${v.name}` : g, data: xs.map(() => null), text: xs.map(() => '') };
        lines.set(key, line);
      }
      const x = xs.indexOf(String(r[xi]?.raw ?? ''));
      const cell = r[vi];
      line.data[x] = typeof cell?.raw === 'number' && !cell.suppression ? cell.raw : null;
      line.text[x] = cell?.text ?? '';
    }
  }
  const all = [...lines.values()];
  const labels = xs.map((x) => (o.xLabel ? o.xLabel(x) : (xText.get(x) ?? x)));
  const prov = o.provisional ? xs.filter((x) => o.provisional?.is(x)) : [];
  const markArea =
    prov.length > 0
      ? {
          silent: true,
          itemStyle: { color: 'rgba(138, 109, 0, 0.12)' },
          label: { ...BASE_TEXT, fontSize: 12, position: 'insideTop', formatter: o.provisional?.label },
          data: [[{ xAxis: labels[xs.indexOf(prov[0])] }, { xAxis: labels[xs.indexOf(prov[prov.length - 1])] }]],
        }
      : undefined;
  return {
    textStyle: BASE_TEXT,
    legend: all.length > 1 ? LEGEND : undefined,
    grid: { left: 8, right: 16, top: legendHeight(all.length), bottom: 8, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      trigger: 'axis',
      formatter: (ps: { seriesIndex: number; dataIndex: number; axisValueLabel: string; marker: string }[]) =>
        ps.length
          ? `${escapeHtml(ps[0].axisValueLabel)}<br/>` +
            ps.map((p) => `${p.marker}${escapeHtml(all[p.seriesIndex].name)}: <b>${escapeHtml(all[p.seriesIndex].text[p.dataIndex])}</b>`).join('<br/>')
          : '',
    },
    xAxis: categoryAxis(labels, { boundaryGap: false, axisLabel: { ...BASE_TEXT, hideOverlap: true } }),
    yAxis: valueAxis(o.valueKind, o.lang),
    series: all.map((l, i) => ({
      type: 'line',
      name: l.name,
      data: l.data,
      connectNulls: false,
      showSymbol: xs.length <= 40,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 7,
      lineStyle: { width: 2 },
      itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] },
      markArea: i === 0 ? markArea : undefined,
    })),
  };
}
