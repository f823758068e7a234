import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapComponent } from 'echarts/components';
import { registerMap, use as registerEcharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { BASE_TEXT, TOOLTIP, escapeHtml } from './common';

registerEcharts([MapChart, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export const REGION_MAP = 'veiligheidsregios';
let regionCodes: string[] | null = null;

const OUTLINE = 'NL';

/**
 * Registers the safety regions (TopoJSON object `vr_features`, property `code`) once, over the
 * national outline (`nl_features`). A regio caller's boundaries hold only its own region, so
 * the outline gives it the country around it.
 */
export function registerRegionMap(topology: unknown): void {
  if (regionCodes) return;
  const topo = topology as Topology<{ vr_features: GeometryCollection<{ code: string }>; nl_features?: GeometryCollection<{ code: string }> }>;
  const regions = feature(topo, topo.objects.vr_features);
  const outline = topo.objects.nl_features ? feature(topo, topo.objects.nl_features).features.map((f) => ({ ...f, properties: { code: OUTLINE } })) : [];
  const geo = { type: 'FeatureCollection', features: [...outline, ...regions.features] };
  registerMap(REGION_MAP, geo as unknown as Parameters<typeof registerMap>[1]);
  regionCodes = regions.features.map((f) => String(f.properties?.code ?? ''));
}

export interface MapDatum {
  code: string;
  name: string;
  value: number | null;
  text: string;
}

export interface MapOptions {
  data: MapDatum[];
  /** Codes that may be named in tooltips; other regions stay anonymous and grey. */
  nameable: (code: string) => boolean;
  minText: string;
  maxText: string;
  indicator: string;
  /** The colour scale's range; default the values' own (a regio caller: the peer minimum and maximum). */
  range?: { min: number; max: number } | null;
}

/** Choropleth of the safety regions; a region without a value (or suppressed) is grey. */
export function mapOption(o: MapOptions): EChartsCoreOption {
  const known = o.data.filter((d) => d.value !== null).map((d) => d.value as number);
  let min = o.range ? Math.min(o.range.min, ...known) : known.length ? Math.min(...known) : 0;
  const max = o.range ? Math.max(o.range.max, ...known) : known.length ? Math.max(...known) : 1;
  // One value (a regio caller's own region) still needs a range to get a colour from.
  if (max - min < 1e-9) min = Math.min(0, max);
  // Every region is drawn; those without a value (other regions for a regio caller) stay grey.
  const byCode = new Map(o.data.map((d) => [d.code, d]));
  const all = (regionCodes ?? o.data.map((d) => d.code)).map((code) => byCode.get(code) ?? { code, name: '', value: null, text: '' });
  return {
    textStyle: BASE_TEXT,
    tooltip: {
      ...TOOLTIP,
      trigger: 'item',
      // `name` of a map datum is the feature's code (how ECharts matches it); `regionName` is the region's name.
      formatter: (p: { data?: MapDatum & { regionName?: string } }) =>
        p.data && o.nameable(p.data.code) && p.data.regionName ? `${escapeHtml(p.data.regionName)}<br/>${escapeHtml(o.indicator)}: <b>${escapeHtml(p.data.text)}</b>` : '',
    },
    visualMap: {
      type: 'continuous',
      min,
      max,
      left: 8,
      bottom: 8,
      calculable: false,
      text: [o.maxText, o.minText],
      textStyle: BASE_TEXT,
      inRange: { color: ['#e8f0f8', '#8db6de', '#2f6fad', '#0b3c6e'] },
      outOfRange: { color: '#d9d9d9' },
    },
    series: [
      {
        type: 'map',
        map: REGION_MAP,
        nameProperty: 'code',
        roam: false,
        selectedMode: false,
        aspectScale: 0.62,
        label: { show: false },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#f2c14e' } },
        itemStyle: { areaColor: '#d9d9d9', borderColor: '#ffffff', borderWidth: 1 },
        cursor: 'pointer',
        data: [
          { name: OUTLINE, code: OUTLINE, value: NaN, text: '', itemStyle: { areaColor: '#ececec' }, tooltip: { show: false }, emphasis: { disabled: true } },
          ...all.map((d) => ({
            name: d.code,
            code: d.code,
            regionName: d.name,
            value: d.value ?? NaN,
            text: d.text,
            ...(o.nameable(d.code) && d.name ? {} : { tooltip: { show: false }, emphasis: { disabled: true } }),
          })),
        ],
      },
    ],
  };
}
