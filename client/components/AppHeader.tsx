import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from './LanguageSwitch.tsx';
import { useLiveStatus } from '../api/live-feed.tsx';
import { servedDistricts, shownDistrict } from '../api/district.ts';
import { api } from '../api/client.ts';
import { endSession, useAccount, usePermission } from '../api/session.ts';

/**
 * The title, the district shown (the account's own: an account belongs to one district), the
 * pages the account may use, the live feed's state, who is signed in, and the language.
 */
export default function AppHeader() {
  const { t } = useTranslation();
  const live = useLiveStatus();
  const district = shownDistrict()!;
  const districts = servedDistricts();
  const account = useAccount();
  const pages = {
    overview: usePermission('map'), dispatch: usePermission('problems'), screen: usePermission('wall'),
    accounts: usePermission('accounts'), imports: usePermission('imports'), audit: usePermission('audit'), live: usePermission('live'),
    bulletins: usePermission('bulletins'),
  };
  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    endSession('signed_out');
  };
  return (
    <header className="app-header" data-testid="app-header">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      <span className="district" data-testid="district-name">{t('app.district', { district: district.name })}</span>
      <nav data-testid="nav">
        {pages.overview && <NavLink to="/" end>{t('nav.overview')}</NavLink>}
        {pages.screen && <NavLink to="/screen">{t('nav.screen')}</NavLink>}
        {pages.dispatch && <NavLink to="/dispatch" data-testid="nav-dispatch">{t('nav.dispatch')}</NavLink>}
        {pages.bulletins && <NavLink to="/bulletins" data-testid="nav-bulletins">{t('nav.bulletins')}</NavLink>}
        {pages.accounts && <NavLink to="/accounts" data-testid="nav-accounts">{t('nav.accounts')}</NavLink>}
        {pages.imports && <NavLink to="/imports" data-testid="nav-imports">{t('nav.imports')}</NavLink>}
        {pages.audit && <NavLink to="/audit" data-testid="nav-audit">{t('nav.audit')}</NavLink>}
        {districts.length > 1 && pages.overview && <a href="/city" data-testid="city-link">{t('nav.city')}</a>}
      </nav>
      {pages.live && <span className={`live-status live-${live}`} data-testid="live-status" data-status={live}>{t(`live.${live}`)}</span>}
      {account && (
        <span className="account" data-testid="account">
          <NavLink to="/password" title={t('password.heading')} data-testid="account-name">{account.displayName}</NavLink>
          <small data-testid="account-roles">{account.roles.map((role) => t(`accountRoles.${role}`)).join('、')}</small>
          <button type="button" className="sign-out" onClick={() => void signOut()} data-testid="sign-out">{t('signIn.signOut')}</button>
        </span>
      )}
      <LanguageSwitch />
      <p className="phone-app-pointer" data-testid="phone-app-pointer">{t('app.phoneApp')} <a href="/m/">{t('app.phoneAppLink')}</a></p>
    </header>
  );
}
