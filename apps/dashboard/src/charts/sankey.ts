import { SankeyChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { TableModel } from '../lib/table';
import { BASE_TEXT, TOOLTIP, escapeHtml } from './common';
import { SERIES_COLOURS } from './palette';

registerEcharts([SankeyChart, TooltipComponent, CanvasRenderer]);

/**
 * Sankey from a links table (columns from, to, value, with node ids kept in the source rows
 * as `source`/`target`). Suppressed links cannot be drawn with a width and are left out; the
 * panel notes how many.
 */
export function sankeyOption(model: TableModel, nodeText: (id: string) => string): EChartsCoreOption {
  const links = model.source
    .map((row, i) => ({ source: String(row.source), target: String(row.target), value: row.value, text: model.rows[i][2]?.text ?? '' }))
    .filter((l) => typeof l.value === 'number' && l.value > 0);
  const ids = [...new Set(links.flatMap((l) => [l.source, l.target]))];
  return {
    textStyle: BASE_TEXT,
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      formatter: (p: { dataType: string; data: { source?: string; target?: string; text?: string; name?: string }; value: number }) =>
        p.dataType === 'edge'
          ? `${escapeHtml(nodeText(p.data.source ?? ''))} → ${escapeHtml(nodeText(p.data.target ?? ''))}: <b>${escapeHtml(p.data.text ?? '')}</b>`
          : escapeHtml(nodeText(p.data.name ?? '')),
    },
    series: [
      {
        type: 'sankey',
        left: 8,
        right: 260,
        top: 8,
        bottom: 8,
        nodeGap: 10,
        draggable: false,
        layoutIterations: 32,
        emphasis: { focus: 'adjacency' },
        data: ids.map((id, i) => ({ name: id, itemStyle: { color: SERIES_COLOURS[i % SERIES_COLOURS.length] } })),
        links,
        label: { ...BASE_TEXT, width: 250, overflow: 'break', formatter: (p: { name: string }) => nodeText(p.name) },
        lineStyle: { color: 'gradient', opacity: 0.35 },
      },
    ],
  };
}
