import { useTranslation } from 'react-i18next';

/** What to show while a query loads or after it failed. */
export default function QueryStatus({ error }: { error: Error | null }) {
  const { t } = useTranslation();
  return (
    <p className={error ? 'status status-error' : 'status'} data-testid="query-status">
      {error ? t('status.failed', { message: error.message }) : t('status.loading')}
    </p>
  );
}
