import { useTranslation } from 'react-i18next';
import { useIssues } from '../api/hooks.ts';
import type { IssueSummary } from '../../server/schemas/contract.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { chaseOrder } from '../issue-order.ts';
import QueryStatus from './QueryStatus.tsx';

const OPEN_STATES = 'reported,assigned,in_progress,rectified';
const SHOWN = 30;

interface OpenIssuesProps {
  gridCode: string;
  onHover: (issue: IssueSummary | null) => void;
  onOpen: (id: number) => void;
}

/** A grid's open problems; hovering one points it out on the map, clicking opens it. */
export default function OpenIssues({ gridCode, onHover, onOpen }: OpenIssuesProps) {
  const { t } = useTranslation();
  const { data, error } = useIssues({ grid: gridCode, state: OPEN_STATES, limit: 1000 });
  if (!data) return <QueryStatus error={error} />;
  const issues = [...data.items].sort(chaseOrder);
  return (
    <section data-testid="open-issues">
      <h3>{t('issues.openHeading', { count: data.total })}</h3>
      <ul className="issue-list">
        {issues.slice(0, SHOWN).map((issue) => (
          <li key={issue.id}>
            <button
              type="button" className={issue.overdue ? 'issue-item overdue' : 'issue-item'} data-testid={`issue-item-${issue.id}`}
              onMouseEnter={() => onHover(issue)} onMouseLeave={() => onHover(null)} onClick={() => onOpen(issue.id)}
            >
              <span className="issue-title">{issue.category.name}{issue.overdue && <em className="alarm"> · {t('issues.overdue')}</em>}</span>
              <span className="muted">{t(`states.${issue.state}`)} · {issue.deadlineAt ? `${t('issues.deadline')} ${formatChinaDateTime(issue.deadlineAt)}` : t('issues.noDeadline')}</span>
            </button>
          </li>
        ))}
      </ul>
      {issues.length > SHOWN && <p className="muted small">{t('issues.more', { count: issues.length - SHOWN })}</p>}
    </section>
  );
}
