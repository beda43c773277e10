import { useTranslation } from 'react-i18next';
import type { IssuePhoto } from '../../server/schemas/contract.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { api } from '../api/client.ts';
import './IssuePhotos.css';

/**
 * A problem's photos as evidence: 整改前 (the report's) beside 整改后 (rectifications' and
 * re-inspections'), each with when and how far from the problem it was taken, and whatever
 * makes it doubtful pointed out.
 */
export default function IssuePhotos({ photos }: { photos: readonly IssuePhoto[] }) {
  const { t } = useTranslation();
  if (photos.length === 0) return null;
  const before = photos.filter((photo) => photo.stage === 'report');
  const after = photos.filter((photo) => photo.stage !== 'report');
  return (
    <section className="issue-photos" data-testid="issue-photos">
      <h3>{t('photos.heading')}</h3>
      <div className="photo-columns">
        {([['before', before], ['after', after]] as const).map(([side, shown]) => (
          <div key={side} className="photo-column" data-testid={`issue-photos-${side}`}>
            <h4>{t(`photos.${side}`)}</h4>
            {shown.length === 0 && <p className="muted">{t('photos.none')}</p>}
            {shown.map((photo) => <PhotoFigure key={`${photo.eventId}:${photo.id}`} photo={photo} />)}
          </div>
        ))}
      </div>
    </section>
  );
}

function PhotoFigure({ photo }: { photo: IssuePhoto }) {
  const { t } = useTranslation();
  return (
    <figure className={photo.flags.length > 0 ? 'photo flagged' : 'photo'} data-testid="issue-photo" data-photo-id={photo.id} data-stage={photo.stage}>
      <a href={api.photoPath(photo.id, 'display')} target="_blank" rel="noreferrer" title={t('photos.open')}>
        <img src={api.photoPath(photo.id, 'thumb')} alt={t(`photos.stages.${photo.stage}`)} width={160} height={Math.round(160 * photo.height / photo.width)} loading="lazy" />
      </a>
      <figcaption>
        <strong>{t(`photos.stages.${photo.stage}`)}</strong>
        <span>{photo.takenAt ? t('photos.takenAt', { time: formatChinaDateTime(photo.takenAt) }) : t('photos.noTime')}</span>
        <span>{photo.distanceMetres === null ? t('photos.noPosition') : t('photos.distance', { metres: photo.distanceMetres })}</span>
        {photo.flags.map((flag) => <em key={flag} className="alarm" data-testid="issue-photo-flag">{t(`photos.flags.${flag}`)}</em>)}
      </figcaption>
    </figure>
  );
}
