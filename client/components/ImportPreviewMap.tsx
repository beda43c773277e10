import { useEffect, useRef } from 'react';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { ImportPreviewAdapter } from '../map/import-preview-adapter.ts';
import type { ImportFinding } from '../../server/schemas/contract.ts';

type Polygons = FeatureCollection<Polygon | MultiPolygon>;

/** The dry run drawn over the grids in force; `focus` brings a place into view when it changes. */
export default function ImportPreviewMap({ current, proposed, findings, focus }: {
  current: Polygons | undefined; proposed: Polygons | undefined; findings: readonly ImportFinding[]; focus: readonly number[] | null;
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
  return <div className="import-map" ref={container} data-testid="import-map" />;
}
