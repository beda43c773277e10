import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Trend } from '../../server/schemas/contract.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const SERIES = ['composite', 'rectificationRate', 'onTimeRate'] as const;
const COLOURS = ['#1565c0', '#2e7d32', '#ef6c00'];

/** A unit's composite index, 整改率 and 按期整改率 month by month. */
export default function TrendChart({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const chart = echarts.init(containerRef.current!, undefined, { renderer: 'canvas' });
    chart.setOption({
      animation: false,
      color: COLOURS,
      grid: { left: 36, right: 12, top: 32, bottom: 24 },
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (value === null || value === undefined ? '—' : String(value)) },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } },
      xAxis: { type: 'category', data: trend.points.map((point) => point.start.slice(2, 7)), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 11 } },
      series: SERIES.map((name) => ({
        name: t(`metrics.${name}`),
        type: 'line',
        connectNulls: false,
        symbolSize: 5,
        data: trend.points.map((point) => point[name]),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [trend, t]);

  return <div ref={containerRef} className="trend-chart" data-testid="trend-chart" data-months={trend.points.length} />;
}
