import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from './LanguageSwitch.tsx';
import { useLiveStatus } from '../api/live-feed.tsx';

export default function AppHeader() {
  const { t } = useTranslation();
  const live = useLiveStatus();
  return (
    <header className="app-header">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      <span className="district">{t('app.district')}</span>
      <nav>
        <NavLink to="/" end>{t('nav.overview')}</NavLink>
        <NavLink to="/screen">{t('nav.screen')}</NavLink>
        <NavLink to="/dispatch">{t('nav.dispatch')}</NavLink>
      </nav>
      <span className={`live-status live-${live}`} data-testid="live-status" data-status={live}>{t(`live.${live}`)}</span>
      <LanguageSwitch />
    </header>
  );
}
