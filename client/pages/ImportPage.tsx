import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import AppHeader from '../components/AppHeader.tsx';
import { useGrids, useImportActions, useProposedGrids } from '../api/hooks.ts';
import { districtApiPath } from '../api/district.ts';
import type { GridImportAnswer, ImportFields } from '../../server/schemas/contract.ts';
import GridImportReport from '../components/GridImportReport.tsx';
import GridEditor, { type BoundaryEditing } from '../components/GridEditor.tsx';
import OrganizationImport from '../components/OrganizationImport.tsx';
import ProblemImport from '../components/ProblemImport.tsx';
import InspectionImport from '../components/InspectionImport.tsx';
import BasemapImport from '../components/BasemapImport.tsx';
import CoordinateSystemSelect from '../components/CoordinateSystemSelect.tsx';

type Fields = Partial<Record<keyof ImportFields, string>>;

const IMPORT_KINDS = ['grids', 'organization', 'points', 'problems', 'basemap', 'edit'] as const;

const ACCEPTED_FILES = '.zip,.geojson,.json,.kml,.kmz,.xlsx,.csv';

// The map library loads only with the map, keeping it out of the pages that have none.
const ImportPreviewMap = lazy(() => import('../components/ImportPreviewMap.tsx'));

/** The administrator's import of the district's grid boundaries: a dry run with its report and map, then applying it. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { data: grids } = useGrids();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [fields, setFields] = useState<Fields>({ defaultKind: 'block' });
  const [answer, setAnswer] = useState<GridImportAnswer | null>(null);
  const [kind, setKind] = useState<(typeof IMPORT_KINDS)[number]>('grids');
  const [focus, setFocus] = useState<number[] | null>(null);
  const [editing, setEditing] = useState<BoundaryEditing | null>(null);
  const { data: proposed } = useProposedGrids(answer?.id);
  const report = answer?.report;
  const findings = useMemo(() => (report ? [...report.errors, ...report.warnings] : []), [report]);
  const failure = actions.dryRun.error;
  const set = (name: keyof ImportFields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });

  const dryRun = () => file && actions.dryRun.mutate({ file, fields: { ...fields, kind: 'grids' } }, { onSuccess: (result) => { if (result.kind === 'grids') setAnswer(result); } });
  const choose = (each: (typeof IMPORT_KINDS)[number]) => {
    setKind(each);
    setAnswer(null);
    setEditing(null);
  };

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="import-page" data-testid="import-page">
        <div className="import-side">
          <nav className="import-kinds" role="tablist">
            {IMPORT_KINDS.map((each) => (
              <button key={each} type="button" role="tab" aria-selected={kind === each} className={kind === each ? 'selected' : ''} onClick={() => choose(each)} data-testid={`import-kind-${each}`}>
                {t(`imports.kinds.${each}`)}
              </button>
            ))}
          </nav>
          {kind === 'organization' ? <OrganizationImport /> : kind === 'points' ? <InspectionImport /> : kind === 'problems' ? <ProblemImport /> : kind === 'basemap' ? <BasemapImport /> : kind === 'edit' ? <>
            <GridEditor grids={grids} editing={editing} onDryRun={setAnswer} onEditing={(next) => {
              setEditing(next);
              // The map shows the boundary being drawn, not an earlier dry run's grids.
              if (next) setAnswer(null);
            }} />
            {answer && <GridImportReport key={answer.id} answer={answer} onApplied={setAnswer} onShow={setFocus} />}
          </> : <>
          <section>
            <h2>{t('imports.heading')}</h2>
            <p className="muted">{t('imports.explain')}</p>
            <div className="import-form">
              <label>{t('imports.file')}<input type="file" accept={ACCEPTED_FILES} data-testid="import-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} /></label>
              <CoordinateSystemSelect value={fields.coordinateSystem ?? ''} onChange={(code) => setFields({ ...fields, coordinateSystem: code })} testId="import-coordinate-system" fromFile />
              <label>{t('imports.defaultKind')}
                <select value={fields.defaultKind} onChange={set('defaultKind')}>
                  <option value="block">{t('grids.block')}</option>
                  <option value="strip">{t('grids.strip')}</option>
                </select>
              </label>
              <label>{t('imports.encoding')}
                <select value={fields.encoding ?? ''} onChange={set('encoding')}>
                  <option value="">{t('imports.fromFile')}</option>
                  <option value="gbk">GBK</option>
                  <option value="utf-8">UTF-8</option>
                </select>
              </label>
              {report && (['codeAttribute', 'nameAttribute', 'kindAttribute', 'streetAttribute'] as const).map((name) => (
                <label key={name}>{t(`imports.${name}`)}
                  <select value={fields[name] ?? report.mapping[name.replace('Attribute', '') as 'code'] ?? ''} onChange={set(name)} data-testid={`import-${name}`}>
                    <option value="">{t('imports.none')}</option>
                    {report.attributes.map((attribute) => <option key={attribute} value={attribute}>{attribute}</option>)}
                  </select>
                </label>
              ))}
              <button type="button" className="primary" disabled={!file || actions.dryRun.isPending} onClick={dryRun} data-testid="import-dry-run">
                {actions.dryRun.isPending ? t('imports.checking') : t('imports.dryRun')}
              </button>
            </div>
            {failure && <p className="sign-in-problem" role="alert" data-testid="import-problem">{failure.message}</p>}
          </section>
          <section>
            <h2>{t('imports.exportHeading')}</h2>
            <p className="import-exports">
              <a href={districtApiPath('/exports/grids.geojson')} download data-testid="export-geojson">GeoJSON（WGS84）</a>
              <a href={districtApiPath('/exports/grids.zip?crs=EPSG:4490')} download data-testid="export-shapefile">Shapefile（CGCS2000，GBK）</a>
            </p>
          </section>
          {answer && <GridImportReport key={answer.id} answer={answer} onApplied={setAnswer} onShow={setFocus} />}
          </>}
        </div>
        <Suspense fallback={<div className="import-map" />}>
          <ImportPreviewMap
            current={grids as unknown as FeatureCollection<Polygon | MultiPolygon> | undefined}
            proposed={proposed} findings={findings} focus={focus}
            editing={editing} onRedrawn={(geometry) => setEditing((before) => before && { ...before, redrawn: geometry })}
          />
        </Suspense>
      </main>
    </div>
  );
}
