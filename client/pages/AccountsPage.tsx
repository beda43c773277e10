import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import { useAccounts, useAdministration, useDepartments, useScreenDevices } from '../api/hooks.ts';
import { useAccount } from '../api/session.ts';
import { ROLES } from '../../server/domain/roles.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import type { Account, Role } from '../../server/schemas/contract.ts';

const gridCodesOf = (text: string) => [...new Set(text.split(/[,，\s]+/).map((code) => code.trim().toUpperCase()).filter(Boolean))];

/** The administrator's page: the district's accounts and its big screens. */
export default function AccountsPage() {
  const { t } = useTranslation();
  const me = useAccount()!;
  const { data: accounts, error } = useAccounts();
  const { data: devices } = useScreenDevices();
  const { data: departments } = useDepartments();
  const administration = useAdministration();
  const [draft, setDraft] = useState({ username: '', displayName: '', roles: [] as Role[], departmentId: '', gridCodes: '', password: '' });
  const [deviceName, setDeviceName] = useState('');
  const [newLink, setNewLink] = useState<string | null>(null);
  const failure = [administration.createAccount, administration.changeAccount, administration.endSessions, administration.createScreenDevice, administration.revokeScreenDevice].find((mutation) => mutation.error)?.error;
  const departmentName = (id: number | null) => departments?.find((department) => department.id === id)?.name ?? '—';

  const create = () => administration.createAccount.mutate({
    username: draft.username.trim(), displayName: draft.displayName.trim(), roles: draft.roles, password: draft.password,
    ...(draft.departmentId ? { departmentId: Number(draft.departmentId) } : {}),
    ...(draft.gridCodes.trim() ? { gridCodes: gridCodesOf(draft.gridCodes) } : {}),
  }, { onSuccess: () => setDraft({ username: '', displayName: '', roles: [], departmentId: '', gridCodes: '', password: '' }) });
  const change = (account: Account, body: Parameters<typeof administration.changeAccount.mutate>[0]['body']) =>
    administration.changeAccount.mutate({ username: account.username, body });
  const resetPassword = (account: Account) => {
    const password = window.prompt(t('accounts.resetPrompt', { name: account.displayName }));
    if (password) change(account, { password });
  };

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="admin" data-testid="accounts-page">
        <section>
          <h2>{t('accounts.heading')}</h2>
          {failure && <p className="sign-in-problem" role="alert" data-testid="accounts-problem">{failure.message}</p>}
          {!accounts && <QueryStatus error={error} />}
          <table className="admin-table" data-testid="accounts-table">
            <thead>
              <tr>
                <th>{t('accounts.username')}</th><th>{t('accounts.displayName')}</th><th>{t('accounts.roles')}</th><th>{t('accounts.department')}</th>
                <th>{t('accounts.grids')}</th><th>{t('accounts.state')}</th><th />
              </tr>
            </thead>
            <tbody>
              {accounts?.accounts.map((account) => (
                <tr key={account.username} data-testid={`account-${account.username}`} className={account.disabledAt ? 'disabled' : ''}>
                  <td>{account.username}</td>
                  <td>{account.displayName}</td>
                  <td>{account.roles.map((role) => t(`accountRoles.${role}`)).join('、')}</td>
                  <td>{departmentName(account.departmentId)}</td>
                  <td>{account.gridCodes.join('、') || '—'}</td>
                  <td data-testid={`account-state-${account.username}`}>
                    {account.disabledAt ? t('accounts.disabled') : account.lockedUntil ? t('accounts.locked', { time: formatChinaDateTime(account.lockedUntil) })
                      : account.mustChangePassword ? t('accounts.mustChange') : t('accounts.active')}
                  </td>
                  <td className="admin-actions">
                    {account.lockedUntil && <button type="button" onClick={() => change(account, { unlock: true })}>{t('accounts.unlock')}</button>}
                    <button type="button" onClick={() => resetPassword(account)} data-testid={`account-reset-${account.username}`}>{t('accounts.reset')}</button>
                    {account.username !== me.username && (
                      <button type="button" onClick={() => administration.endSessions.mutate(account.username)} data-testid={`account-end-sessions-${account.username}`}>{t('accounts.endSessions')}</button>
                    )}
                    {account.username !== me.username && (
                      <button type="button" onClick={() => change(account, { disabled: !account.disabledAt })} data-testid={`account-toggle-${account.username}`}>
                        {account.disabledAt ? t('accounts.enable') : t('accounts.disable')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="admin-form" data-testid="account-form" onSubmit={(event) => { event.preventDefault(); create(); }}>
            <h3>{t('accounts.create')}</h3>
            <input placeholder={t('accounts.username')} value={draft.username} onChange={(event) => setDraft({ ...draft, username: event.target.value })} data-testid="account-username" />
            <input placeholder={t('accounts.displayName')} value={draft.displayName} onChange={(event) => setDraft({ ...draft, displayName: event.target.value })} data-testid="account-display-name" />
            <fieldset className="role-choice">
              {ROLES.map((role) => (
                <label key={role}>
                  <input type="checkbox" checked={draft.roles.includes(role)} data-testid={`account-role-${role}`}
                    onChange={(event) => setDraft({ ...draft, roles: event.target.checked ? [...draft.roles, role] : draft.roles.filter((held) => held !== role) })} />
                  {t(`accountRoles.${role}`)}
                </label>
              ))}
            </fieldset>
            <select value={draft.departmentId} onChange={(event) => setDraft({ ...draft, departmentId: event.target.value })} data-testid="account-department" aria-label={t('accounts.department')}>
              <option value="">{t('accounts.noDepartment')}</option>
              {departments?.map((department) => <option key={department.id} value={department.id}>{department.name}</option>)}
            </select>
            <input placeholder={t('accounts.gridsPlaceholder')} value={draft.gridCodes} onChange={(event) => setDraft({ ...draft, gridCodes: event.target.value })} data-testid="account-grids" />
            <input type="password" autoComplete="new-password" placeholder={t('accounts.firstPassword')} value={draft.password} onChange={(event) => setDraft({ ...draft, password: event.target.value })} data-testid="account-password" />
            <button type="submit" disabled={!draft.username.trim() || !draft.displayName.trim() || draft.roles.length === 0 || !draft.password} data-testid="account-create">{t('accounts.createButton')}</button>
          </form>
        </section>
        <section>
          <h2>{t('devices.heading')}</h2>
          <table className="admin-table" data-testid="devices-table">
            <thead><tr><th>{t('devices.name')}</th><th>{t('devices.createdAt')}</th><th>{t('devices.lastSeen')}</th><th>{t('accounts.state')}</th><th /></tr></thead>
            <tbody>
              {devices?.devices.map((device) => (
                <tr key={device.id} data-testid={`device-${device.id}`} className={device.revokedAt ? 'disabled' : ''}>
                  <td>{device.name}</td>
                  <td>{formatChinaDateTime(device.createdAt)}（{device.createdBy}）</td>
                  <td>{device.lastSeenAt ? formatChinaDateTime(device.lastSeenAt) : '—'}</td>
                  <td>{device.revokedAt ? t('devices.revoked') : t('accounts.active')}</td>
                  <td>{!device.revokedAt && <button type="button" onClick={() => administration.revokeScreenDevice.mutate(device.id)} data-testid={`device-revoke-${device.id}`}>{t('devices.revoke')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form className="admin-form" onSubmit={(event) => {
            event.preventDefault();
            administration.createScreenDevice.mutate(deviceName.trim(), { onSuccess: (created) => { setNewLink(`${window.location.origin}${created.link}`); setDeviceName(''); } });
          }}>
            <input placeholder={t('devices.name')} value={deviceName} onChange={(event) => setDeviceName(event.target.value)} data-testid="device-name" />
            <button type="submit" disabled={!deviceName.trim()} data-testid="device-create">{t('devices.create')}</button>
          </form>
          {newLink && <p className="device-link" data-testid="device-link">{t('devices.linkOnce')}<br /><code>{newLink}</code></p>}
        </section>
      </main>
    </div>
  );
}
