import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from './LanguageSwitch.tsx';

export default function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      <span className="district">{t('app.district')}</span>
      <nav>
        <NavLink to="/" end>{t('nav.overview')}</NavLink>
        <NavLink to="/screen">{t('nav.screen')}</NavLink>
        <NavLink to="/dispatch">{t('nav.dispatch')}</NavLink>
      </nav>
      <LanguageSwitch />
    </header>
  );
}
