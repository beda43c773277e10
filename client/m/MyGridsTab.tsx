import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '../../server/schemas/contract.ts';
import { useIssues, usePerformance } from '../api/hooks.ts';
import IssueCard from './IssueCard.tsx';

/** Where a leader's grids stand over the 30 days before today. */
const WINDOW = { days: 30 };

const OPEN = 'reported,assigned,in_progress,rectified';

/** A grid's open problems, the overdue first: each opens for a 督办. */
function GridOpenProblems({ code, overdue, onOpen }: { code: string; overdue: number; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const open = useIssues({ grid: code, state: OPEN, limit: 30 });
  if (!open.data || open.data.items.length === 0) return null;
  const ordered = [...open.data.items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.id - b.id);
  return (
    <>
      <h3>{t('field.grids.openProblems', { count: open.data.total, overdue })}</h3>
      <ul>{ordered.map((issue) => <IssueCard key={issue.id} issue={issue} onOpen={onOpen} urgent={issue.overdue} />)}</ul>
    </>
  );
}

/** 我的网格: a leader's grids with grade and rank, and their open problems, the overdue first, each open for a 督办. */
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
          <GridOpenProblems code={row.unit.key} overdue={row.overdueOpen} onOpen={onOpen} />
        </article>
      ))}
    </section>
  );
}
