import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import { api } from '../api/client.ts';
import { useAudit } from '../api/hooks.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import type { AuditQuery } from '../../server/schemas/contract.ts';
import { ISSUE_ACTIONS, type IssueAction } from '../../server/domain/issue-vocabulary.ts';

const PAGE = 100;

/** The auditor's page: who did what, from where, when; filtered, paged and exported. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Partial<AuditQuery>>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const query = { ...filters, limit: PAGE, ...(cursors.length ? { cursor: cursors.at(-1) } : {}) };
  const { data, error } = useAudit(query);
  /** A problem write reads as its workflow action; the rest by their own names; an unknown one as it is. */
  const actionName = (action: string) => {
    const problem = /^issue\.(bulk\.)?(\w+)$/.exec(action);
    if (problem && ISSUE_ACTIONS.includes(problem[2] as IssueAction)) {
      return t(problem[1] ? 'audit.bulkAction' : 'audit.issueAction', { action: t(`actions.${problem[2] as IssueAction}`) });
    }
    return t(`audit.actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
  };
  const set = (name: keyof AuditQuery, value: string) => {
    setCursors([]);
    setFilters({ ...filters, [name]: value || undefined });
  };

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="admin" data-testid="audit-page">
        <h2>{t('audit.heading')}</h2>
        <form className="admin-form audit-filters" onSubmit={(event) => event.preventDefault()}>
          <input placeholder={t('audit.username')} onChange={(event) => set('username', event.target.value.trim())} data-testid="audit-username" />
          <input placeholder={t('audit.action')} onChange={(event) => set('action', event.target.value.trim())} data-testid="audit-action" />
          <select onChange={(event) => set('outcome', event.target.value)} data-testid="audit-outcome" aria-label={t('audit.outcome')}>
            <option value="">{t('audit.anyOutcome')}</option>
            <option value="ok">{t('audit.ok')}</option>
            <option value="refused">{t('audit.refused')}</option>
          </select>
          <label>{t('audit.from')}<input type="date" onChange={(event) => set('from', event.target.value)} data-testid="audit-from" /></label>
          <label>{t('audit.to')}<input type="date" onChange={(event) => set('to', event.target.value)} data-testid="audit-to" /></label>
          <a className="button" href={api.auditExportPath(filters)} download data-testid="audit-export">{t('audit.export')}</a>
        </form>
        {!data && <QueryStatus error={error} />}
        <table className="admin-table" data-testid="audit-table">
          <thead>
            <tr><th>{t('audit.time')}</th><th>{t('audit.username')}</th><th>{t('audit.address')}</th><th>{t('audit.action')}</th><th>{t('audit.target')}</th><th>{t('audit.outcome')}</th><th>{t('audit.detail')}</th></tr>
          </thead>
          <tbody>
            {data?.entries.map((entry) => (
              <tr key={entry.id} className={entry.outcome === 'refused' ? 'refused' : ''} data-testid="audit-row">
                <td>{formatChinaDateTime(entry.occurredAt)}</td>
                <td>{entry.username ?? '—'}</td>
                <td>{entry.address ?? '—'}</td>
                <td>{actionName(entry.action)}</td>
                <td>{entry.target ?? '—'}</td>
                <td>{entry.outcome === 'ok' ? t('audit.ok') : t('audit.refused')}</td>
                <td className="muted">{entry.detail ? JSON.stringify(entry.detail) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="pager">
          <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>{t('audit.newer')}</button>
          <button type="button" disabled={!data?.nextCursor} onClick={() => data?.nextCursor && setCursors([...cursors, data.nextCursor])} data-testid="audit-older">{t('audit.older')}</button>
        </div>
      </main>
    </div>
  );
}
