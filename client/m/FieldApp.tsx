import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role, SessionAnswer } from '../../server/schemas/contract.ts';
import { holdsPermission, ownWork } from '../../server/domain/roles.ts';
import { api } from '../api/client.ts';
import { useOutbox } from './use-outbox.ts';
import { forgetSession } from './remembered-session.ts';
import ReportTab from './ReportTab.tsx';
import MyReportsTab from './MyReportsTab.tsx';
import TasksTab from './TasksTab.tsx';
import ReinspectionTab from './ReinspectionTab.tsx';
import MyGridsTab from './MyGridsTab.tsx';
import IssueSheet from './IssueSheet.tsx';
import OutboxList from './OutboxList.tsx';

export const FIELD_TABS = ['report', 'mine', 'tasks', 'reinspection', 'grids'] as const;
export type FieldTab = (typeof FIELD_TABS)[number];

/** The tabs an account's roles give it, in the order of its day's work. */
export function tabsFor(account: { roles: readonly Role[]; departmentId: number | null }): FieldTab[] {
  const { roles } = account;
  const work = ownWork(account);
  const tabs: FieldTab[] = [];
  if (work.rectifiesFor !== null) tabs.push('tasks');
  if (work.reinspects) tabs.push('reinspection');
  if (holdsPermission(roles, 'report')) tabs.push('report', 'mine');
  if (roles.includes('leader')) tabs.push('grids');
  return tabs;
}

/** The phone app: a tab for each part of the account's work, the problem open over it, and what waits to be sent. */
export default function FieldApp({ session }: { session: SessionAnswer }) {
  const { t, i18n } = useTranslation();
  const tabs = tabsFor(session.account);
  const [tab, setTab] = useState<FieldTab | undefined>(tabs[0]);
  const [openIssue, setOpenIssue] = useState<number | null>(null);
  const [showOutbox, setShowOutbox] = useState(false);
  const waiting = useOutbox();
  const refused = waiting.filter((item) => item.refusal !== undefined).length;

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    forgetSession();
    window.location.reload();
  };

  return (
    <div className="field-app" data-testid="field-app">
      <header className="field-header">
        <div className="field-title">
          <strong>{t('field.title')}</strong>
          <span data-testid="field-account">{session.account.displayName}</span>
        </div>
        {waiting.length > 0 && (
          <button type="button" className={refused > 0 ? 'field-outbox refused' : 'field-outbox'} onClick={() => setShowOutbox(true)} data-testid="outbox-count">
            {t('field.outbox.waiting', { count: waiting.length })}
          </button>
        )}
        <button type="button" className="field-header-button" onClick={() => void i18n.changeLanguage(i18n.language === 'en' ? 'zh-CN' : 'en')} data-testid="field-language">
          {i18n.language === 'en' ? '中文' : 'EN'}
        </button>
        <button type="button" className="field-header-button" onClick={() => void signOut()} data-testid="field-sign-out">{t('field.signOut')}</button>
      </header>
      <main className="field-main">
        {tab === undefined && <p className="field-empty">{t('field.noWork')}</p>}
        {tab === 'report' && <ReportTab session={session} onSent={() => setTab('mine')} />}
        {tab === 'mine' && <MyReportsTab waiting={waiting} onOpen={setOpenIssue} />}
        {tab === 'tasks' && <TasksTab onOpen={setOpenIssue} />}
        {tab === 'reinspection' && <ReinspectionTab onOpen={setOpenIssue} />}
        {tab === 'grids' && <MyGridsTab session={session} onOpen={setOpenIssue} />}
      </main>
      {tabs.length > 1 && (
        <nav className="field-tabs">
          {tabs.map((each) => (
            <button key={each} type="button" className={each === tab ? 'active' : ''} onClick={() => setTab(each)} data-testid={`field-tab-${each}`}>
              {t(`field.tabs.${each}`)}
            </button>
          ))}
        </nav>
      )}
      {openIssue !== null && <IssueSheet id={openIssue} roles={session.account.roles} onClose={() => setOpenIssue(null)} />}
      {showOutbox && <OutboxList items={waiting} onClose={() => setShowOutbox(false)} />}
    </div>
  );
}
