import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportActions } from '../api/hooks.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { ISSUE_SOURCES, ISSUE_STATES } from '../../server/domain/issue-vocabulary.ts';
import { PROBLEM_FIELDS, REQUIRED_PROBLEM_FIELDS, type ProblemColumnMapping, type ProblemField } from '../../server/import/problem-mapping.ts';
import type { ProblemImportAnswer } from '../../server/schemas/contract.ts';
import ImportApplyControls from './ImportApplyControls.tsx';
import CoordinateSystemSelect from './CoordinateSystemSelect.tsx';

/** Rows of the report's error list shown on the page; the CLI and the API give all the report holds. */
const SHOWN_ERRORS = 200;

/**
 * A problem export from 12345 or 数字城管: the file, the system it comes from and its coordinates'
 * system; the dry run shows how its columns were read (changeable, then checked again), what
 * would be added and skipped, and every row that cannot be read.
 */
export default function ProblemImport() {
  const { t } = useTranslation();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [sourceSystem, setSourceSystem] = useState('12345');
  const [issueSource, setIssueSource] = useState<string>('citizen_report');
  const [coordinateSystem, setCoordinateSystem] = useState('GCJ-02');
  const [mapping, setMapping] = useState<ProblemColumnMapping | null>(null);
  const [answer, setAnswer] = useState<ProblemImportAnswer | null>(null);
  const failure = actions.dryRun.error ?? actions.apply.error;
  const report = answer?.report;

  const dryRun = (chosen: ProblemColumnMapping | null) => file && actions.dryRun.mutate({
    file, fields: { kind: 'problems', sourceSystem, issueSource, coordinateSystem, mapping: chosen ? JSON.stringify(chosen) : undefined },
  }, { onSuccess: (result) => { if (result.kind === 'problems') { setAnswer(result); setMapping(result.report.mapping); } } });
  const apply = () => answer && actions.apply.mutate({ id: answer.id, acceptWarnings: false }, { onSuccess: (result) => { if (result.kind === 'problems') setAnswer(result); } });
  const choose = (field: ProblemField, column: string) => {
    const next = { ...mapping };
    if (column) next[field] = column;
    else delete next[field];
    setMapping(next);
  };
  const mappingChanged = report && mapping && JSON.stringify(mapping) !== JSON.stringify(report.mapping);

  return (
    <>
      <section>
        <h2>{t('imports.problems.heading')}</h2>
        <p className="muted">{t('imports.problems.explain')}</p>
        <div className="import-form">
          <label>{t('imports.file')}<input type="file" accept=".xlsx,.csv" data-testid="problems-file" onChange={(event) => { setFile(event.target.files?.[0] ?? null); setMapping(null); }} /></label>
          <label>{t('imports.problems.sourceSystem')}<input value={sourceSystem} maxLength={40} onChange={(event) => setSourceSystem(event.target.value)} data-testid="problems-source-system" /></label>
          <label>{t('imports.problems.issueSource')}
            <select value={issueSource} onChange={(event) => setIssueSource(event.target.value)} data-testid="problems-issue-source">
              {ISSUE_SOURCES.map((source) => <option key={source} value={source}>{t(`sources.${source}`)}</option>)}
            </select>
          </label>
          <CoordinateSystemSelect value={coordinateSystem} onChange={setCoordinateSystem} testId="problems-coordinate-system" />
          <button type="button" className="primary" disabled={!file || !sourceSystem.trim() || actions.dryRun.isPending} onClick={() => dryRun(null)} data-testid="problems-dry-run">
            {actions.dryRun.isPending ? t('imports.checking') : t('imports.dryRun')}
          </button>
        </div>
        {failure && <p className="sign-in-problem" role="alert" data-testid="problems-problem">{failure.message}</p>}
      </section>
      {report && answer && (
        <section data-testid="problems-report" data-import-id={answer.id}>
          <h2>{t('imports.report')}</h2>
          <p data-testid="problems-rows">{t('imports.problems.rows', report.rows)}</p>
          {report.reportedBetween && (
            <p className="muted">{t('imports.problems.between', { first: formatChinaDateTime(report.reportedBetween.first), last: formatChinaDateTime(report.reportedBetween.last) })}</p>
          )}
          <p className="muted" data-testid="problems-states">
            {ISSUE_STATES.filter((state) => report.states[state] > 0).map((state) => `${t(`states.${state}`)} ${report.states[state]}`).join(' · ')}
          </p>
          <h3>{t(`imports.problems.mapping.${report.mappingFrom}`)}</h3>
          <table className="import-mapping" data-testid="problems-mapping">
            <tbody>
              {PROBLEM_FIELDS.map((field) => (
                <tr key={field}>
                  <th scope="row">{t(`imports.problems.fields.${field}`)}{REQUIRED_PROBLEM_FIELDS.includes(field) && ' *'}</th>
                  <td>
                    <select value={mapping?.[field] ?? ''} disabled={answer.appliedAt !== null} onChange={(event) => choose(field, event.target.value)} data-testid={`problems-column-${field}`}>
                      <option value="">{t('imports.problems.noColumn')}</option>
                      {report.columns.map((column) => <option key={column} value={column}>{column}</option>)}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {mappingChanged && (
            <button type="button" disabled={actions.dryRun.isPending} onClick={() => dryRun(mapping)} data-testid="problems-check-again">{t('imports.problems.checkAgain')}</button>
          )}
          <h3 className={report.errors.length > 0 ? 'alarm' : ''}>
            {report.errors.length === 0 ? t('imports.noErrors') : t('imports.problems.errors', { count: Math.max(report.rows.withErrors, report.errors.length) })}
          </h3>
          <ul className="findings" data-testid="problems-errors">
            {report.errors.slice(0, SHOWN_ERRORS).map((problem) => <li key={problem.text} className="finding finding-error">{problem.text}</li>)}
            {report.errors.length > SHOWN_ERRORS && <li className="muted">{t('imports.problems.moreErrors', { count: Math.max(report.rows.withErrors, report.errors.length) - SHOWN_ERRORS })}</li>}
          </ul>
          <ImportApplyControls key={answer.id} answer={answer} errors={report.errors.length} warnings={0} pending={actions.apply.isPending} onApply={apply}
            testIdPrefix="problems" applyLabel={t('imports.problems.apply', { count: report.rows.ready })} disabled={report.rows.ready === 0 || Boolean(mappingChanged)} />
        </section>
      )}
    </>
  );
}
