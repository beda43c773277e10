import { useTranslation } from 'react-i18next';
import { useIssues } from '../api/hooks.ts';
import { useServerNow } from '../api/server-clock.ts';
import { byWorkingTimeLeft, countdownParts } from './field-order.ts';
import IssueCard from './IssueCard.tsx';

/** A department's open problems can run to a few hundred; all of them are ordered on the phone. */
const TASKS_SHOWN = 1000;

/** 我的待办: the department's problems, the longest overdue first, then the least working time left, counting down. */
export default function TasksTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const tasks = useIssues({ state: 'assigned,in_progress', limit: TASKS_SHOWN });
  const now = useServerNow(30_000);
  const ordered = tasks.data && now !== null ? byWorkingTimeLeft(tasks.data.items, now) : [];
  return (
    <section className="field-list" data-testid="tasks">
      {tasks.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {tasks.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {tasks.data?.items.length === 0 && <p className="field-empty">{t('field.tasks.none')}</p>}
      {tasks.data && <p className="field-summary" data-testid="tasks-summary">{t('field.tasks.summary', { count: tasks.data.total, overdue: ordered.filter((task) => task.overdue).length })}</p>}
      <ul>
        {ordered.map((task) => {
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
