import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IssueSummary } from '../../server/schemas/contract.ts';
import { api } from '../api/client.ts';
import { thumbnailPhotoId } from '../issue-thumbnail.ts';

/** One problem in a phone list: its photo, what and where, its state, and whatever the list adds (time left, distance). */
export default function IssueCard({ issue, onOpen, aside, urgent = false }: { issue: IssueSummary; onOpen: (id: number) => void; aside?: ReactNode; urgent?: boolean }) {
  const { t } = useTranslation();
  const photoId = thumbnailPhotoId(issue);
  return (
    <li>
      <button type="button" className={urgent ? 'field-card urgent' : 'field-card'} onClick={() => onOpen(issue.id)} data-testid="field-issue" data-issue-id={issue.id} data-code={issue.code}>
        {photoId !== null ? <img src={api.photoPath(photoId, 'thumb')} alt="" width={72} height={72} loading="lazy" /> : <span className="field-card-nophoto" />}
        <span className="field-card-text">
          <strong>{issue.category.name}</strong>
          <span>{issue.address}</span>
          <span className="field-card-meta">{issue.code}</span>
        </span>
        <span className="field-card-aside">
          <span className={`field-card-state state-${issue.state}`} data-testid="field-issue-state">{t(`states.${issue.state}`)}</span>
          {aside}
        </span>
      </button>
    </li>
  );
}
