import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportActions } from '../api/hooks.ts';
import { districtApiPath } from '../api/district.ts';
import ImportApplyControls from './ImportApplyControls.tsx';
import type { InspectionImportAnswer } from '../../server/schemas/contract.ts';
import CoordinateSystemSelect from './CoordinateSystemSelect.tsx';

/** The inspection point workbook: the template and the export, a dry run naming every problem by sheet, row and column, then applying it. */
export default function InspectionImport() {
  const { t } = useTranslation();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [coordinateSystem, setCoordinateSystem] = useState('EPSG:4326');
  const [answer, setAnswer] = useState<InspectionImportAnswer | null>(null);
  const failure = actions.dryRun.error ?? actions.apply.error;
  const report = answer?.report;
  const dryRun = () => file && actions.dryRun.mutate({ file, fields: { kind: 'points', coordinateSystem } }, {
    onSuccess: (result) => { if (result.kind === 'points') setAnswer(result); },
  });
  const apply = () => answer && actions.apply.mutate({ id: answer.id, acceptWarnings: false }, { onSuccess: (result) => { if (result.kind === 'points') setAnswer(result); } });

  return (
    <>
      <section>
        <h2>{t('imports.points.heading')}</h2>
        <p className="muted">{t('imports.points.explain')}</p>
        <p className="import-exports">
          <a href="/api/imports/templates/inspection-points.xlsx" download data-testid="points-template">{t('imports.points.template')}</a>
          <a href={districtApiPath('/exports/inspection-points.xlsx')} download data-testid="points-export">{t('imports.points.export')}</a>
        </p>
        <div className="import-form">
          <label>{t('imports.file')}<input type="file" accept=".xlsx" data-testid="points-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} /></label>
          <CoordinateSystemSelect value={coordinateSystem} onChange={setCoordinateSystem} testId="points-coordinate-system" />
          <button type="button" className="primary" disabled={!file || actions.dryRun.isPending} onClick={dryRun} data-testid="points-dry-run">
            {actions.dryRun.isPending ? t('imports.checking') : t('imports.dryRun')}
          </button>
        </div>
        {failure && <p className="sign-in-problem" role="alert" data-testid="points-problem">{failure.message}</p>}
      </section>
      {report && answer && (
        <section data-testid="points-report" data-import-id={answer.id}>
          <h2>{t('imports.report')}</h2>
          <h3 className={report.errors.length > 0 ? 'alarm' : ''}>{report.errors.length === 0 ? t('imports.noErrors') : t('imports.errors', { count: report.errors.length })}</h3>
          <ul className="findings" data-testid="points-errors">
            {report.errors.map((problem) => <li key={problem.text} className="finding finding-error">{problem.text}</li>)}
          </ul>
          <h3>{t('imports.changes')}</h3>
          <p data-testid="points-changes">{t('imports.points.changes', {
            pointsAdded: report.changes.pointsAdded.length, pointsChanged: report.changes.pointsChanged.length, pointsUnchanged: report.changes.pointsUnchanged,
            evaluationsAdded: report.changes.evaluationsAdded, evaluationsAlreadyHeld: report.changes.evaluationsAlreadyHeld,
          })}</p>
          <ImportApplyControls key={answer.id} answer={answer} errors={report.errors.length} warnings={0} pending={actions.apply.isPending} onApply={apply} testIdPrefix="points" />
        </section>
      )}
    </>
  );
}
