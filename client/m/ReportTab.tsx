import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionAnswer } from '../../server/schemas/contract.ts';
import type { IssueSource } from '../../server/domain/issue-vocabulary.ts';
import { useCategories, useGridAt, useMostReportedCategories } from '../api/hooks.ts';
import { enqueue, type OutgoingPhoto } from './outbox.ts';
import { usePhonePosition, type PhonePosition } from './use-position.ts';
import PhotoPicker from './PhotoPicker.tsx';

const SmallMap = lazy(() => import('./SmallMap.tsx'));

const NONE: never[] = [];

/** Above this many metres a GPS fix is too loose to place a problem in the right grid: the map is offered. */
const LOOSE_FIX_METRES = 50;

/** 随手拍: photos, where, what kind, a few words; the grid it falls in shown before sending. */
export default function ReportTab({ session, onSent }: { session: SessionAnswer; onSent: () => void }) {
  const { t } = useTranslation();
  const gps = usePhonePosition();
  const [tapped, setTapped] = useState<PhonePosition | null>(null);
  const [showMap, setShowMap] = useState(false);
  const [photos, setPhotos] = useState<OutgoingPhoto[]>([]);
  const [category, setCategory] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const position = tapped ?? (gps.kind === 'known' ? gps.position : null);
  const grid = useGridAt(position).data?.grid;
  const categories = useCategories().data ?? NONE;
  const mostReported = useMostReportedCategories().data ?? NONE;

  const subcategories = useMemo(() => categories.filter((each) => each.parentCode !== null), [categories]);
  const names = useMemo(() => new Map(categories.map((each) => [each.code, each.name])), [categories]);
  const parentName = (code: string | null) => names.get(code ?? '') ?? '';
  // Searching finds a kind by its name, its main category's or its code; without a search, the ten reported most lead.
  const shown = useMemo(() => {
    const words = search.trim();
    if (words) return subcategories.filter((each) => each.name.includes(words) || (names.get(each.parentCode ?? '') ?? '').includes(words) || each.code.includes(words.toLowerCase()));
    const top = mostReported.map((code) => subcategories.find((each) => each.code === code)).filter((each) => each !== undefined);
    return top.length > 0 ? top : subcategories.slice(0, 10);
  }, [search, subcategories, mostReported, names]);
  const chosen = subcategories.find((each) => each.code === category);
  const source: IssueSource = session.account.roles.includes('gridworker') ? 'grid_patrol' : 'regulator_joint_inspection';
  const ready = photos.length > 0 && position !== null && grid?.yours === true && chosen !== undefined && description.trim().length > 0;

  const send = async () => {
    if (!ready) return;
    await enqueue({
      kind: 'report', photos,
      body: {
        category: chosen.code, source, description: description.trim(),
        address: address.trim() || `${grid.name}（${position.longitude.toFixed(6)}, ${position.latitude.toFixed(6)}）`,
        longitude: position.longitude, latitude: position.latitude,
      },
    });
    setPhotos([]);
    setDescription('');
    setAddress('');
    setCategory(null);
    setTapped(null);
    onSent();
  };

  return (
    <form className="field-form" onSubmit={(event) => { event.preventDefault(); void send(); }} data-testid="report-form">
      <section>
        <h2>{t('field.report.photos')}</h2>
        <PhotoPicker photos={photos} onChange={setPhotos} testId="report-photo-input" />
      </section>
      <section>
        <h2>{t('field.report.where')}</h2>
        <p className="field-position" data-testid="report-position">
          {tapped ? t('field.position.tapped')
            : gps.kind === 'known' ? t('field.position.gps', { accuracy: Math.round(gps.position.accuracy ?? 0) })
              : gps.kind === 'waiting' ? t('field.position.waiting') : t(`field.position.${gps.reason}`)}
          {gps.kind === 'known' && (gps.position.accuracy ?? 0) > LOOSE_FIX_METRES && !tapped && <strong className="field-warning"> {t('field.position.loose')}</strong>}
        </p>
        <p className={grid && !grid.yours ? 'field-grid field-warning' : 'field-grid'} data-testid="report-grid">
          {position === null ? '' : grid === undefined ? '…' : grid === null ? t('field.grid.outside') : grid.yours ? t('field.grid.in', { code: grid.code, name: grid.name }) : t('field.grid.notYours', { code: grid.code, name: grid.name })}
        </p>
        <button type="button" className="field-secondary" onClick={() => setShowMap(!showMap)} data-testid="report-map-toggle">
          {showMap ? t('field.position.hideMap') : t('field.position.pickOnMap')}
        </button>
        {showMap && (
          <Suspense fallback={<div className="field-map" />}>
            <SmallMap point={position} onPick={(longitude, latitude) => setTapped({ longitude, latitude, accuracy: null })} />
          </Suspense>
        )}
      </section>
      <section>
        <h2>{t('field.report.category')}</h2>
        {chosen ? (
          <button type="button" className="field-chosen" onClick={() => setCategory(null)} data-testid="report-category-chosen">
            {parentName(chosen.parentCode)} · {chosen.name} <span>{t('field.report.change')}</span>
          </button>
        ) : (
          <>
            <input type="search" placeholder={t('field.report.searchCategory')} value={search} onChange={(event) => setSearch(event.target.value)} data-testid="report-category-search" />
            {!search && <p className="field-hint">{t('field.report.mostReported')}</p>}
            <div className="field-choices">
              {shown.map((each) => (
                <button key={each.code} type="button" onClick={() => { setCategory(each.code); setSearch(''); }} data-testid={`report-category-${each.code}`}>{each.name}</button>
              ))}
            </div>
          </>
        )}
      </section>
      <section>
        <h2>{t('field.report.description')}</h2>
        <textarea rows={3} maxLength={2000} value={description} onChange={(event) => setDescription(event.target.value)} placeholder={t('field.report.descriptionHint')} data-testid="report-description" />
        <input type="text" maxLength={200} value={address} onChange={(event) => setAddress(event.target.value)} placeholder={t('field.report.addressHint')} data-testid="report-address" />
      </section>
      {!ready && <p className="field-hint" data-testid="report-missing">{t('field.report.needs')}</p>}
      <button type="submit" className="field-primary" disabled={!ready} data-testid="report-send">{t('field.report.send')}</button>
    </form>
  );
}
