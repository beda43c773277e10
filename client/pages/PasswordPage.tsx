import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword } from '../api/hooks.ts';
import { useAccount } from '../api/session.ts';
import { ApiError } from '../api/client.ts';
import { MINIMUM_PASSWORD_LENGTH, passwordProblem } from '../../server/domain/password-policy.ts';

/** One's own password: the current one, and a new one twice. Forced when an administrator set the current one. */
export default function PasswordPage({ forced = false, onChanged }: { forced?: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const account = useAccount()!;
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const policy = next ? passwordProblem(next, account.username) : null;
  const mismatch = again !== '' && again !== next;
  const refusal = (error: Error) => {
    const code = error instanceof ApiError ? (error.body?.code as string | undefined) : undefined;
    return code ? t(`password.refused.${code}`, { defaultValue: error.message }) : error.message;
  };
  const ready = current !== '' && next !== '' && policy === null && again === next && !change.isPending;

  return (
    <div className="sign-in" data-testid="password-page">
      <form className="sign-in-card" onSubmit={(event) => {
        event.preventDefault();
        if (ready) change.mutate({ currentPassword: current, newPassword: next }, { onSuccess: onChanged });
      }}>
        <h1>{t('password.heading')}</h1>
        <p className="muted">{forced ? t('password.forced', { name: account.displayName }) : t('password.policy', { length: MINIMUM_PASSWORD_LENGTH })}</p>
        <label>{t('password.current')}<input type="password" autoComplete="current-password" value={current} onChange={(event) => setCurrent(event.target.value)} data-testid="password-current" /></label>
        <label>{t('password.new')}<input type="password" autoComplete="new-password" value={next} onChange={(event) => setNext(event.target.value)} data-testid="password-new" /></label>
        <label>{t('password.again')}<input type="password" autoComplete="new-password" value={again} onChange={(event) => setAgain(event.target.value)} data-testid="password-again" /></label>
        {forced && <p className="muted">{t('password.policy', { length: MINIMUM_PASSWORD_LENGTH })}</p>}
        {(policy || mismatch || change.error) && (
          <p className="sign-in-problem" role="alert" data-testid="password-problem">
            {change.error ? refusal(change.error) : mismatch ? t('password.mismatch') : t('password.weak')}
          </p>
        )}
        <button type="submit" disabled={!ready} data-testid="password-submit">{t('password.submit')}</button>
      </form>
    </div>
  );
}
