import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Polygon } from 'geojson';
import { useDepartments, useGridEdits, useLeaders } from '../api/hooks.ts';
import type { GridCollection, GridImportAnswer, GridKind, GridResponsibilityBody } from '../../server/schemas/contract.ts';

type Units = GridResponsibilityBody['units'];
const ROLES = ['lead', 'territorial', 'supporting'] as const;

/** A grid's boundary being redrawn on the map: where it started, and the boundary as last drawn. */
export interface BoundaryEditing {
  code: string;
  original: Polygon;
  redrawn: Polygon | null;
}

/**
 * One grid changed in place by the administrator: its name and kind, or its boundary redrawn on
 * the map, each dry-run as an import is (the page shows the report and applies it as a new
 * version); its leader and units saved at once.
 */
export default function GridEditor({ grids, editing, onEditing, onDryRun }: {
  grids: GridCollection | undefined;
  editing: BoundaryEditing | null;
  onEditing: (editing: BoundaryEditing | null) => void;
  onDryRun: (answer: GridImportAnswer) => void;
}) {
  const { t } = useTranslation();
  const { data: leaders } = useLeaders();
  const { data: departments } = useDepartments();
  const edits = useGridEdits();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<GridKind>('block');
  const [leader, setLeader] = useState('');
  const [units, setUnits] = useState<Units>({ lead: [], territorial: [], supporting: [] });
  const [saved, setSaved] = useState(false);
  const grid = grids?.features.find((feature) => feature.properties.code === code);
  const failure = edits.dryRun.error ?? edits.changeResponsibility.error;

  const choose = (chosen: string) => {
    const feature = grids?.features.find((each) => each.properties.code === chosen);
    setCode(chosen);
    setSaved(false);
    onEditing(null);
    if (!feature) return;
    setName(feature.properties.name);
    setKind(feature.properties.kind);
    setLeader(feature.properties.leader?.name ?? '');
    setUnits(Object.fromEntries(ROLES.map((role) => [role, feature.properties.departments.filter((unit) => unit.role === role).map((unit) => unit.name)])) as Units);
  };
  const dryRun = (body: Parameters<typeof edits.dryRun.mutate>[0]['body']) =>
    edits.dryRun.mutate({ code, body }, { onSuccess: (answer) => { if (answer.kind === 'grids') onDryRun(answer); onEditing(null); } });
  const saveResponsibility = () => edits.changeResponsibility.mutate({ code, body: { leader, units } }, { onSuccess: () => setSaved(true) });
  const renamed = grid && (name.trim() !== grid.properties.name || kind !== grid.properties.kind);

  return (
    <section data-testid="grid-editor">
      <h2>{t('gridEdit.heading')}</h2>
      <p className="muted">{t('gridEdit.explain')}</p>
      <div className="import-form">
        <label>{t('gridEdit.grid')}
          <select value={code} onChange={(event) => choose(event.target.value)} data-testid="grid-edit-select">
            <option value="">{t('gridEdit.choose')}</option>
            {grids?.features.map((feature) => <option key={feature.properties.code} value={feature.properties.code}>{feature.properties.code} {feature.properties.name}</option>)}
          </select>
        </label>
      </div>
      {grid && (
        <>
          <h3>{t('gridEdit.nameAndKind')}</h3>
          <div className="import-form">
            <label>{t('gridEdit.name')}<input value={name} maxLength={60} onChange={(event) => setName(event.target.value)} data-testid="grid-edit-name" /></label>
            <label>{t('gridEdit.kind')}
              <select value={kind} onChange={(event) => setKind(event.target.value as GridKind)} data-testid="grid-edit-kind">
                <option value="block">{t('grids.block')}</option>
                <option value="strip">{t('grids.strip')}</option>
              </select>
            </label>
            <button type="button" className="primary" disabled={!renamed || !name.trim() || edits.dryRun.isPending} onClick={() => dryRun({ name: name.trim(), kind })} data-testid="grid-edit-dry-run">
              {t('gridEdit.check')}
            </button>
          </div>

          <h3>{t('gridEdit.boundary')}</h3>
          {grid.geometry.type !== 'Polygon' ? <p className="muted">{t('gridEdit.multiPart')}</p> : editing ? (
            <div className="import-apply">
              <p className="muted">{t('gridEdit.redrawHelp')}</p>
              <button type="button" className="primary" disabled={!editing.redrawn || edits.dryRun.isPending} onClick={() => dryRun({ geometry: editing.redrawn! })} data-testid="grid-edit-check-boundary">
                {t('gridEdit.checkBoundary')}
              </button>
              <button type="button" onClick={() => onEditing(null)}>{t('gridEdit.cancelRedraw')}</button>
            </div>
          ) : (
            <button type="button" onClick={() => onEditing({ code, original: grid.geometry as Polygon, redrawn: null })} data-testid="grid-edit-redraw">{t('gridEdit.redraw')}</button>
          )}

          <h3>{t('gridEdit.responsibility')}</h3>
          <div className="import-form grid-edit-units">
            <label>{t('gridEdit.leader')}
              <select value={leader} onChange={(event) => setLeader(event.target.value)} data-testid="grid-edit-leader">
                {!leader && <option value="">{t('gridEdit.choose')}</option>}
                {leaders?.map((each) => <option key={each.id} value={each.name}>{each.name}（{each.title}）</option>)}
              </select>
            </label>
            {ROLES.map((role) => (
              <label key={role}>{t(`gridEdit.roles.${role}`)}
                <select multiple size={5} value={units[role]} data-testid={`grid-edit-${role}`}
                  onChange={(event) => setUnits({ ...units, [role]: [...event.target.selectedOptions].map((option) => option.value) })}>
                  {departments?.map((department) => <option key={department.id} value={department.name}>{department.name}</option>)}
                </select>
              </label>
            ))}
            <button type="button" className="primary" disabled={!leader || edits.changeResponsibility.isPending} onClick={saveResponsibility} data-testid="grid-edit-save-responsibility">
              {t('gridEdit.save')}
            </button>
          </div>
          {saved && <p className="import-applied" data-testid="grid-edit-saved">{t('gridEdit.saved')}</p>}
        </>
      )}
      {failure && <p className="sign-in-problem" role="alert" data-testid="grid-edit-problem">{failure.message}</p>}
    </section>
  );
}
