import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Big-screen palette: readable on the dark wall, apart from the grades' green-to-red. */
export const SCREEN_COLOURS = ['#4fc3f7', '#ffb74d', '#81c784', '#ba68c8', '#e57373', '#fff176'];

/**
 * One ECharts chart in ECharts' dark theme, sized to its panel and drawn at `pixelRatio` device
 * pixels per CSS pixel; the option is replaced whenever it changes.
 */
export default function ScreenChart({ option, testId, pixelRatio }: { option: echarts.EChartsCoreOption; testId: string; pixelRatio: number }) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const chart = echarts.init(containerRef.current!, 'dark', { renderer: 'canvas', devicePixelRatio: pixelRatio });
    chartRef.current = chart;
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [pixelRatio]);

  useEffect(() => {
    chartRef.current?.setOption({ backgroundColor: 'transparent', color: SCREEN_COLOURS, animationDuration: 400, ...option }, { notMerge: true });
  }, [option, pixelRatio]);

  return <div ref={containerRef} className="screen-chart" data-testid={testId} />;
}
