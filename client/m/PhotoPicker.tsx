import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTOS_PER_ACTION } from '../../server/domain/photo-evidence.ts';
import { shrinkPhoto } from './photo-shrinking.ts';
import type { OutgoingPhoto } from './outbox.ts';

/** A preview's address for as long as it is shown. */
function usePreview(blob: Blob): string {
  const url = useMemo(() => URL.createObjectURL(blob), [blob]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return url;
}

function Preview({ photo, onRemove }: { photo: OutgoingPhoto; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <figure className="field-photo-preview">
      <img src={usePreview(photo.blob)} alt={photo.name} />
      <button type="button" onClick={onRemove} aria-label={t('field.photos.remove')}>×</button>
    </figure>
  );
}

/** Photos from the camera (or the album), shrunk for sending as they are taken; at most nine. */
export default function PhotoPicker({ photos, onChange, testId }: { photos: OutgoingPhoto[]; onChange: (photos: OutgoingPhoto[]) => void; testId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    try {
      const room = PHOTOS_PER_ACTION - photos.length;
      const shrunk = await Promise.all([...files].slice(0, room).map(shrinkPhoto));
      onChange([...photos, ...shrunk]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="field-photos">
      {photos.map((photo, index) => (
        <Preview key={`${photo.name}-${index}`} photo={photo} onRemove={() => onChange(photos.filter((_, other) => other !== index))} />
      ))}
      {photos.length < PHOTOS_PER_ACTION && (
        <label className="field-photo-add">
          <span>{busy ? t('field.photos.preparing') : t('field.photos.take')}</span>
          <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple data-testid={testId}
            onChange={(event) => { void add(event.target.files); event.target.value = ''; }} />
        </label>
      )}
    </div>
  );
}
