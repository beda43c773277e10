import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportActions } from '../api/hooks.ts';
import { districtApiPath } from '../api/district.ts';
import ImportApplyControls from './ImportApplyControls.tsx';
import type { OrganizationImportAnswer } from '../../server/schemas/contract.ts';

/** The organization workbook: the template, a dry run whose every problem is named by sheet, row and column, then applying it. */
export default function OrganizationImport() {
  const { t } = useTranslation();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<OrganizationImportAnswer | null>(null);
  const failure = actions.dryRun.error ?? actions.apply.error;
  const report = answer?.report;
  const dryRun = () => file && actions.dryRun.mutate({ file, fields: { kind: 'organization' } }, {
    onSuccess: (result) => { if (result.kind === 'organization') setAnswer(result); },
  });
  const apply = (acceptWarnings: boolean) => answer && actions.apply.mutate({ id: answer.id, acceptWarnings }, { onSuccess: (result) => { if (result.kind === 'organization') setAnswer(result); } });
  const changes = report?.changes;

  return (
    <>
      <section>
        <h2>{t('imports.organization.heading')}</h2>
        <p className="muted">{t('imports.organization.explain')}</p>
        <p className="import-exports">
          <a href="/api/imports/templates/organization.xlsx" download data-testid="organization-template">{t('imports.organization.template')}</a>
          <a href={districtApiPath('/exports/organization.xlsx')} download data-testid="organization-export">{t('imports.organization.export')}</a>
        </p>
        <div className="import-form">
          <label>{t('imports.file')}<input type="file" accept=".xlsx" data-testid="organization-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} /></label>
          <button type="button" className="primary" disabled={!file || actions.dryRun.isPending} onClick={dryRun} data-testid="organization-dry-run">
            {actions.dryRun.isPending ? t('imports.checking') : t('imports.dryRun')}
          </button>
        </div>
        {failure && <p className="sign-in-problem" role="alert" data-testid="organization-problem">{failure.message}</p>}
      </section>
      {report && changes && answer && (
        <section data-testid="organization-report" data-import-id={answer.id}>
          <h2>{t('imports.report')}</h2>
          <h3 className={report.errors.length > 0 ? 'alarm' : ''}>{report.errors.length === 0 ? t('imports.noErrors') : t('imports.errors', { count: report.errors.length })}</h3>
          <ul className="findings" data-testid="organization-errors">
            {report.errors.map((problem) => <li key={problem.text} className="finding finding-error">{problem.text}</li>)}
          </ul>
          {report.warnings.length > 0 && (
            <ul className="findings" data-testid="organization-warnings">
              {report.warnings.map((warning) => <li key={warning.code} className="finding finding-warning">{t('imports.organization.gridsNotListed', { count: warning.gridCodes.length, codes: warning.gridCodes.slice(0, 10).join('、') })}</li>)}
            </ul>
          )}
          <h3>{t('imports.changes')}</h3>
          <p data-testid="organization-changes">{t('imports.organization.changes', {
            leadersAdded: changes.leadersAdded.length, leadersChanged: changes.leadersChanged.length,
            departmentsAdded: changes.departmentsAdded.length, departmentsChanged: changes.departmentsChanged.length,
            gridsChanged: changes.gridsChanged.length, gridsUnchanged: changes.gridsUnchanged,
            routesChanged: changes.routesChanged, routesUnchanged: changes.routesUnchanged,
            accountsAdded: changes.accountsAdded.length, accountsChanged: changes.accountsChanged.length, accountsUnchanged: changes.accountsUnchanged,
          })}</p>
          <ImportApplyControls key={answer.id} answer={answer} errors={report.errors.length} warnings={report.warnings.length} pending={actions.apply.isPending}
            onApply={apply} testIdPrefix="organization">
            {answer.oneTimePasswords && answer.oneTimePasswords.length > 0 && (
              <div className="one-time-passwords" data-testid="one-time-passwords">
                <h3>{t('imports.organization.oneTimePasswords')}</h3>
                <p className="alarm">{t('imports.organization.oneTimePasswordsOnce')}</p>
                <table>
                  <thead><tr><th>{t('imports.organization.username')}</th><th>{t('imports.organization.displayName')}</th><th>{t('imports.organization.password')}</th></tr></thead>
                  <tbody>
                    {answer.oneTimePasswords.map((account) => (
                      <tr key={account.username}>
                        <td>{account.username}</td><td>{account.displayName}</td><td className="password" data-testid={`one-time-password-${account.username}`}>{account.password}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" onClick={() => window.print()}>{t('imports.organization.print')}</button>
              </div>
            )}
          </ImportApplyControls>
        </section>
      )}
    </>
  );
}
