import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useIssueBulletin } from '../api/hooks.ts';
import { ApiError } from '../api/client.ts';

/** The most problems one 督查专报 holds (the server refuses more). */
const MOST_PROBLEMS = 50;

/**
 * 督查专报 on the problems selected in the dispatcher, in the list's order: previewed as a draft
 * (its PDF opened in the browser) or issued with the next number, then found in the archive.
 */
export default function SpecialBulletinBar({ issueIds }: { issueIds: readonly number[] }) {
  const { t } = useTranslation();
  const issuing = useIssueBulletin();
  const made = issuing.data;
  const tooMany = issueIds.length > MOST_PROBLEMS;
  const issue = (draft: boolean) => issuing.mutate({ series: 'special', issueIds: [...issueIds], draft });
  const disabled = issueIds.length === 0 || tooMany || issuing.isPending;

  return (
    <div className="special-bar" data-testid="special-bar">
      <strong>{t('special.heading')}</strong>
      <button type="button" disabled={disabled} onClick={() => issue(true)} data-testid="special-draft">{t('special.draft', { count: issueIds.length })}</button>
      <button type="button" disabled={disabled} onClick={() => issue(false)} data-testid="special-issue">{t('special.issue', { count: issueIds.length })}</button>
      {tooMany && <span className="error">{t('special.tooMany', { count: MOST_PROBLEMS })}</span>}
      {issuing.isError && <span className="error" data-testid="special-error">{issuing.error instanceof ApiError ? issuing.error.message : t('bulletins.failed')}</span>}
      {made && !issuing.isPending && (
        <span data-testid="special-made">
          {made.number === null ? t('bulletins.draft') : t('bulletins.number', { year: made.year, number: made.number })}
          {made.files.pdf && <a href={`${made.files.pdf}?view=inline`} target="_blank" rel="noopener" data-testid="special-read">{t('bulletins.read')}</a>}
          <Link to="/bulletins" data-testid="special-archive">{t('special.archive')}</Link>
        </span>
      )}
    </div>
  );
}
