import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseChinaDateTime } from '../../server/domain/china-time.ts';
import type { BulkActionBody, Department } from '../../server/schemas/contract.ts';

export type BulkActionName = 'dispatch' | 'reassign' | 'set_deadline' | 'void';
const BULK_ACTIONS: readonly BulkActionName[] = ['dispatch', 'reassign', 'set_deadline', 'void'];

interface BulkActionBarProps {
  count: number;
  departments: readonly Department[];
  busy: boolean;
  onRun: (fields: Omit<BulkActionBody, 'items'>) => void;
  /** Takes the last action back (Ctrl+Z does too); null when there is none to take back. */
  onUndo: (() => void) | null;
}

/** The action for the selected problems: which, to whom (the routing table's choice unless named), by when, why. */
export default function BulkActionBar({ count, departments, busy, onRun, onUndo }: BulkActionBarProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkActionName>('reassign');
  const [departmentId, setDepartmentId] = useState('');
  const [deadline, setDeadline] = useState('');
  const [note, setNote] = useState('');
  const needsDepartment = action === 'dispatch' || action === 'reassign';
  const needsDeadline = action === 'set_deadline';
  const needsNote = action === 'void';
  const ready = count > 0 && !busy && (!needsDeadline || deadline !== '') && (!needsNote || note.trim() !== '');

  const run = () => onRun({
    action,
    ...(needsDepartment && departmentId ? { departmentId: Number(departmentId) } : {}),
    // A local China time from the picker, sent as an instant.
    ...(deadline && action !== 'void' ? { deadline: new Date(parseChinaDateTime(deadline)).toISOString() } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  });

  return (
    <form className="bulk-bar" data-testid="bulk-bar" onSubmit={(event) => { event.preventDefault(); if (ready) run(); }}>
      <strong data-testid="selected-count">{t('dispatch.selected', { count })}</strong>
      <select value={action} onChange={(event) => setAction(event.target.value as BulkActionName)} data-testid="bulk-action" aria-label={t('dispatch.action')}>
        {BULK_ACTIONS.map((name) => <option key={name} value={name}>{t(`actions.${name}`)}</option>)}
      </select>
      {needsDepartment && (
        <select value={departmentId} onChange={(event) => setDepartmentId(event.target.value)} data-testid="bulk-department" aria-label={t('dispatch.department')}>
          <option value="">{t('dispatch.routed')}</option>
          {departments.map((department) => <option key={department.id} value={department.id}>{department.name}</option>)}
        </select>
      )}
      {action !== 'void' && (
        <label>
          {needsDeadline ? t('dispatch.deadline') : t('dispatch.deadlineDefault')}
          <input type="datetime-local" value={deadline} onChange={(event) => setDeadline(event.target.value)} data-testid="bulk-deadline" />
        </label>
      )}
      <input type="text" value={note} placeholder={needsNote ? t('dispatch.reasonRequired') : t('dispatch.note')} onChange={(event) => setNote(event.target.value)} data-testid="bulk-note" />
      <button type="submit" disabled={!ready} data-testid="bulk-run">{t('dispatch.run')}</button>
      <button type="button" className="secondary" disabled={!onUndo || busy} onClick={() => onUndo?.()} data-testid="undo">{t('dispatch.undo')}</button>
    </form>
  );
}
