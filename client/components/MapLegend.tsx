import { useTranslation } from 'react-i18next';
import { metricLegend, type GridMetric } from '../map/grid-metric.ts';

/** The colour key of the metric the grids are coloured by. */
export default function MapLegend({ metric }: { metric: GridMetric }) {
  const { t } = useTranslation();
  return (
    <div className="map-legend" data-testid="map-legend" data-metric={metric}>
      <strong>{t(`metrics.${metric}`)}</strong>
      <ul>
        {metricLegend(metric).map((entry) => (
          <li key={entry.labelKey + JSON.stringify(entry.values)}>
            <span className="swatch" style={{ background: `rgb(${entry.colour.join(',')})` }} />
            {t(entry.labelKey as 'legend.none', entry.values)}
          </li>
        ))}
      </ul>
    </div>
  );
}
