import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetup } from '../api/hooks.ts';
import { MINIMUM_PASSWORD_LENGTH, passwordProblem } from '../../server/domain/password-policy.ts';
import { DISTRICT_CODE_PATTERN } from '../../server/store/districts.ts';

const DISTRICT_CODE = new RegExp(DISTRICT_CODE_PATTERN);

/**
 * A new installation's first page: with the code the server printed, its first administrator
 * names the district and chooses a password. The server then serves the district, empty, and
 * the administrator signs in to import its grids.
 */
export default function SetupPage({ setupCode, onDone }: { setupCode: string; onDone: () => void }) {
  const { t } = useTranslation();
  const setup = useSetup();
  const [form, setForm] = useState({ setupCode, code: '', name: '', username: '', displayName: '', password: '', again: '' });
  const set = (field: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });
  const codeProblem = form.code !== '' && !DISTRICT_CODE.test(form.code);
  const policy = form.password ? passwordProblem(form.password, form.username) : null;
  const mismatch = form.again !== '' && form.again !== form.password;
  const ready = form.setupCode && form.code && !codeProblem && form.name.trim() && form.username && form.displayName.trim() && form.password && !policy && form.again === form.password;

  if (setup.isSuccess) return <div className="sign-in" data-testid="setup-done"><p className="sign-in-card">{t('setup.starting', { name: setup.data.name })}</p></div>;
  return (
    <div className="sign-in" data-testid="setup-page">
      <form className="sign-in-card" onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        setup.mutate({
          setupCode: form.setupCode.trim(), district: { code: form.code, name: form.name.trim() },
          administrator: { username: form.username, displayName: form.displayName.trim(), password: form.password },
        }, { onSuccess: onDone });
      }}>
        <h1>{t('setup.heading')}</h1>
        <p className="muted">{t('setup.explain')}</p>
        <label>{t('setup.setupCode')}<input value={form.setupCode} onChange={set('setupCode')} data-testid="setup-code" /></label>
        <label>{t('setup.districtName')}<input value={form.name} onChange={set('name')} placeholder="下城区" data-testid="setup-district-name" /></label>
        <label>{t('setup.districtCode')}<input value={form.code} onChange={set('code')} placeholder="xiacheng" data-testid="setup-district-code" /></label>
        <label>{t('setup.username')}<input value={form.username} onChange={set('username')} autoComplete="username" data-testid="setup-username" /></label>
        <label>{t('setup.displayName')}<input value={form.displayName} onChange={set('displayName')} data-testid="setup-display-name" /></label>
        <label>{t('password.new')}<input type="password" autoComplete="new-password" value={form.password} onChange={set('password')} data-testid="setup-password" /></label>
        <label>{t('password.again')}<input type="password" autoComplete="new-password" value={form.again} onChange={set('again')} data-testid="setup-password-again" /></label>
        <p className="muted">{t('password.policy', { length: MINIMUM_PASSWORD_LENGTH })}</p>
        {(codeProblem || policy || mismatch || setup.error) && (
          <p className="sign-in-problem" role="alert" data-testid="setup-problem">
            {setup.error ? setup.error.message : codeProblem ? t('setup.codeProblem') : mismatch ? t('password.mismatch') : t('password.weak')}
          </p>
        )}
        <button type="submit" disabled={!ready || setup.isPending} data-testid="setup-submit">{t('setup.submit')}</button>
      </form>
    </div>
  );
}
