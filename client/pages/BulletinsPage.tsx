import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import { useBulletins, useIssueBulletin } from '../api/hooks.ts';
import { usePermission } from '../api/session.ts';
import { useServerNow } from '../api/server-clock.ts';
import { ApiError } from '../api/client.ts';
import { addDays, addMonths, chinaDay, firstOfMonth, formatChinaDateTime, mondayOf } from '../../server/domain/china-time.ts';
import { BULLETIN_SERIES, type BulletinSeries } from '../../server/bulletins/bulletin-content.ts';
import type { Bulletin } from '../../server/schemas/contract.ts';

type IssuedSeries = Exclude<BulletinSeries, 'special'>;
const ISSUED_SERIES: readonly IssuedSeries[] = ['daily', 'weekly', 'monthly'];

/** The day the form starts from: today for a 日通报, a day of the last whole week or month for the others. */
const defaultDay = (series: IssuedSeries, today: string) => {
  if (series === 'daily') return today;
  return series === 'weekly' ? addDays(mondayOf(today), -7) : addMonths(firstOfMonth(today), -1);
};

/**
 * 通报: the archive of the office's bulletins by series, each file to download again as it was
 * issued and each PDF to read in the browser; a commander issues a 日通报, 周通报 or 月通报,
 * previews it as a draft first, or corrects one (over the same days).
 */
export default function BulletinsPage() {
  const { t } = useTranslation();
  const mayIssue = usePermission('issuing');
  const [series, setSeries] = useState<BulletinSeries | ''>('');
  const [showDrafts, setShowDrafts] = useState(false);
  const [correcting, setCorrecting] = useState<number | null>(null);
  const now = useServerNow(60_000);
  const [issued, setIssued] = useState<IssuedSeries>('daily');
  const [date, setDate] = useState('');
  const day = date || (now === null ? '' : defaultDay(issued, chinaDay(now)));
  const { data, error } = useBulletins({ ...(series ? { series } : {}), drafts: showDrafts });
  const issuing = useIssueBulletin();
  const issue = (body: { series: IssuedSeries; draft?: boolean; corrects?: number; date?: string }) => issuing.mutate(body, { onSuccess: () => setCorrecting(null) });
  const label = (bulletin: Bulletin) => (bulletin.number === null ? t('bulletins.draft') : t('bulletins.number', { year: bulletin.year, number: bulletin.number }));
  const byId = new Map(data?.items.map((bulletin) => [bulletin.id, bulletin]));

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="admin" data-testid="bulletins-page">
        <h2>{t('bulletins.heading')}</h2>
        {mayIssue && (
          <form className="admin-form" onSubmit={(event) => event.preventDefault()} data-testid="bulletin-issue-form">
            <select value={issued} onChange={(event) => { setIssued(event.target.value as IssuedSeries); setDate(''); }} aria-label={t('bulletins.issuedSeries')} data-testid="bulletin-issue-series">
              {ISSUED_SERIES.map((each) => <option key={each} value={each}>{t(`bulletins.seriesNames.${each}`)}</option>)}
            </select>
            <label>{t(`bulletins.dayOf.${issued}`)}<input type="date" value={day} max={now === null ? undefined : chinaDay(now)} onChange={(event) => setDate(event.target.value)} data-testid="bulletin-date" /></label>
            <button type="button" disabled={issuing.isPending || !day} onClick={() => { setShowDrafts(true); issue({ series: issued, draft: true, date: day }); }} data-testid="bulletin-draft">{t('bulletins.makeDraft')}</button>
            <button type="button" className="primary" disabled={issuing.isPending || !day} onClick={() => issue({ series: issued, date: day })} data-testid="bulletin-issue">
              {t('bulletins.issueSeries', { series: t(`bulletins.seriesNames.${issued}`) })}
            </button>
            {issuing.isError && <span className="error" data-testid="bulletin-error">{issuing.error instanceof ApiError ? issuing.error.message : t('bulletins.failed')}</span>}
          </form>
        )}
        <div className="admin-form">
          <select value={series} onChange={(event) => setSeries(event.target.value as BulletinSeries | '')} aria-label={t('bulletins.series')} data-testid="bulletin-series">
            <option value="">{t('bulletins.allSeries')}</option>
            {BULLETIN_SERIES.map((each) => <option key={each} value={each}>{t(`bulletins.seriesNames.${each}`)}</option>)}
          </select>
          <label><input type="checkbox" checked={showDrafts} onChange={(event) => setShowDrafts(event.target.checked)} data-testid="bulletin-show-drafts" />{t('bulletins.showDrafts')}</label>
        </div>
        {!data && <QueryStatus error={error} />}
        {data?.items.length === 0 && <p className="muted" data-testid="bulletins-empty">{t('bulletins.none')}</p>}
        <table className="admin-table" data-testid="bulletins-table">
          <thead>
            <tr><th>{t('bulletins.series')}</th><th>{t('bulletins.issue')}</th><th>{t('bulletins.title')}</th><th>{t('bulletins.covers')}</th><th>{t('bulletins.madeBy')}</th><th>{t('bulletins.madeAt')}</th><th>{t('bulletins.files')}</th>{mayIssue && <th />}</tr>
          </thead>
          <tbody>
            {data?.items.map((bulletin) => {
              const corrected = bulletin.correctsId === null ? undefined : byId.get(bulletin.correctsId);
              return (
                <tr key={bulletin.id} className={bulletin.number === null ? 'muted' : ''} data-testid="bulletin-row" data-bulletin-id={bulletin.id}>
                  <td data-testid="bulletin-series">{t(`bulletins.seriesNames.${bulletin.series}`)}</td>
                  <td data-testid="bulletin-number">{label(bulletin)}</td>
                  <td>
                    {bulletin.title}
                    {bulletin.correctsId !== null && <small className="muted" data-testid="bulletin-corrects"> {t('bulletins.corrects', { issue: corrected ? label(corrected) : `#${bulletin.correctsId}` })}</small>}
                  </td>
                  <td>{bulletin.firstDay === bulletin.lastDay ? bulletin.lastDay : `${bulletin.firstDay} ~ ${bulletin.lastDay}`}</td>
                  <td>{bulletin.madeBy === 'schedule' ? t('bulletins.bySchedule') : bulletin.madeBy}</td>
                  <td>{formatChinaDateTime(bulletin.madeAt)}</td>
                  <td className="bulletin-files">
                    {bulletin.files.pdf && <a href={`${bulletin.files.pdf}?view=inline`} target="_blank" rel="noopener" data-testid="bulletin-read">{t('bulletins.read')}</a>}
                    {Object.entries(bulletin.files).map(([format, address]) => <a key={format} href={address} download data-testid={`bulletin-file-${format}`}>{t(`bulletins.formats.${format}`, { defaultValue: format })}</a>)}
                  </td>
                  {mayIssue && (
                    <td>
                      {bulletin.number !== null && bulletin.series !== 'special' && (correcting === bulletin.id
                        ? <button type="button" className="primary" disabled={issuing.isPending} onClick={() => issue({ series: bulletin.series as IssuedSeries, corrects: bulletin.id })} data-testid="bulletin-confirm-correction">{t('bulletins.confirmCorrection')}</button>
                        : <button type="button" onClick={() => setCorrecting(bulletin.id)} data-testid="bulletin-correct">{t('bulletins.correct')}</button>)}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </main>
    </div>
  );
}
