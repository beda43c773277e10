import { useTranslation } from 'react-i18next';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { discard, sendWaiting, type Outgoing } from './outbox.ts';

/** What is still on the phone: why each has not gone, a button to try now, and for a refused one, to let it go. */
export default function OutboxList({ items, onClose }: { items: Outgoing[]; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="field-sheet" role="dialog" aria-modal="true" data-testid="outbox">
      <header className="field-sheet-header">
        <button type="button" onClick={onClose}>‹ {t('field.back')}</button>
        <strong>{t('field.outbox.heading')}</strong>
      </header>
      <div className="field-sheet-body">
        <p className="field-hint">{t('field.outbox.explain')}</p>
        <ul className="field-waiting">
          {items.map((item) => (
            <li key={item.key}>
              <strong>{item.kind === 'report' ? t('actions.report') : `${t(`actions.${item.body.action}`)} ${item.issueCode}`}</strong>
              <span>{formatChinaDateTime(item.createdAt)} · {t('field.outbox.photos', { count: item.photos.length })}</span>
              {item.refusal && (
                <>
                  <span className="field-warning">{t('field.outbox.refused', { reason: item.refusal })}</span>
                  <button type="button" className="field-secondary" onClick={() => void discard(item.key)}>{t('field.outbox.discard')}</button>
                </>
              )}
            </li>
          ))}
        </ul>
        <button type="button" className="field-primary" onClick={() => void sendWaiting()}>{t('field.outbox.sendNow')}</button>
      </div>
    </div>
  );
}
