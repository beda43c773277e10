import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '../../server/schemas/contract.ts';
import { useIssues, usePerformance } from '../api/hooks.ts';
import IssueCard from './IssueCard.tsx';

/** Where a leader's grids stand over the 30 days before today. */
const WINDOW = { days: 30 };

function GridOverdue({ code, onOpen }: { code: string; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const overdue = useIssues({ grid: code, overdue: true, limit: 20 });
  if (!overdue.data || overdue.data.items.length === 0) return null;
  return (
    <>
      <h3>{t('field.grids.overdue', { count: overdue.data.total })}</h3>
      <ul>{overdue.data.items.map((issue) => <IssueCard key={issue.id} issue={issue} onOpen={onOpen} urgent />)}</ul>
    </>
  );
}

/** 我的网格: a leader's grids with grade and rank, and their overdue problems, each open for a 督办. */
export default function MyGridsTab({ session, onOpen }: { session: SessionAnswer; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const performance = usePerformance('grid', WINDOW);
  const rows = performance.data?.rows ?? [];
  const ranked = rows.filter((row) => row.rank !== null).length;
  const mine = rows.filter((row) => session.account.gridCodes.includes(row.unit.key));
  return (
    <section className="field-list" data-testid="my-grids">
      {performance.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {performance.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {mine.map((row) => (
        <article key={row.unit.key} className={`field-grid-card grade-${row.grade ?? 'none'}`} data-testid="my-grid" data-code={row.unit.key}>
          <header>
            <strong>{row.unit.key} {row.unit.name}</strong>
            <span className="field-grade">{row.grade ? t('field.grids.grade', { grade: row.grade }) : t('field.grids.noGrade')}</span>
          </header>
          <dl>
            <div><dt>{t('field.grids.rank')}</dt><dd data-testid="my-grid-rank">{row.rank === null ? '—' : t('field.grids.rankOf', { rank: row.rank, of: ranked })}</dd></div>
            <div><dt>{t('field.grids.composite')}</dt><dd>{row.composite === null ? '—' : row.composite.toFixed(1)}</dd></div>
            <div><dt>{t('field.grids.open')}</dt><dd>{row.openIssues}</dd></div>
            <div><dt>{t('field.grids.overdueOpen')}</dt><dd className={row.overdueOpen > 0 ? 'overdue' : ''}>{row.overdueOpen}</dd></div>
          </dl>
          <GridOverdue code={row.unit.key} onOpen={onOpen} />
        </article>
      ))}
    </section>
  );
}
