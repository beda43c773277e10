import { useTranslation } from 'react-i18next';
import { useImportActions } from '../api/hooks.ts';
import ImportApplyControls from './ImportApplyControls.tsx';
import type { GridImportAnswer, ImportFinding } from '../../server/schemas/contract.ts';

/** A finding as the page lists it: what it is, which grids, how large or far. */
function FindingItem({ finding, onShow }: { finding: ImportFinding; onShow: (at: number[]) => void }) {
  const { t, i18n } = useTranslation();
  const measure = finding.areaSquareMetres !== undefined ? t('imports.area', { area: finding.areaSquareMetres.toLocaleString('zh-CN') })
    : finding.distanceKilometres !== undefined ? t('imports.distance', { distance: finding.distanceKilometres }) : '';
  return (
    <li className={`finding finding-${finding.severity}`} data-testid={`finding-${finding.code}`}>
      <strong>{t(`imports.findings.${finding.code}`)}</strong>
      {finding.gridCodes.length > 0 && <span> · {finding.gridCodes.join('、')}</span>}
      {measure && <span> · {measure}</span>}
      {finding.at && <button type="button" className="link" onClick={() => onShow(finding.at!)}>{t('imports.show')}</button>}
      {i18n.language !== 'zh-CN' && <div className="muted">{finding.message}</div>}
    </li>
  );
}

/**
 * A grid dry run's report, from a file or from an edit on the map: errors, warnings and the diff,
 * then applying it (warnings accepted).
 */
export default function GridImportReport({ answer, onApplied, onShow }: {
  answer: GridImportAnswer; onApplied: (answer: GridImportAnswer) => void; onShow: (at: number[]) => void;
}) {
  const { t } = useTranslation();
  const actions = useImportActions();
  const { report } = answer;
  const apply = (acceptWarnings: boolean) => actions.apply.mutate({ id: answer.id, acceptWarnings }, { onSuccess: (result) => { if (result.kind === 'grids') onApplied(result); } });
  return (
    <section data-testid="import-report" data-import-id={answer.id}>
      <h2>{t('imports.report')}</h2>
      <p>{report.file.name} · {t(`imports.formats.${report.file.format}`)} · {t('imports.features', { count: report.file.features })}
        {report.file.encoding && <> · {report.file.encoding.name.toUpperCase()}</>}</p>
      <p data-testid="import-system">{t('imports.systemUsed')}：{report.coordinateSystem.code} {report.coordinateSystem.name}（{t(`imports.systemFrom.${report.coordinateSystem.from}`)}）</p>
      <p>{t('imports.mapping')}：{t('imports.codeAttribute')} ← {report.mapping.code}，{t('imports.nameAttribute')} ← {report.mapping.name}</p>
      <h3 className={report.errors.length > 0 ? 'alarm' : ''} data-testid="import-error-count">{report.errors.length === 0 ? t('imports.noErrors') : t('imports.errors', { count: report.errors.length })}</h3>
      <ul className="findings" data-testid="import-errors">{report.errors.map((finding, index) => <FindingItem key={index} finding={finding} onShow={onShow} />)}</ul>
      <h3>{t('imports.warnings', { count: report.warnings.length })}</h3>
      <ul className="findings" data-testid="import-warnings">{report.warnings.map((finding, index) => <FindingItem key={index} finding={finding} onShow={onShow} />)}</ul>
      <h3>{t('imports.changes')}</h3>
      <p data-testid="import-diff">{t('imports.diff', { added: report.diff.added.length, retired: report.diff.retired.length, changed: report.diff.changed.length, unchanged: report.diff.unchanged })}</p>
      {report.diff.changed.length > 0 && (
        <table className="admin-table">
          <thead><tr><th>{t('imports.grid')}</th><th>{t('imports.changedFields')}</th><th>{t('imports.areaChange')}</th></tr></thead>
          <tbody>
            {report.diff.changed.slice(0, 50).map((change) => (
              <tr key={change.code}><td>{change.code} {change.name}</td><td>{change.fields.map((field) => t(`imports.fields.${field}`)).join('、')}</td>
                <td>{change.areaChange >= 0 ? '+' : ''}{change.areaChange.toLocaleString('zh-CN')} m²</td></tr>
            ))}
          </tbody>
        </table>
      )}
      <ImportApplyControls key={answer.id} answer={answer} errors={report.errors.length} warnings={report.warnings.length} pending={actions.apply.isPending}
        onApply={apply} testIdPrefix="import" />
      {actions.apply.error && <p className="sign-in-problem" role="alert" data-testid="import-apply-problem">{actions.apply.error.message}</p>}
    </section>
  );
}
