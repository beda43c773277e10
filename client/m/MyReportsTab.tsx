import { useTranslation } from 'react-i18next';
import { useIssues } from '../api/hooks.ts';
import { formatChinaShortDateTime } from '../../server/domain/china-time.ts';
import type { Outgoing } from './outbox.ts';
import IssueCard from './IssueCard.tsx';

/** The account's own reports, newest first, and those still on the phone waiting to go. */
export default function MyReportsTab({ waiting, onOpen }: { waiting: Outgoing[]; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const reports = useIssues({ reportedBy: 'me', limit: 30 });
  const unsent = waiting.filter((item) => item.kind === 'report');
  return (
    <section className="field-list" data-testid="my-reports">
      {unsent.length > 0 && (
        <ul className="field-waiting" data-testid="my-reports-waiting">
          {unsent.map((item) => (
            <li key={item.key}>
              <strong>{item.kind === 'report' ? item.body.description : ''}</strong>
              <span>{item.refusal ? t('field.outbox.refused', { reason: item.refusal }) : t('field.outbox.notSent')}</span>
            </li>
          ))}
        </ul>
      )}
      {reports.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {reports.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {reports.data?.items.length === 0 && unsent.length === 0 && <p className="field-empty">{t('field.mine.none')}</p>}
      <ul>
        {reports.data?.items.map((issue) => (
          <IssueCard key={issue.id} issue={issue} onOpen={onOpen} aside={formatChinaShortDateTime(issue.reportedAt)} />
        ))}
      </ul>
    </section>
  );
}
