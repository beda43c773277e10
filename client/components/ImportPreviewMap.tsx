import { useEffect, useEffectEvent, useRef } from 'react';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ImportPreviewAdapter } from '../map/import-preview-adapter.ts';
import type { ImportFinding } from '../../server/schemas/contract.ts';
import type { BoundaryEditing } from './GridEditor.tsx';

type Polygons = FeatureCollection<Polygon | MultiPolygon>;

/**
 * The dry run drawn over the grids in force; `focus` brings a place into view when it changes;
 * `editing` puts one grid's boundary under the drawing tools, and each edit finished is handed back.
 */
export default function ImportPreviewMap({ current, proposed, findings, focus, editing, onRedrawn }: {
  current: Polygons | undefined; proposed: Polygons | undefined; findings: readonly ImportFinding[]; focus: readonly number[] | null;
  editing: BoundaryEditing | null; onRedrawn: (geometry: Polygon) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const adapter = useRef<ImportPreviewAdapter | null>(null);
  useEffect(() => {
    adapter.current = new ImportPreviewAdapter(container.current!);
    return () => {
      adapter.current?.destroy();
      adapter.current = null;
    };
  }, []);
  useEffect(() => { if (current) adapter.current?.setCurrentGrids(current); }, [current]);
  useEffect(() => { adapter.current?.setProposedGrids(proposed ?? null); }, [proposed]);
  useEffect(() => { adapter.current?.setFindings(findings); }, [findings]);
  useEffect(() => { if (focus) adapter.current?.show(focus); }, [focus]);
  const handBack = useEffectEvent(onRedrawn);
  // Started once per grid and boundary: the edits handed back do not restart it.
  const [editedCode, editedBoundary] = [editing?.code, editing?.original];
  useEffect(() => {
    adapter.current?.editBoundary(editedCode && editedBoundary ? { code: editedCode, geometry: editedBoundary } : null, (geometry) => handBack(geometry));
  }, [editedCode, editedBoundary]);
  return <div className="import-map" ref={container} data-testid="import-map" />;
}
