import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import LanguageSwitch from '../components/LanguageSwitch.tsx';
import { api, ApiError } from '../api/client.ts';
import { formatChinaMinute } from '../../server/domain/china-time.ts';

/** What the sign-in page says of a refusal, by the code the server gave it. */
function refusalMessage(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('signIn.unreachable');
  const code = error.body?.code as string | undefined;
  if (error.status === 429) return t('signIn.tooMany');
  if (code === 'account_locked') return t('signIn.locked', { time: formatChinaMinute(error.body!.lockedUntil as string) });
  if (code === 'account_disabled') return t('signIn.disabled');
  if (code === 'wrong_password') return t('signIn.wrong');
  if (code === 'wrong_password_lock_near') return t('signIn.wrongWithAttempts', { count: error.body!.attemptsLeft as number });
  return error.message;
}

/** The door: username (工号 or mobile number) and password; why the last session ended, when it did. */
export default function SignInPage({ reason, onSignedIn }: { reason: string | null; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(reason && t(`signIn.ended.${reason}`, { defaultValue: t('signIn.ended.other') }));

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await api.signIn({ username: username.trim(), password });
      onSignedIn();
    } catch (error) {
      setProblem(refusalMessage(t, error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in" data-testid="sign-in">
      <form className="sign-in-card" onSubmit={(event) => { event.preventDefault(); void submit(); }}>
        <h1>{t('app.title')}</h1>
        <p className="muted">{t('signIn.heading')}</p>
        <label>
          {t('signIn.username')}
          <input type="text" autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} data-testid="sign-in-username" autoFocus />
        </label>
        <label>
          {t('signIn.password')}
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} data-testid="sign-in-password" />
        </label>
        {problem && <p className="sign-in-problem" role="alert" data-testid="sign-in-problem">{problem}</p>}
        <button type="submit" disabled={busy || !username.trim() || !password} data-testid="sign-in-submit">{t('signIn.submit')}</button>
        <LanguageSwitch />
      </form>
    </div>
  );
}
