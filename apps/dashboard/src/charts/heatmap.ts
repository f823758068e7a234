import { HeatmapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ColumnKind } from '../api/types';
import type { Lang } from '../i18n/messages';
import { formatValue } from '../lib/format';
import type { TableModel } from '../lib/table';
import { BASE_TEXT, TOOLTIP, categoryAxis, escapeHtml } from './common';
import { SUPPRESSED_DECAL, SUPPRESSED_FILL } from './palette';

registerEcharts([HeatmapChart, GridComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export interface HeatmapOptions {
  /** Long tables: x from this column's texts; wide tables: `xColumns` as the x categories. */
  x?: string;
  xColumns?: { key: string; name: string }[];
  y: string;
  /** Long tables: the value column. */
  value?: string;
  valueKind: ColumnKind;
  lang: Lang;
}

interface Cell {
  x: string;
  y: string;
  cell: TableModel['rows'][number][number];
}

function cellsOf(model: TableModel, o: HeatmapOptions): Cell[] {
  const col = (k: string) => model.columns.findIndex((c) => c.key === k);
  const yi = col(o.y);
  if (o.xColumns) return model.rows.flatMap((r) => (o.xColumns ?? []).map((xc) => ({ x: xc.name, y: r[yi].text, cell: r[col(xc.key)] })).filter((c) => c.cell));
  const [xi, vi] = [col(o.x ?? ''), col(o.value ?? '')];
  return model.rows.map((r) => ({ x: r[xi].text, y: r[yi].text, cell: r[vi] }));
}

/** A grid of x × y coloured by value; suppressed cells hatched grey and labelled as in the table. */
export function heatmapOption(model: TableModel, o: HeatmapOptions): EChartsCoreOption {
  const cells = cellsOf(model, o);
  const xs = o.xColumns ? o.xColumns.map((c) => c.name) : [...new Set(cells.map((c) => c.x))];
  const ys = [...new Set(cells.map((c) => c.y))];
  const values: { value: [number, number, number]; text: string }[] = [];
  const suppressed: { value: [number, number, number]; text: string }[] = [];
  for (const { x: xt, y: yt, cell } of cells) {
    const x = xs.indexOf(xt);
    const y = ys.indexOf(yt);
    if (cell.suppression) suppressed.push({ value: [x, y, 0], text: cell.text });
    else if (typeof cell.raw === 'number') values.push({ value: [x, y, cell.raw], text: cell.text });
  }
  const max = Math.max(1e-9, ...values.map((v) => v.value[2]));
  return {
    textStyle: BASE_TEXT,
    grid: { left: 8, right: 16, top: 16, bottom: 56, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      formatter: (p: { data: { value: [number, number, number]; text: string } }) =>
        `${escapeHtml(ys[p.data.value[1]])} · ${escapeHtml(xs[p.data.value[0]])}: <b>${escapeHtml(p.data.text)}</b>`,
    },
    xAxis: categoryAxis(xs, { axisLabel: { ...BASE_TEXT, interval: 0, rotate: xs.length > 5 ? 30 : 0 }, splitArea: { show: true } }),
    yAxis: categoryAxis(ys, { splitArea: { show: true }, inverse: true }),
    // ECharts draws a heatmap only through a visualMap: one scale for the values, and a
    // fixed grey for the suppressed cells (series 1), which the decal hatches.
    visualMap: [
      {
        type: 'continuous',
        min: 0,
        max,
        seriesIndex: 0,
        calculable: false,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 160,
        text: [formatValue(max, o.valueKind, o.lang), formatValue(0, o.valueKind, o.lang)],
        textStyle: BASE_TEXT,
        inRange: { color: ['#eef4fa', '#9ec3e6', '#3b7dbf', '#0b3c6e'] },
      },
      { type: 'piecewise', seriesIndex: 1, show: false, pieces: [{ value: 0, color: SUPPRESSED_FILL }] },
    ],
    series: [
      {
        type: 'heatmap',
        data: values,
        label: {
          show: xs.length * ys.length <= 120,
          formatter: (p: { data: { text: string; value: [number, number, number] } }) => p.data.text,
          color: '#000',
          backgroundColor: 'rgba(255,255,255,0.85)',
          padding: [1, 3],
          fontSize: 11,
        },
      },
      {
        type: 'heatmap',
        data: suppressed,
        itemStyle: { color: SUPPRESSED_FILL, decal: SUPPRESSED_DECAL },
        label: { show: true, formatter: (p: { data: { text: string } }) => p.data.text, color: '#000', fontSize: 11 },
      },
    ],
  };
}
