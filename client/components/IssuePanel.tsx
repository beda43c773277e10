import { useTranslation } from 'react-i18next';
import { useIssue } from '../api/hooks.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import QueryStatus from './QueryStatus.tsx';
import PanelHeader from './PanelHeader.tsx';
import IssueActions from './IssueActions.tsx';
import IssuePhotos from './IssuePhotos.tsx';

/** One problem: what, where, who has it, by when, and everything that happened to it. */
export default function IssuePanel({ id, onBackToGrid, onClose }: { id: number; onBackToGrid: (gridCode: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: issue, error } = useIssue(id);
  if (!issue) return <aside className="panel" data-testid="issue-panel"><QueryStatus error={error} /></aside>;
  return (
    <aside className="panel" data-testid="issue-panel" data-issue-id={issue.id}>
      <PanelHeader panel="issue-panel" title={issue.code} onClose={onClose} />
      <button type="button" className="link" onClick={() => onBackToGrid(issue.grid.code)} data-testid="issue-panel-grid">
        ← {t('issues.backToGrid')}：{issue.grid.name}
      </button>
      <p className="issue-state">
        <strong data-testid="issue-panel-state">{t(`states.${issue.state}`)}</strong>
        {issue.overdue && <em className="alarm"> · {t('issues.overdue')}</em>}
        {issue.extended && <span className="muted"> · {t('issues.extended')}</span>}
        {issue.reworkCount > 0 && <span className="muted"> · {t('issues.rework', { count: issue.reworkCount })}</span>}
      </p>
      <p>{issue.description}</p>
      <dl className="facts">
        <dt>{t('issues.category')}</dt><dd>{issue.category.parentName} / {issue.category.name}</dd>
        <dt>{t('issues.source')}</dt><dd>{t(`sources.${issue.source}`)}</dd>
        <dt>{t('issues.address')}</dt><dd>{issue.address}</dd>
        <dt>{t('issues.department')}</dt><dd>{issue.department?.name ?? '—'}</dd>
        <dt>{t('issues.deadline')}</dt><dd>{issue.deadlineAt ? formatChinaDateTime(issue.deadlineAt) : t('issues.noDeadline')}</dd>
        <dt>{t('issues.reported')}</dt><dd>{formatChinaDateTime(issue.reportedAt)}</dd>
      </dl>
      <IssuePhotos photos={issue.photos} />
      <IssueActions issue={issue} />
      <h3>{t('issues.timeline')}</h3>
      <ol className="timeline" data-testid="issue-timeline">
        {issue.events.map((event) => (
          <li key={event.id}>
            <span className="muted">{formatChinaDateTime(event.occurredAt)}</span>
            <strong>{t(`actions.${event.action}`)}</strong>
            <span>{event.actor}</span>
            {event.note && <span className="muted">{event.note}</span>}
          </li>
        ))}
      </ol>
    </aside>
  );
}
