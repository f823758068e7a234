import { init, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * One ECharts instance on a canvas. The chart is an image for assistive technology
 * (`role="img"` with a label that points to the table view); the numbers themselves are in
 * the panel's table. Chart types are registered by the modules in this folder, per type.
 */
export function EChart({
  option,
  label,
  height = 360,
  onClick,
}: {
  option: EChartsCoreOption;
  label: string;
  height?: number;
  onClick?: (params: { data?: unknown; name?: string }) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const click = useRef(onClick);
  click.current = onClick;

  // Layout effect: the chart is disposed while its element is still in the page, so no
  // pending frame or resize can reach a chart whose element is gone.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const resize = () => {
      if (!instance.isDisposed() && el.isConnected && el.clientWidth > 0) instance.resize();
    };
    instance.on('click', (p) => click.current?.(p as { data?: unknown; name?: string }));
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    const beforePrint = resize;
    window.addEventListener('beforeprint', beforePrint);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = chart.current;
    if (instance && !instance.isDisposed()) instance.setOption({ animation: false, aria: { enabled: false }, ...option }, true);
  }, [option]);

  return <div ref={ref} className="chart" role="img" aria-label={label} style={{ height }} />;
}
