import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { GRID_METRICS, type GridMetric } from '../map/grid-metric.ts';
import { WINDOW_DAYS, type WindowDays } from '../day-window.ts';

interface MetricToolbarProps {
  metric: GridMetric;
  days: WindowDays;
  period: { from: string; to: string } | undefined;
  onMetricChange: (metric: GridMetric) => void;
  onDaysChange: (days: WindowDays) => void;
  showInspectionPoints: boolean;
  onShowInspectionPointsChange: (show: boolean) => void;
}

/** What colours the grids, over which period, and which layers are on. */
export default function MetricToolbar({
  metric, days, period, onMetricChange, onDaysChange, showInspectionPoints, onShowInspectionPointsChange,
}: MetricToolbarProps) {
  const { t } = useTranslation();
  return (
    <div className="map-toolbar" data-testid="metric-toolbar">
      <label>
        {t('metrics.label')}
        <select value={metric} onChange={(event) => onMetricChange(event.target.value as GridMetric)} data-testid="metric-select">
          {GRID_METRICS.map((option) => <option key={option} value={option}>{t(`metrics.${option}`)}</option>)}
        </select>
      </label>
      <label>
        {t('window.label')}
        <select value={days} onChange={(event) => onDaysChange(Number(event.target.value) as WindowDays)} data-testid="window-select">
          {WINDOW_DAYS.map((option) => <option key={option} value={option}>{t(`window.days${option}`)}</option>)}
        </select>
      </label>
      <label>
        <input type="checkbox" checked={showInspectionPoints} onChange={(event) => onShowInspectionPointsChange(event.target.checked)} data-testid="toggle-inspection-points" />
        {t('layers.inspectionPoints')}
      </label>
      {period && <span className="muted" data-testid="window-range">{t('window.range', { from: period.from, to: period.to })}</span>}
      <a href={api.performanceExportPath('grid', { days })} download data-testid="export-performance">{t('performance.export')}</a>
    </div>
  );
}
