import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportActions } from '../api/hooks.ts';
import ImportApplyControls from './ImportApplyControls.tsx';
import type { BasemapImportAnswer } from '../../server/schemas/contract.ts';
import CoordinateSystemSelect from './CoordinateSystemSelect.tsx';

const LAYERS = ['roads', 'water', 'parks', 'blocks', 'places'] as const;
const ACCEPTED_FILES = '.zip,.geojson,.json,.kml,.kmz,.xlsx,.csv';

/**
 * A layer of the site's own base map (roads, water, parks, blocks, place names) from a GIS file:
 * a dry run saying what it holds and where, then applying it, which cuts it into the tiles every
 * map draws from.
 */
export default function BasemapImport() {
  const { t } = useTranslation();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [layer, setLayer] = useState<(typeof LAYERS)[number]>('roads');
  const [coordinateSystem, setCoordinateSystem] = useState('');
  const [attributes, setAttributes] = useState<{ nameAttribute?: string; classAttribute?: string }>({});
  const [answer, setAnswer] = useState<BasemapImportAnswer | null>(null);
  const failure = actions.dryRun.error ?? actions.apply.error;
  const report = answer?.report;
  const dryRun = () => file && actions.dryRun.mutate({ file, fields: { kind: 'basemap', layer, coordinateSystem, ...attributes } }, {
    onSuccess: (result) => { if (result.kind === 'basemap') setAnswer(result); },
  });
  const apply = (acceptWarnings: boolean) => answer && actions.apply.mutate({ id: answer.id, acceptWarnings }, { onSuccess: (result) => { if (result.kind === 'basemap') setAnswer(result); } });

  return (
    <>
      <section>
        <h2>{t('imports.basemap.heading')}</h2>
        <p className="muted">{t('imports.basemap.explain')}</p>
        <div className="import-form">
          <label>{t('imports.file')}<input type="file" accept={ACCEPTED_FILES} data-testid="basemap-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} /></label>
          <label>{t('imports.basemap.layer')}
            <select value={layer} onChange={(event) => setLayer(event.target.value as typeof layer)} data-testid="basemap-layer">
              {LAYERS.map((each) => <option key={each} value={each}>{t(`imports.basemap.layers.${each}`)}</option>)}
            </select>
          </label>
          <CoordinateSystemSelect value={coordinateSystem} onChange={setCoordinateSystem} testId="basemap-coordinate-system" fromFile />
          {report && (['nameAttribute', 'classAttribute'] as const).map((name) => (
            <label key={name}>{t(`imports.basemap.${name}`)}
              <select value={attributes[name] ?? report.mapping[name === 'nameAttribute' ? 'name' : 'class'] ?? ''} data-testid={`basemap-${name}`}
                onChange={(event) => setAttributes({ ...attributes, [name]: event.target.value || undefined })}>
                <option value="">{t('imports.none')}</option>
                {report.attributes.map((attribute) => <option key={attribute} value={attribute}>{attribute}</option>)}
              </select>
            </label>
          ))}
          <button type="button" className="primary" disabled={!file || actions.dryRun.isPending} onClick={dryRun} data-testid="basemap-dry-run">
            {actions.dryRun.isPending ? t('imports.checking') : t('imports.dryRun')}
          </button>
        </div>
        {failure && <p className="sign-in-problem" role="alert" data-testid="basemap-problem">{failure.message}</p>}
      </section>
      {report && answer && (
        <section data-testid="basemap-report" data-import-id={answer.id}>
          <h2>{t('imports.report')}</h2>
          <p data-testid="basemap-system">{t('imports.systemUsed')}：{report.coordinateSystem.code} {report.coordinateSystem.name}</p>
          <p data-testid="basemap-kept">{t('imports.basemap.kept', {
            layer: t(`imports.basemap.layers.${report.layer}`),
            kinds: Object.entries(report.kept).map(([kind, count]) => `${t(`imports.basemap.kinds.${kind}`, { defaultValue: kind })} ${count}`).join('、') || '—',
            skipped: report.skipped,
          })}</p>
          <ul className="findings">
            {report.errors.map((error) => <li key={error.code} className="finding finding-error">{t(`imports.basemap.findings.${error.code}`)}</li>)}
            {report.warnings.map((warning) => <li key={warning.code} className="finding finding-warning" data-testid={`basemap-warning-${warning.code}`}>{t(`imports.basemap.findings.${warning.code}`)}</li>)}
          </ul>
          <ImportApplyControls key={answer.id} answer={answer} errors={report.errors.length} warnings={report.warnings.length} pending={actions.apply.isPending}
            onApply={apply} testIdPrefix="basemap">
            {report.applied && <p>{t('imports.basemap.applied', { tiles: report.applied.tiles, dropped: report.applied.dropped.map((each) => t(`imports.basemap.layers.${each}`)).join('、') || '—' })}</p>}
          </ImportApplyControls>
        </section>
      )}
    </>
  );
}
