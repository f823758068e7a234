import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ColumnKind } from '../api/types';
import type { Lang } from '../i18n/messages';
import type { TableCell, TableModel } from '../lib/table';
import { BASE_TEXT, LEGEND, TOOLTIP, categoryAxis, escapeHtml, valueAxis } from './common';
import { NATIONAL_LINE, SERIES_COLOURS, SUPPRESSED_DECAL, SUPPRESSED_FILL } from './palette';

registerEcharts([BarChart, GridComponent, LegendComponent, MarkAreaComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export interface BarOptions {
  /** Column(s) whose cell texts name the bars (categories), joined with " · ". */
  category: string | string[];
  /** Wide tables: one series per column. */
  series?: { key: string; name: string }[];
  /** Long tables: one series per distinct value of `series`, heights from `value`. */
  pivot?: { series: string; value: string };
  valueKind: ColumnKind;
  lang: Lang;
  horizontal?: boolean;
  stacked?: boolean;
  /** A reference line, e.g. the national value. */
  reference?: { value: number; label: string } | null;
  /** The other regions' distribution as a shaded band (quartiles) beside a regio caller's own bar. */
  band?: { q1: number; q3: number; label: string } | null;
}

interface Series {
  name: string;
  cells: (TableCell | undefined)[];
}

function normalise(model: TableModel, o: BarOptions): { categories: string[]; series: Series[] } {
  const col = (k: string) => model.columns.findIndex((c) => c.key === k);
  const cis = (Array.isArray(o.category) ? o.category : [o.category]).map(col);
  const catOf = (r: TableCell[]) => cis.map((i) => r[i]?.text ?? '').join(' · ');
  if (o.pivot) {
    const si = col(o.pivot.series);
    const vi = col(o.pivot.value);
    const categories = [...new Set(model.rows.map(catOf))];
    const names = [...new Set(model.rows.map((r) => r[si]?.text ?? ''))];
    const series = names.map((name) => ({
      name,
      cells: categories.map((c) => model.rows.find((r) => catOf(r) === c && r[si]?.text === name)?.[vi]),
    }));
    return { categories, series };
  }
  const categories = model.rows.map(catOf);
  const series = (o.series ?? []).map((s) => {
    const i = col(s.key);
    return { name: s.name, cells: model.rows.map((r) => (i >= 0 ? r[i] : undefined)) };
  });
  return { categories, series };
}

/**
 * Bars from a table model. A suppressed value gets a short hatched grey bar labelled as in
 * the table ("< 5"), so it reads as "not shown", never as zero or as a gap; a released zero
 * has no bar to see, so it is labelled with its text ("0"), never read as a missing value.
 */
export function barOption(model: TableModel, o: BarOptions): EChartsCoreOption {
  const { categories, series: input } = normalise(model, o);
  const known = input.flatMap((s) => s.cells.map((c) => (typeof c?.raw === 'number' ? c.raw : 0)));
  const max = Math.max(o.reference?.value ?? 0, ...known, 0);
  const placeholder = max > 0 ? max * 0.03 : o.valueKind === 'share' ? 0.01 : 1;
  // a bar labelled with its cell's text, where the bar alone would not say it
  const textLabel = (text: string) => ({ show: true, formatter: text, position: o.horizontal ? 'right' : 'top', ...BASE_TEXT, fontSize: 11 });
  const series = input.map((s, si) => {
    const data = s.cells.map((cell) => {
      if (!cell) return { value: null, text: '' };
      if (cell.suppression)
        return {
          value: placeholder,
          text: cell.text,
          itemStyle: { color: SUPPRESSED_FILL, decal: SUPPRESSED_DECAL, borderColor: '#6b6b6b', borderWidth: 1 },
          // In a stack the label would sit on the next segment; the hatch and the note say it there.
          label: o.stacked ? { show: false } : textLabel(cell.text),
        };
      if (cell.raw === 0 && !o.stacked) return { value: 0, text: cell.text, label: textLabel(cell.text) };
      return { value: typeof cell.raw === 'number' ? cell.raw : null, text: cell.text };
    });
    return {
      type: 'bar',
      name: s.name,
      stack: o.stacked ? 'total' : undefined,
      data,
      itemStyle: { color: SERIES_COLOURS[si % SERIES_COLOURS.length] },
      barMaxWidth: 36,
      markArea:
        si === 0 && o.band
          ? {
              silent: true,
              itemStyle: { color: 'rgba(91, 134, 179, 0.22)' },
              label: { ...BASE_TEXT, fontSize: 12, formatter: o.band.label, position: o.horizontal ? 'insideTop' : 'insideRight' },
              data: [o.horizontal ? [{ xAxis: o.band.q1 }, { xAxis: o.band.q3 }] : [{ yAxis: o.band.q1 }, { yAxis: o.band.q3 }]],
            }
          : undefined,
      markLine:
        si === 0 && o.reference
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { color: NATIONAL_LINE, type: 'dashed', width: 2 },
              label: { ...BASE_TEXT, formatter: o.reference.label, position: o.horizontal ? 'start' : 'insideEndTop' },
              data: [o.horizontal ? { xAxis: o.reference.value } : { yAxis: o.reference.value }],
            }
          : undefined,
    };
  });
  const valAxis = valueAxis(o.valueKind, o.lang);
  const catAxis = categoryAxis(categories, o.horizontal ? { inverse: true } : { axisLabel: { ...BASE_TEXT, interval: 0, rotate: categories.length > 6 ? 30 : 0 } });
  return {
    textStyle: BASE_TEXT,
    legend: series.length > 1 ? LEGEND : undefined,
    grid: { left: 8, right: o.horizontal ? 72 : 16, top: series.length > 1 ? 40 : 28, bottom: 8, containLabel: true },
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

/** Height for a horizontal bar chart with this many categories and series. */
export function barHeight(categories: number, series = 1): number {
  return Math.max(220, 60 + categories * Math.max(22, 12 * series + 10));
}
