import { CustomChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { TableModel } from '../lib/table';
import type { Lang } from '../i18n/messages';
import { BASE_TEXT, LEGEND, TOOLTIP, axisFormatter, categoryAxis, escapeHtml } from './common';
import { NATIONAL_LINE } from './palette';

registerEcharts([ScatterChart, CustomChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface ForestOptions {
  lang: Lang;
  /** Axis title, e.g. "waargenomen / verwacht (1 = zoals het land)". */
  axisName: string;
  /** Legend name of the rows that are not divergent. */
  normalText: string;
  /** Column(s) naming each row, joined with " · ". */
  label: string[];
  ratio: string;
  low: string;
  high: string;
  divergent?: string;
  divergentText: string;
  ratioName: string;
  /** Rows drawn as a point only (e.g. a peer median, whose interval would mean nothing). */
  pointOnly?: (row: TableModel['source'][number]) => boolean;
}

type RenderApi = { value: (i: number) => number; coord: (v: [number, number]) => [number, number]; style: (o?: object) => object };

/**
 * Forest plot: per row the ratio with its 95% interval, a line at 1, divergent rows in a
 * second colour and shape. Rows whose ratio is suppressed are left out (noted by the panel).
 */
export function forestOption(model: TableModel, o: ForestOptions): EChartsCoreOption {
  const col = (k: string) => model.columns.findIndex((c) => c.key === k);
  const li = o.label.map(col).filter((i) => i >= 0);
  const [ri, loi, hii, di] = [col(o.ratio), col(o.low), col(o.high), o.divergent ? col(o.divergent) : -1];
  const idx = model.rows.map((r, i) => (typeof r[ri]?.raw === 'number' ? i : -1)).filter((i) => i >= 0);
  const rows = idx.map((i) => model.rows[i]);
  const pointOnly = idx.map((i) => o.pointOnly?.(model.source[i]) ?? false);
  const labels = rows.map((r) => li.map((i) => r[i].text).join(' · '));
  const num = (v: unknown) => (typeof v === 'number' ? v : NaN);
  const isDiv = (r: (typeof rows)[number]) => di >= 0 && (r[di].raw === true || r[di].raw === 1);
  const intervals = rows.map((r, y) => (pointOnly[y] ? [y, NaN, NaN] : [y, num(r[loi]?.raw), num(r[hii]?.raw)]));
  const points = rows.map((r, y) => ({
    divergent: isDiv(r),
    value: [num(r[ri].raw), y],
    text: pointOnly[y] ? r[ri].text : `${r[ri].text} (${r[loi]?.text ?? '–'} – ${r[hii]?.text ?? '–'})${isDiv(r) ? `, ${o.divergentText}` : ''}`,
    symbol: isDiv(r) ? 'diamond' : 'circle',
    symbolSize: isDiv(r) ? 14 : 9,
    itemStyle: { color: isDiv(r) ? '#a8123e' : '#1f5f99' },
  }));
  const finite = intervals.flatMap(([, a, b]) => [a, b]).filter(Number.isFinite);
  const xmax = Math.max(2, ...finite) * 1.05;
  return {
    textStyle: BASE_TEXT,
    grid: { left: 8, right: 24, top: 36, bottom: 36, containLabel: true },
    legend: { ...LEGEND, data: [o.normalText, o.divergentText] },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p: { data: { value: [number, number] } }) => {
        const y = p.data.value[1];
        return `${escapeHtml(labels[y])}<br/>${escapeHtml(o.ratioName)}: <b>${escapeHtml(points[y].text)}</b>`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: Math.ceil(xmax * 2) / 2,
      name: o.axisName,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: BASE_TEXT,
      axisLabel: { ...BASE_TEXT, formatter: axisFormatter('ratio', o.lang) },
      splitLine: { lineStyle: { color: '#e3e3e3' } },
    },
    yAxis: categoryAxis(labels, { inverse: true }),
    series: [
      {
        type: 'custom',
        silent: true,
        data: intervals.filter(([, a, b]) => Number.isFinite(a) && Number.isFinite(b)),
        encode: { x: [1, 2], y: 0 },
        renderItem: (_: unknown, api: RenderApi) => {
          const y = api.value(0);
          const a = api.coord([api.value(1), y]);
          const b = api.coord([api.value(2), y]);
          const style = { stroke: '#333', lineWidth: 2 };
          return {
            type: 'group',
            children: [
              { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style },
              { type: 'line', shape: { x1: a[0], y1: a[1] - 5, x2: a[0], y2: a[1] + 5 }, style },
              { type: 'line', shape: { x1: b[0], y1: b[1] - 5, x2: b[0], y2: b[1] + 5 }, style },
            ],
          };
        },
        z: 1,
      },
      // Two series, so the legend explains the red diamond; the axis already labels 1, the line needs no label.
      {
        type: 'scatter',
        name: o.normalText,
        symbol: 'circle',
        itemStyle: { color: '#1f5f99' },
        data: points.filter((p) => !p.divergent),
        z: 2,
        markLine: { symbol: 'none', silent: true, lineStyle: { color: NATIONAL_LINE, type: 'dashed', width: 2 }, label: { show: false }, data: [{ xAxis: 1 }] },
      },
      { type: 'scatter', name: o.divergentText, symbol: 'diamond', itemStyle: { color: '#a8123e' }, data: points.filter((p) => p.divergent), z: 2 },
    ],
  };
}
