import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import { useBulletins, useIssueBulletin } from '../api/hooks.ts';
import { usePermission } from '../api/session.ts';
import { useServerNow } from '../api/server-clock.ts';
import { ApiError } from '../api/client.ts';
import { chinaDay, formatChinaDateTime } from '../../server/domain/china-time.ts';
import { BULLETIN_SERIES, type BulletinSeries } from '../../server/bulletins/bulletin-content.ts';
import type { Bulletin } from '../../server/schemas/contract.ts';

/**
 * 通报: the archive of the office's bulletins by series, each file to download again as it was
 * issued; a commander issues the day's 日通报, previews it as a draft first, or corrects one.
 */
export default function BulletinsPage() {
  const { t } = useTranslation();
  const mayIssue = usePermission('issuing');
  const [series, setSeries] = useState<BulletinSeries | ''>('');
  const [showDrafts, setShowDrafts] = useState(false);
  const [correcting, setCorrecting] = useState<number | null>(null);
  const now = useServerNow(60_000);
  const [date, setDate] = useState('');
  const day = date || (now === null ? '' : chinaDay(now));
  const { data, error } = useBulletins({ ...(series ? { series } : {}), drafts: showDrafts });
  const issuing = useIssueBulletin();
  const issue = (body: { draft?: boolean; corrects?: number; date?: string }) => issuing.mutate({ series: 'daily', ...body }, { onSuccess: () => setCorrecting(null) });
  const label = (bulletin: Bulletin) => (bulletin.number === null ? t('bulletins.draft') : t('bulletins.number', { year: bulletin.year, number: bulletin.number }));
  const byId = new Map(data?.items.map((bulletin) => [bulletin.id, bulletin]));

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="admin" data-testid="bulletins-page">
        <h2>{t('bulletins.heading')}</h2>
        {mayIssue && (
          <form className="admin-form" onSubmit={(event) => event.preventDefault()} data-testid="bulletin-issue-form">
            <label>{t('bulletins.day')}<input type="date" value={day} max={now === null ? undefined : chinaDay(now)} onChange={(event) => setDate(event.target.value)} data-testid="bulletin-date" /></label>
            <button type="button" disabled={issuing.isPending || !day} onClick={() => { setShowDrafts(true); issue({ draft: true, date: day }); }} data-testid="bulletin-draft">{t('bulletins.makeDraft')}</button>
            <button type="button" className="primary" disabled={issuing.isPending || !day} onClick={() => issue({ date: day })} data-testid="bulletin-issue">{t('bulletins.issueDaily')}</button>
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
                  <td>{t(`bulletins.seriesNames.${bulletin.series}`)}</td>
                  <td data-testid="bulletin-number">{label(bulletin)}</td>
                  <td>
                    {bulletin.title}
                    {bulletin.correctsId !== null && <small className="muted" data-testid="bulletin-corrects"> {t('bulletins.corrects', { issue: corrected ? label(corrected) : `#${bulletin.correctsId}` })}</small>}
                  </td>
                  <td>{bulletin.firstDay === bulletin.lastDay ? bulletin.lastDay : `${bulletin.firstDay} ~ ${bulletin.lastDay}`}</td>
                  <td>{bulletin.madeBy === 'schedule' ? t('bulletins.bySchedule') : bulletin.madeBy}</td>
                  <td>{formatChinaDateTime(bulletin.madeAt)}</td>
                  <td className="bulletin-files">
                    {Object.entries(bulletin.files).map(([format, address]) => <a key={format} href={address} download data-testid={`bulletin-file-${format}`}>{t(`bulletins.formats.${format}`, { defaultValue: format })}</a>)}
                  </td>
                  {mayIssue && (
                    <td>
                      {bulletin.number !== null && bulletin.series === 'daily' && (correcting === bulletin.id
                        ? <button type="button" className="primary" disabled={issuing.isPending} onClick={() => issue({ corrects: bulletin.id, date: bulletin.lastDay })} data-testid="bulletin-confirm-correction">{t('bulletins.confirmCorrection')}</button>
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
