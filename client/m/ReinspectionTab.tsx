import { useTranslation } from 'react-i18next';
import { useOwnWork } from '../api/hooks.ts';
import { byDistanceFrom } from './field-order.ts';
import { usePhonePosition } from './use-position.ts';
import IssueCard from './IssueCard.tsx';
import { useDrawnCount } from './use-drawn-count.ts';

/** 待复查: rectified problems awaiting the inspector, nearest first from where the phone is. */
export default function ReinspectionTab({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const work = useOwnWork();
  const awaiting = work.data?.reinspection;
  const gps = usePhonePosition();
  const ordered = byDistanceFrom(awaiting?.items ?? [], gps.kind === 'known' ? gps.position : null);
  const drawn = useDrawnCount(ordered.length);
  return (
    <section className="field-list" data-testid="reinspections">
      {work.isPending && <p className="field-empty">{t('field.loading')}</p>}
      {work.isError && <p className="field-empty">{t('field.offlineList')}</p>}
      {awaiting?.items.length === 0 && <p className="field-empty">{t('field.reinspection.none')}</p>}
      {awaiting && gps.kind !== 'known' && <p className="field-hint">{t('field.reinspection.noPosition')}</p>}
      <ul>
        {ordered.slice(0, drawn).map((issue) => (
          <IssueCard key={issue.id} issue={issue} onOpen={onOpen}
            aside={issue.distanceMetres === null ? null : <span data-testid="reinspection-distance">{issue.distanceMetres < 1000
              ? t('field.distance.metres', { metres: Math.round(issue.distanceMetres) })
              : t('field.distance.kilometres', { kilometres: (issue.distanceMetres / 1000).toFixed(1) })}</span>} />
        ))}
      </ul>
    </section>
  );
}
