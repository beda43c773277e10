import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueDetail, Role } from '../../server/schemas/contract.ts';
import { allowedActions, type WorkflowAction } from '../../server/domain/issue-workflow.ts';
import { mayTakeAction } from '../../server/domain/roles.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { useIssue } from '../api/hooks.ts';
import IssuePhotos from '../components/IssuePhotos.tsx';
import PhotoPicker from './PhotoPicker.tsx';
import { enqueue, type OutgoingPhoto } from './outbox.ts';

const SmallMap = lazy(() => import('./SmallMap.tsx'));

/** What the street does to a problem, in the order a day brings them. */
const FIELD_ACTIONS: readonly WorkflowAction[] = ['accept', 'submit_rectification', 'request_extension', 'send_back', 'pass_inspection', 'fail_inspection', 'supervise'];
/** Evidence is a photo: a rectification shows the fix, a failed re-inspection what is still wrong. */
const NEEDS_PHOTO: readonly WorkflowAction[] = ['submit_rectification', 'fail_inspection'];
const TAKES_PHOTOS: readonly WorkflowAction[] = ['submit_rectification', 'pass_inspection', 'fail_inspection'];
const NEEDS_NOTE: readonly WorkflowAction[] = ['send_back', 'request_extension', 'submit_rectification', 'fail_inspection', 'supervise'];

/** The end of the working day on a date, China time: what a department asks an extension to. */
const endOfWorkingDay = (date: string) => new Date(`${date}T17:30:00+08:00`).toISOString();

function ActionForm({ issue, action, onDone }: { issue: IssueDetail; action: WorkflowAction; onDone: () => void }) {
  const { t } = useTranslation();
  const [photos, setPhotos] = useState<OutgoingPhoto[]>([]);
  const [note, setNote] = useState('');
  const [date, setDate] = useState('');
  const ready = (!NEEDS_PHOTO.includes(action) || photos.length > 0) && (!NEEDS_NOTE.includes(action) || note.trim().length > 0) && (action !== 'request_extension' || date !== '');
  const submit = async () => {
    if (!ready) return;
    await enqueue({
      kind: 'action', issueId: issue.id, issueCode: issue.code, photos,
      body: { action, version: issue.version, ...(note.trim() ? { note: note.trim() } : {}), ...(action === 'request_extension' ? { deadline: endOfWorkingDay(date) } : {}) },
    });
    onDone();
  };
  return (
    <form className="field-form field-action-form" onSubmit={(event) => { event.preventDefault(); void submit(); }} data-testid="field-action-form">
      <h3>{t(`actions.${action}`)}</h3>
      {TAKES_PHOTOS.includes(action) && (
        <>
          <p className="field-hint">{NEEDS_PHOTO.includes(action) ? t('field.action.photoRequired') : t('field.action.photoOptional')}</p>
          <PhotoPicker photos={photos} onChange={setPhotos} testId="action-photo-input" />
        </>
      )}
      {action === 'request_extension' && (
        <label>{t('field.action.extendTo')}<input type="date" value={date} onChange={(event) => setDate(event.target.value)} data-testid="action-date" /></label>
      )}
      <textarea rows={3} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)}
        placeholder={NEEDS_NOTE.includes(action) ? t('field.action.noteRequired') : t('field.action.note')} data-testid="action-note" />
      <button type="submit" className="field-primary" disabled={!ready} data-testid="action-submit">{t('field.action.submit', { action: t(`actions.${action}`) })}</button>
    </form>
  );
}

/** A problem opened over the list: photos before and after, where it is, its history, and what this account may do to it. */
export default function IssueSheet({ id, roles, onClose }: { id: number; roles: readonly Role[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: issue, isError } = useIssue(id);
  const [action, setAction] = useState<WorkflowAction | null>(null);
  const [showMap, setShowMap] = useState(false);
  const offered = issue
    ? allowedActions({ ...issue, departmentId: issue.department?.id ?? null, deadlineAt: issue.deadlineAt === null ? null : Date.parse(issue.deadlineAt), requestedDeadlineAt: null })
      .filter((each) => FIELD_ACTIONS.includes(each) && mayTakeAction(roles, each))
      .sort((a, b) => FIELD_ACTIONS.indexOf(a) - FIELD_ACTIONS.indexOf(b))
    : [];
  return (
    <div className="field-sheet" role="dialog" aria-modal="true" data-testid="issue-sheet">
      <header className="field-sheet-header">
        <button type="button" onClick={onClose} data-testid="issue-sheet-close">‹ {t('field.back')}</button>
        <strong>{issue?.code ?? ''}</strong>
      </header>
      {isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {issue && (
        <div className="field-sheet-body">
          <h2>{issue.category.parentName} · {issue.category.name}</h2>
          <p className="field-state" data-testid="issue-sheet-state" data-state={issue.state}>{t(`states.${issue.state}`)}{issue.overdue ? ` · ${t('field.tasks.overdueShort')}` : ''}</p>
          <p>{issue.description}</p>
          <p className="field-hint">{issue.address} · {issue.grid.code} {issue.grid.name}{issue.department ? ` · ${issue.department.name}` : ''}</p>
          {issue.deadlineAt && <p className="field-hint">{t('field.deadline', { time: formatChinaDateTime(issue.deadlineAt) })}</p>}
          <IssuePhotos photos={issue.photos} />
          <div className="field-row">
            <button type="button" className="field-secondary" onClick={() => setShowMap(!showMap)}>{showMap ? t('field.position.hideMap') : t('field.showMap')}</button>
            <a className="field-secondary" href={`geo:${issue.latitude},${issue.longitude}?q=${issue.latitude},${issue.longitude}`} data-testid="issue-navigate">
              {t('field.navigate')} {issue.latitude.toFixed(5)}, {issue.longitude.toFixed(5)}
            </a>
          </div>
          {showMap && <Suspense fallback={<div className="field-map" />}><SmallMap point={issue} /></Suspense>}
          {offered.length > 0 && (
            <div className="field-actions">
              {offered.map((each) => (
                <button key={each} type="button" className={each === action ? 'active' : ''} onClick={() => setAction(each)} data-testid={`field-action-${each}`}>{t(`actions.${each}`)}</button>
              ))}
            </div>
          )}
          {action && <ActionForm key={action} issue={issue} action={action} onDone={onClose} />}
          <h3>{t('field.history')}</h3>
          <ol className="field-history">
            {[...issue.events].reverse().map((event) => (
              <li key={event.id}>
                <strong>{t(`actions.${event.action}`)}</strong> {formatChinaDateTime(event.occurredAt)}
                <span>{event.actor}{event.note ? `：${event.note}` : ''}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
