import { useTranslation } from 'react-i18next';
import { useIssues } from '../api/hooks.ts';
import { byDistanceFrom } from './field-order.ts';
import { usePhonePosition } from './use-position.ts';
import IssueCard from './IssueCard.tsx';

const SHOWN = 1000;

/** 待复查: rectified problems awaiting the inspector, nearest first from where the phone is. */
export default function ReinspectionTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const awaiting = useIssues({ state: 'rectified', limit: SHOWN });
  const gps = usePhonePosition();
  const ordered = byDistanceFrom(awaiting.data?.items ?? [], gps.kind === 'known' ? gps.position : null);
  return (
    <section className="field-list" data-testid="reinspections">
      {awaiting.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {awaiting.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {awaiting.data?.items.length === 0 && <p className="field-empty">{t('field.reinspection.none')}</p>}
      {awaiting.data && gps.kind !== 'known' && <p className="field-hint">{t('field.reinspection.noPosition')}</p>}
      <ul>
        {ordered.map((issue) => (
          <IssueCard key={issue.id} issue={issue} onOpen={onOpen}
            aside={issue.distanceMetres === null ? null : <span data-testid="reinspection-distance">{issue.distanceMetres < 1000
              ? t('field.distance.metres', { metres: Math.round(issue.distanceMetres) })
              : t('field.distance.kilometres', { kilometres: (issue.distanceMetres / 1000).toFixed(1) })}</span>} />
        ))}
      </ul>
    </section>
  );
}
