import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import AppHeader from '../components/AppHeader.tsx';
import { useCoordinateSystems, useGrids, useImportActions, useProposedGrids } from '../api/hooks.ts';
import { formatChinaDateTime } from '../../server/domain/china-time.ts';
import { districtApiPath } from '../api/district.ts';
import type { GridImportAnswer, ImportFields, ImportFinding } from '../../server/schemas/contract.ts';
import OrganizationImport from '../components/OrganizationImport.tsx';
import ProblemImport from '../components/ProblemImport.tsx';
import InspectionImport from '../components/InspectionImport.tsx';

type Fields = Partial<Record<keyof ImportFields, string>>;

const ACCEPTED_FILES = '.zip,.geojson,.json,.kml,.kmz,.xlsx,.csv';

// The map library loads only with the map, keeping it out of the pages that have none.
const ImportPreviewMap = lazy(() => import('../components/ImportPreviewMap.tsx'));

/** A finding as the page lists it: what it is, which grids, how large or far. */
function FindingItem({ finding, onShow }: { finding: ImportFinding; onShow: (at: number[]) => void }) {
  const { t, i18n } = useTranslation();
  const measure = finding.areaSquareMetres !== undefined ? t('imports.area', { area: finding.areaSquareMetres.toLocaleString('zh-CN') })
    : finding.distanceKilometres !== undefined ? t('imports.distance', { distance: finding.distanceKilometres }) : '';
  return (
    <li className={`finding finding-${finding.severity}`} data-testid={`finding-${finding.code}`}>
      <strong>{t(`imports.findings.${finding.code}`)}</strong>
      {finding.gridCodes.length > 0 && <span> · {finding.gridCodes.join('、')}</span>}
      {measure && <span> · {measure}</span>}
      {finding.at && <button type="button" className="link" onClick={() => onShow(finding.at!)}>{t('imports.show')}</button>}
      {i18n.language !== 'zh-CN' && <div className="muted">{finding.message}</div>}
    </li>
  );
}

/** The administrator's import of the district's grid boundaries: a dry run with its report and map, then applying it. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { data: systems } = useCoordinateSystems();
  const { data: grids } = useGrids();
  const actions = useImportActions();
  const [file, setFile] = useState<File | null>(null);
  const [fields, setFields] = useState<Fields>({ defaultKind: 'block' });
  const [answer, setAnswer] = useState<GridImportAnswer | null>(null);
  const [kind, setKind] = useState<'grids' | 'organization' | 'points' | 'problems'>('grids');
  const [accepted, setAccepted] = useState(false);
  const [focus, setFocus] = useState<number[] | null>(null);
  const { data: proposed } = useProposedGrids(answer?.id);
  const report = answer?.report;
  const findings = useMemo(() => (report ? [...report.errors, ...report.warnings] : []), [report]);
  const failure = actions.dryRun.error ?? actions.apply.error;
  const set = (name: keyof ImportFields) => (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value });

  const dryRun = () => file && actions.dryRun.mutate({ file, fields: { ...fields, kind: 'grids' } }, { onSuccess: (result) => { if (result.kind === 'grids') setAnswer(result); setAccepted(false); } });
  const apply = () => answer && actions.apply.mutate({ id: answer.id, acceptWarnings: accepted }, { onSuccess: (result) => { if (result.kind === 'grids') setAnswer(result); } });
  const blocked = !report || report.errors.length > 0 || (report.warnings.length > 0 && !accepted) || answer?.appliedAt !== null;

  return (
    <div className="page page-admin">
      <AppHeader />
      <main className="import-page" data-testid="import-page">
        <div className="import-side">
          <nav className="import-kinds" role="tablist">
            {(['grids', 'organization', 'points', 'problems'] as const).map((each) => (
              <button key={each} type="button" role="tab" aria-selected={kind === each} className={kind === each ? 'selected' : ''} onClick={() => setKind(each)} data-testid={`import-kind-${each}`}>
                {t(`imports.kinds.${each}`)}
              </button>
            ))}
          </nav>
          {kind === 'organization' ? <OrganizationImport /> : kind === 'points' ? <InspectionImport /> : kind === 'problems' ? <ProblemImport /> : <>
          <section>
            <h2>{t('imports.heading')}</h2>
            <p className="muted">{t('imports.explain')}</p>
            <div className="import-form">
              <label>{t('imports.file')}<input type="file" accept={ACCEPTED_FILES} data-testid="import-file" onChange={(event) => setFile(event.target.files?.[0] ?? null)} /></label>
              <label>{t('imports.coordinateSystem')}
                <select value={fields.coordinateSystem ?? ''} onChange={set('coordinateSystem')} data-testid="import-coordinate-system">
                  <option value="">{t('imports.fromFile')}</option>
                  {systems?.systems.map((system) => <option key={system.code} value={system.code}>{system.code} · {system.name}</option>)}
                </select>
              </label>
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
          {report && answer && (
            <section data-testid="import-report" data-import-id={answer.id}>
              <h2>{t('imports.report')}</h2>
              <p>{report.file.name} · {t(`imports.formats.${report.file.format}`)} · {t('imports.features', { count: report.file.features })}
                {report.file.encoding && <> · {report.file.encoding.name.toUpperCase()}</>}</p>
              <p data-testid="import-system">{t('imports.systemUsed')}：{report.coordinateSystem.code} {report.coordinateSystem.name}（{t(`imports.systemFrom.${report.coordinateSystem.from}`)}）</p>
              <p>{t('imports.mapping')}：{t('imports.codeAttribute')} ← {report.mapping.code}，{t('imports.nameAttribute')} ← {report.mapping.name}</p>
              <h3 className={report.errors.length > 0 ? 'alarm' : ''} data-testid="import-error-count">{report.errors.length === 0 ? t('imports.noErrors') : t('imports.errors', { count: report.errors.length })}</h3>
              <ul className="findings" data-testid="import-errors">{report.errors.map((finding, index) => <FindingItem key={index} finding={finding} onShow={setFocus} />)}</ul>
              <h3>{t('imports.warnings', { count: report.warnings.length })}</h3>
              <ul className="findings" data-testid="import-warnings">{report.warnings.map((finding, index) => <FindingItem key={index} finding={finding} onShow={setFocus} />)}</ul>
              <h3>{t('imports.changes')}</h3>
              <p data-testid="import-diff">{t('imports.diff', { added: report.diff.added.length, retired: report.diff.retired.length, changed: report.diff.changed.length, unchanged: report.diff.unchanged })}</p>
              {report.diff.changed.length > 0 && (
                <table className="admin-table">
                  <thead><tr><th>{t('imports.grid')}</th><th>{t('imports.changedFields')}</th><th>{t('imports.areaChange')}</th></tr></thead>
                  <tbody>
                    {report.diff.changed.slice(0, 50).map((change) => (
                      <tr key={change.code}><td>{change.code} {change.name}</td><td>{change.fields.map((field) => t(`imports.fields.${field}`)).join('、')}</td>
                        <td>{change.areaChange >= 0 ? '+' : ''}{change.areaChange.toLocaleString('zh-CN')} m²</td></tr>
                    ))}
                  </tbody>
                </table>
              )}
              {answer.appliedAt ? (
                <p className="import-applied" data-testid="import-applied">{t('imports.applied', { time: formatChinaDateTime(answer.appliedAt), by: answer.appliedBy })}</p>
              ) : report.errors.length > 0 ? (
                <p className="alarm" data-testid="import-blocked">{t('imports.blocked')}</p>
              ) : (
                <div className="import-apply">
                  {report.warnings.length > 0 && (
                    <label><input type="checkbox" checked={accepted} onChange={(event) => setAccepted(event.target.checked)} data-testid="import-accept-warnings" />{t('imports.acceptWarnings')}</label>
                  )}
                  <button type="button" className="primary" disabled={blocked || actions.apply.isPending} onClick={apply} data-testid="import-apply">{t('imports.apply')}</button>
                </div>
              )}
            </section>
          )}
          </>}
        </div>
        <Suspense fallback={<div className="import-map" />}>
          <ImportPreviewMap
            current={grids as unknown as FeatureCollection<Polygon | MultiPolygon> | undefined}
            proposed={proposed} findings={findings} focus={focus}
          />
        </Suspense>
      </main>
    </div>
  );
}
