import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { metricLegend, type GridMetric } from '../map/grid-metric.ts';
import type { GridColouring } from '../../server/schemas/contract.ts';
import { DENSITY_COLOURS, ISSUE_LEGEND, ISSUE_STATE_COLOURS } from '../map/issue-layer-data.ts';
import { VERDICT_COLOURS } from '../map/inspection-point-layer-data.ts';

const css = (colour: readonly number[]) => `rgb(${colour.slice(0, 3).join(',')})`;

interface MapLegendProps {
  metric: GridMetric;
  /** The colouring the grids on the map were sent with; until they arrive, no bands. */
  colouring: GridColouring | undefined;
  showIssues: boolean;
  showInspectionPoints: boolean;
}

/** The colour key of the metric the grids are coloured by, and of each point layer that is on. */
export default function MapLegend({ metric, colouring, showIssues, showInspectionPoints }: MapLegendProps) {
  const { t } = useTranslation();
  // On a tablet the key folds to a button, so that it does not cover the map.
  const [open, setOpen] = useState(false);
  return (
    <div className={open ? 'map-legend open' : 'map-legend'} data-testid="map-legend" data-metric={metric}>
      <button type="button" className="fold-toggle legend-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="legend-toggle">{t('legend.heading')}</button>
      <strong>{t(`metrics.${metric}`)}</strong>
      <ul data-testid="metric-legend">
        {colouring && metricLegend(metric, colouring).map((entry) => (
          <li key={entry.labelKey + JSON.stringify(entry.values)}>
            <span className="swatch" style={{ background: css(entry.colour) }} />
            {t(entry.labelKey as 'legend.none', entry.values)}
          </li>
        ))}
      </ul>
      {showIssues && (
        <div className="issue-legend" data-testid="issue-legend">
          <strong>{t('issueLayer.legend')}</strong>
          <ul>
            {ISSUE_LEGEND.map((state) => (
              <li key={state}>
                <span className="dot" style={{ background: css(ISSUE_STATE_COLOURS[state]) }} />
                {state === 'overdue' ? t('legend.overdue') : state === 'in_progress' ? `${t('states.assigned')}/${t('states.in_progress')}` : t(`states.${state}`)}
              </li>
            ))}
          </ul>
          <div className="density-key">
            <span>{t('issueLayer.few')}</span>
            <span className="density-ramp" style={{ background: `linear-gradient(to right, ${DENSITY_COLOURS.map(css).join(', ')})` }} />
            <span>{t('issueLayer.many')}</span>
          </div>
          <span className="muted small">{t('issueLayer.density')}</span>
        </div>
      )}
      {showInspectionPoints && (
        <div className="issue-legend" data-testid="inspection-legend">
          <strong>{t('layers.inspectionPoints')}</strong>
          <ul>
            {(['pass', 'fail', 'serious_fail', 'none'] as const).map((verdict) => (
              <li key={verdict}>
                <span className="ring" style={{ borderColor: css(VERDICT_COLOURS[verdict]) }} />
                {verdict === 'none' ? t('legend.notEvaluated') : t(`verdicts.${verdict}`)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
