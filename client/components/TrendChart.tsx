import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Trend } from '../../server/schemas/contract.ts';
import { shapeTrendPoints, TREND_METRICS } from '../trend-points.ts';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const COLOURS = ['#1565c0', '#2e7d32', '#ef6c00'];

/**
 * A unit's composite index, 整改率 and 按期整改率 month by month. A month with too small a sample
 * is a gap, its size in the tooltip; a month cut short (the one under way) has hollow markers and
 * says so.
 */
export default function TrendChart({ trend }: { trend: Trend }) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);

  const points = shapeTrendPoints(trend);

  useEffect(() => {
    const chart = echarts.init(containerRef.current!, undefined, { renderer: 'canvas' });
    const tooltip = (index: number) => {
      const point = points[index]!;
      const heading = `${point.start} – ${point.end}${point.partial ? ` ${t('trend.partial')}` : ''}`;
      if (!point.sampleSufficient) return `${heading}<br/>${t('trend.insufficient', { count: point.sampleSize })}`;
      return [heading, ...TREND_METRICS.map((metric) => `${t(`metrics.${metric}`)}：${point.values[metric] ?? '—'}`)].join('<br/>');
    };
    chart.setOption({
      animation: false,
      color: COLOURS,
      grid: { left: 36, right: 12, top: 32, bottom: 24 },
      tooltip: { trigger: 'axis', formatter: (params: Array<{ dataIndex: number }>) => tooltip(params[0]!.dataIndex) },
      legend: { top: 0, itemWidth: 14, textStyle: { fontSize: 12 } },
      xAxis: { type: 'category', data: points.map((point) => `${point.start.slice(2, 7)}${point.partial ? '*' : ''}`), axisLabel: { fontSize: 11 } },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { fontSize: 11 } },
      series: TREND_METRICS.map((metric) => ({
        name: t(`metrics.${metric}`),
        type: 'line',
        connectNulls: false,
        data: points.map((point) => ({ value: point.values[metric], symbol: point.partial ? 'emptyCircle' : 'circle', symbolSize: point.partial ? 8 : 5 })),
      })),
    });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(containerRef.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [points, t]);

  return (
    <div ref={containerRef} className="trend-chart" data-testid="trend-chart" data-months={points.length}
      data-gaps={points.filter((point) => !point.sampleSufficient).length} data-partial={points.filter((point) => point.partial).length} />
  );
}
