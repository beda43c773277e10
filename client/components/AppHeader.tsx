import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import LanguageSwitch from './LanguageSwitch.tsx';
import { useLiveStatus } from '../api/live-feed.tsx';
import { districtPagePath, servedDistricts, shownDistrict } from '../api/district.ts';

/** The title, the district shown (a choice of the city's districts when there are several), the pages, the live feed's state and the language. */
export default function AppHeader() {
  const { t } = useTranslation();
  const live = useLiveStatus();
  const district = shownDistrict()!;
  const districts = servedDistricts();
  return (
    <header className="app-header">
      <h1 data-testid="app-title">{t('app.title')}</h1>
      {districts.length > 1 ? (
        <select
          className="district district-switch" data-testid="district-switch" aria-label={t('city.choose')} value={district.code}
          // Another district is another page: every query starts afresh on its data.
          onChange={(event) => window.location.assign(districtPagePath(event.target.value))}
        >
          {districts.map((each) => <option key={each.code} value={each.code}>{t('app.district', { district: each.name })}</option>)}
        </select>
      ) : <span className="district" data-testid="district-name">{t('app.district', { district: district.name })}</span>}
      <nav>
        <NavLink to="/" end>{t('nav.overview')}</NavLink>
        <NavLink to="/screen">{t('nav.screen')}</NavLink>
        <NavLink to="/dispatch">{t('nav.dispatch')}</NavLink>
        {districts.length > 1 && <a href="/city" data-testid="city-link">{t('nav.city')}</a>}
      </nav>
      <span className={`live-status live-${live}`} data-testid="live-status" data-status={live}>{t(`live.${live}`)}</span>
      <LanguageSwitch />
    </header>
  );
}
