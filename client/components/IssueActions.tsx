import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedActions, type WorkflowAction } from '../../server/domain/issue-workflow.ts';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';
import type { IssueDetail } from '../../server/schemas/contract.ts';
import { useIssueAction } from '../api/hooks.ts';
import { useAccount, useMayTakeAction } from '../api/session.ts';

/** Actions whose note the server requires. */
const NEEDS_NOTE: readonly WorkflowAction[] = ['send_back', 'void', 'submit_rectification', 'fail_inspection', 'request_extension', 'supervise'];
const NEEDS_DEADLINE: readonly WorkflowAction[] = ['set_deadline', 'request_extension'];
/** Decided in the dispatcher, where a pending request shows. */
const NOT_HERE: readonly WorkflowAction[] = ['approve_extension', 'refuse_extension', 'reopen'];

/**
 * What the signed-in account may do to this problem now: its role's part of the workflow that the
 * problem's state allows, a leader's 督办 only in their own grids. The server checks it all again.
 */
export default function IssueActions({ issue }: { issue: IssueDetail }) {
  const { t } = useTranslation();
  const account = useAccount();
  const mayTake = useMayTakeAction();
  const act = useIssueAction();
  const offered = allowedActions({ ...issue, departmentId: issue.department?.id ?? null, deadlineAt: issue.deadlineAt === null ? null : Date.parse(issue.deadlineAt), requestedDeadlineAt: null })
    .filter((action) => mayTake(action) && !NOT_HERE.includes(action))
    .filter((action) => action !== 'supervise' || account?.roles.includes('commander') || account?.gridCodes.includes(issue.grid.code));
  const [chosen, setChosen] = useState<WorkflowAction | ''>('');
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState('');
  const action = chosen && offered.includes(chosen) ? chosen : '';
  if (offered.length === 0) return null;
  const ready = action !== '' && !act.isPending && (!NEEDS_NOTE.includes(action) || note.trim() !== '') && (!NEEDS_DEADLINE.includes(action) || deadline !== '');

  return (
    <form className="issue-actions" data-testid="issue-actions" onSubmit={(event) => {
      event.preventDefault();
      if (!ready) return;
      act.mutate({
        id: issue.id,
        body: {
          action, version: issue.version, ...(note.trim() ? { note: note.trim() } : {}),
          ...(NEEDS_DEADLINE.includes(action) ? { deadline: new Date(parseChinaDateTime(deadline)).toISOString() } : {}),
        },
      }, { onSuccess: () => { setChosen(''); setNote(''); setDeadline(''); } });
    }}>
      <h3>{t('issueActions.heading')}</h3>
      <select value={action} onChange={(event) => setChosen(event.target.value as WorkflowAction)} data-testid="issue-action" aria-label={t('issueActions.choose')}>
        <option value="">{t('issueActions.choose')}</option>
        {offered.map((name) => <option key={name} value={name}>{t(`actions.${name}`)}</option>)}
      </select>
      {action !== '' && NEEDS_DEADLINE.includes(action) && (
        <label>{t('issueActions.deadline')}<input type="datetime-local" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="issue-action-deadline" /></label>
      )}
      {action !== '' && (
        <input type="text" value={note} placeholder={NEEDS_NOTE.includes(action) ? t('issueActions.noteRequired') : t('issueActions.note')}
          onChange={(event) => setNote(event.target.value)} data-testid="issue-action-note" />
      )}
      <button type="submit" disabled={!ready} data-testid="issue-action-run">{t('issueActions.run')}</button>
      {act.error && <p className="sign-in-problem" role="alert" data-testid="issue-action-problem">{act.error.message}</p>}
    </form>
  );
}
