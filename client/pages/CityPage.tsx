import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CityDistrict } from '../../server/schemas/contract.ts';
import { useCity } from '../api/hooks.ts';
import { districtPagePath } from '../api/district.ts';
import { useViewer } from '../api/session.ts';
import { cityTotals, type CityTotals } from '../city-totals.ts';
import LanguageSwitch from '../components/LanguageSwitch.tsx';
import QueryStatus from '../components/QueryStatus.tsx';

const WINDOWS = [7, 30, 90, 365] as const;
type WindowDays = typeof WINDOWS[number];

const percent = (value: number | null) => (value === null ? '—' : `${value.toFixed(1)}%`);

/** The city view: every district's composite, 整改率 and overdue problems over a window, ranked; a row opens that district. */
export default function CityPage() {
  const { t } = useTranslation();
  const [days, setDays] = useState<WindowDays>(30);
  const city = useCity({ days });
  const rows = [...(city.data?.districts ?? [])].sort((a, b) => (a.performance.rank ?? Infinity) - (b.performance.rank ?? Infinity) || a.district.code.localeCompare(b.district.code));
  return (
    <div className="page city-page" data-testid="city-page">
      <header className="app-header">
        <h1 data-testid="app-title">{t('app.title')}</h1>
        <span className="district">{t('city.heading', { count: rows.length })}</span>
        <nav />
        <LanguageSwitch />
      </header>
      <main className="city-main">
        <div className="city-toolbar" role="group" aria-label={t('window.label')}>
          <span>{t('window.label')}</span>
          {WINDOWS.map((each) => (
            <button key={each} type="button" className={each === days ? 'selected' : ''} aria-pressed={each === days} data-testid={`city-window-${each}`} onClick={() => setDays(each)}>
              {t(`window.days${each}`)}
            </button>
          ))}
          {city.data && <span className="muted">{t('window.range', { from: city.data.window.from, to: city.data.window.to })}</span>}
        </div>
        {!city.data && <QueryStatus error={city.error} />}
        {city.data && (
          <table className="city-table" data-testid="city-table">
            <thead>
              <tr>
                <th>{t('city.rank')}</th><th>{t('city.district')}</th><th>{t('metrics.composite')}</th><th>{t('performance.grade')}</th>
                <th>{t('metrics.rectificationRate')}</th><th>{t('metrics.onTimeRate')}</th><th>{t('city.open')}</th><th>{t('metrics.overdueIssues')}</th><th>{t('city.newIssues')}</th>
              </tr>
            </thead>
            <tbody>{rows.map((row) => <CityRow key={row.district.code} row={row} />)}</tbody>
            <CityTotalsRow rows={rows} />
          </table>
        )}
      </main>
    </div>
  );
}

/** The rates and counts a district's row and the city's row both show, in the table's order. */
function FigureCells({ figures }: { figures: CityTotals }) {
  return (
    <>
      <td>{percent(figures.rectificationRate)}</td>
      <td>{percent(figures.onTimeRate)}</td>
      <td>{figures.openIssues.toLocaleString()}</td>
      <td className={figures.overdueOpen > 0 ? 'alarm' : ''}>{figures.overdueOpen.toLocaleString()}</td>
      <td>{figures.newIssues.toLocaleString()}</td>
    </>
  );
}

function CityTotalsRow({ rows }: { rows: readonly CityDistrict[] }) {
  const { t } = useTranslation();
  const totals = cityTotals(rows);
  return (
    <tfoot>
      <tr className="city-totals" data-testid="city-totals">
        <td />
        <td>{t('city.total')}</td>
        <td className="muted">{t('city.noCityComposite')}</td>
        <td />
        <FigureCells figures={totals} />
      </tr>
    </tfoot>
  );
}

function CityRow({ row }: { row: CityDistrict }) {
  const { t } = useTranslation();
  const { district, performance } = row;
  // An account reaches its own district's pages; the others' figures are here to compare.
  const viewer = useViewer();
  const own = viewer?.kind === 'account' && viewer.session.district.code === district.code;
  return (
    <tr data-testid={`city-row-${district.code}`} className={own ? 'own' : ''}>
      <td className="rank">{performance.rank ?? '—'}</td>
      <td>{own ? <a href={districtPagePath(district.code)} data-testid={`city-open-${district.code}`}>{district.name}</a> : district.name}</td>
      <td className="composite">
        <span className="composite-track"><span className={`composite-bar grade-bar-${performance.grade ?? 'none'}`} style={{ width: `${performance.composite ?? 0}%` }} /></span>
        <span className="composite-value">{performance.composite === null ? t('legend.insufficient') : performance.composite.toFixed(1)}</span>
      </td>
      <td className={`grade-cell grade-${performance.grade ?? 'none'}`}>{performance.grade ?? '—'}</td>
      <FigureCells figures={performance} />
    </tr>
  );
}
