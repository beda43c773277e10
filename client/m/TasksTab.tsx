import { useTranslation } from 'react-i18next';
import { useOwnWork } from '../api/hooks.ts';
import { useServerNow } from '../api/server-clock.ts';
import { byWorkingTimeLeft, countdownParts } from './field-order.ts';
import IssueCard from './IssueCard.tsx';
import { useDrawnCount } from './use-drawn-count.ts';

/** 我的待办: the department's problems, the longest overdue first, then the least working time left, counting down. */
export default function TasksTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const work = useOwnWork();
  const tasks = work.data?.rectification;
  const now = useServerNow(30_000);
  const ordered = tasks && now !== null ? byWorkingTimeLeft(tasks.items, now) : [];
  const drawn = useDrawnCount(ordered.length);
  return (
    <section className="field-list" data-testid="tasks">
      {work.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {work.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {tasks?.items.length === 0 && <p className="field-empty">{t('field.tasks.none')}</p>}
      {tasks && <p className="field-summary" data-testid="tasks-summary">{t('field.tasks.summary', { count: tasks.total, overdue: ordered.filter((task) => task.overdue).length })}</p>}
      <ul>
        {ordered.slice(0, drawn).map((task) => {
          const span = task.minutesLeft === null ? null : countdownParts(task.minutesLeft);
          const countdown = span === null ? t('field.tasks.noDeadline')
            : 'days' in span ? t(task.overdue ? 'field.tasks.overdueDays' : 'field.tasks.leftDays', span)
              : t(task.overdue ? 'field.tasks.overdue' : 'field.tasks.left', span);
          return (
            <IssueCard key={task.id} issue={task} onOpen={onOpen} urgent={task.overdue}
              aside={<span className={task.overdue ? 'field-countdown overdue' : 'field-countdown'} data-testid="task-countdown">{countdown}</span>} />
          );
        })}
      </ul>
    </section>
  );
}
