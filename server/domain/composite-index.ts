import type { PerformanceMetrics } from './performance-metrics.ts';
import { roundTo } from './performance-metrics.ts';
import { COMPOSITE_COMPONENTS, GRADES, type ComponentScale, type Grade, type ScoringSettings } from './scoring-settings.ts';

/** A component's 0–100 score on its scale, or null when the unit has no value for it. */
export function componentScore(value: number | null, scale: ComponentScale): number | null {
  if (value === null) return null;
  const fraction = (value - scale.zero) / (scale.full - scale.zero);
  return 100 * Math.min(1, Math.max(0, fraction));
}

/**
 * The composite index, 0–100 to one decimal: the weighted mean of the component scores. A
 * component the unit has no data for (no rectification submitted, no point evaluated) gives its
 * weight to the others in proportion, so a unit is never punished for a measurement not taken.
 */
export function compositeIndex(metrics: PerformanceMetrics, settings: ScoringSettings): number | null {
  let weighted = 0;
  let weightPresent = 0;
  for (const component of COMPOSITE_COMPONENTS) {
    const score = componentScore(metrics[component], settings.scales[component]);
    const weight = settings.weights[component];
    if (score === null || weight === 0) continue;
    weighted += weight * score;
    weightPresent += weight;
  }
  return weightPresent > 0 ? roundTo(weighted / weightPresent, 1) : null;
}

export function gradeOf(composite: number, settings: ScoringSettings): Grade {
  const thresholds = settings.gradeThresholds;
  return GRADES.find((grade) => grade === 'E' || composite >= thresholds[grade])!;
}

export interface Scored {
  composite: number | null;
  /** Null when the sample is too small (样本不足) or nothing could be scored. */
  grade: Grade | null;
  sampleSize: number;
  sampleSufficient: boolean;
}

/** Scores a unit; its sample is the number of problems due in the window. */
export function scoreUnit(metrics: PerformanceMetrics, settings: ScoringSettings): Scored {
  const composite = compositeIndex(metrics, settings);
  const sampleSufficient = metrics.due >= settings.minimumSample;
  return {
    composite,
    grade: sampleSufficient && composite !== null ? gradeOf(composite, settings) : null,
    sampleSize: metrics.due,
    sampleSufficient,
  };
}
