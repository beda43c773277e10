import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';

/**
 * The end of a dry run's report: when and by whom it was applied (and `children`, what applying
 * gave back); or that its errors block it; or applying it, its warnings accepted first. Keyed by
 * the dry run, so that a new one starts unaccepted.
 */
export default function ImportApplyControls({ answer, errors, warnings, pending, onApply, testIdPrefix, applyLabel, disabled = false, children }: {
  answer: { appliedAt: string | null; appliedBy: string | null };
  errors: number;
  warnings: number;
  pending: boolean;
  onApply: (acceptWarnings: boolean) => void;
  testIdPrefix: string;
  applyLabel?: string;
  disabled?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [accepted, setAccepted] = useState(false);
  if (answer.appliedAt) {
    return (
      <>
        <p className="import-applied" data-testid={`${testIdPrefix}-applied`}>{t('imports.applied', { time: formatChinaDateTime(answer.appliedAt), by: answer.appliedBy })}</p>
        {children}
      </>
    );
  }
  if (errors > 0) return <p className="alarm" data-testid={`${testIdPrefix}-blocked`}>{t('imports.blocked')}</p>;
  return (
    <div className="import-apply">
      {warnings > 0 && (
        <label><input type="checkbox" checked={accepted} onChange={(event) => setAccepted(event.target.checked)} data-testid={`${testIdPrefix}-accept-warnings`} />{t('imports.acceptWarnings')}</label>
      )}
      <button type="button" className="primary" disabled={disabled || (warnings > 0 && !accepted) || pending} onClick={() => onApply(accepted)} data-testid={`${testIdPrefix}-apply`}>
        {applyLabel ?? t('imports.apply')}
      </button>
    </div>
  );
}
