import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ColumnKind } from '../api/types';
import type { Lang } from '../i18n/messages';
import type { TableModel } from '../lib/table';
import { BASE_TEXT, LEGEND, TOOLTIP, categoryAxis, escapeHtml, valueAxis } from './common';
import { NATIONAL_LINE, SERIES_COLOURS, SUPPRESSED_DECAL, SUPPRESSED_FILL } from './palette';

use([BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface BarOptions {
  /** Column whose cell texts name the bars. */
  category: string;
  series: { key: string; name: string }[];
  valueKind: ColumnKind;
  lang: Lang;
  horizontal?: boolean;
  stacked?: boolean;
  /** A reference line, e.g. the national value. */
  reference?: { value: number; label: string } | null;
}

/**
 * Bars from a table model. A suppressed value gets a short hatched grey bar labelled as in
 * the table ("< 5"), so it reads as "not shown", never as zero or as a gap.
 */
export function barOption(model: TableModel, o: BarOptions): EChartsCoreOption {
  const catIdx = model.columns.findIndex((c) => c.key === o.category);
  const categories = model.rows.map((r) => r[catIdx]?.text ?? '');
  const known = o.series.flatMap((s) => {
    const i = model.columns.findIndex((c) => c.key === s.key);
    return model.rows.map((r) => (typeof r[i]?.raw === 'number' ? (r[i].raw as number) : 0));
  });
  const max = Math.max(o.reference?.value ?? 0, ...known, 0);
  const placeholder = max > 0 ? max * 0.03 : o.valueKind === 'share' ? 0.01 : 1;
  const series = o.series.map((s, si) => {
    const i = model.columns.findIndex((c) => c.key === s.key);
    const data = model.rows.map((r) => {
      const cell = r[i];
      if (!cell) return { value: null, text: '' };
      if (cell.suppression)
        return {
          value: placeholder,
          text: cell.text,
          itemStyle: { color: SUPPRESSED_FILL, decal: SUPPRESSED_DECAL, borderColor: '#6b6b6b', borderWidth: 1 },
          label: { show: true, formatter: cell.text, position: o.horizontal ? 'right' : 'top', ...BASE_TEXT },
        };
      return { value: typeof cell.raw === 'number' ? cell.raw : null, text: cell.text };
    });
    return {
      type: 'bar',
      name: s.name,
      stack: o.stacked ? 'total' : undefined,
      data,
      itemStyle: { color: SERIES_COLOURS[si % SERIES_COLOURS.length] },
      barMaxWidth: 36,
      markLine:
        si === 0 && o.reference
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: NATIONAL_LINE, type: 'dashed', width: 2 },
              label: { ...BASE_TEXT, formatter: o.reference.label, position: o.horizontal ? 'end' : 'insideEndTop' },
              data: [o.horizontal ? { xAxis: o.reference.value } : { yAxis: o.reference.value }],
            }
          : undefined,
    };
  });
  const valAxis = valueAxis(o.valueKind, o.lang);
  const catAxis = categoryAxis(categories, o.horizontal ? { inverse: true } : { axisLabel: { ...BASE_TEXT, interval: 0, rotate: categories.length > 6 ? 30 : 0 } });
  return {
    textStyle: BASE_TEXT,
    legend: o.series.length > 1 ? LEGEND : undefined,
    grid: { left: 8, right: o.horizontal ? 64 : 16, top: o.series.length > 1 ? 36 : 20, bottom: 8, containLabel: true },
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p: { seriesName: string; name: string; data: { text: string } }) =>
        `${escapeHtml(p.name)}<br/>${escapeHtml(p.seriesName)}: <b>${escapeHtml(p.data?.text ?? '')}</b>`,
    },
    xAxis: o.horizontal ? valAxis : catAxis,
    yAxis: o.horizontal ? catAxis : valAxis,
    series,
  };
}
