import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBulkAction, useCategories, useDepartments, useGrids, useIssues } from '../api/hooks.ts';
import { api } from '../api/client.ts';
import { thumbnailPhotoId } from '../issue-thumbnail.ts';
import { ApiError } from '../api/client.ts';
import { usePermission } from '../api/session.ts';
import type { BulkActionBody, BulkResult, IssueSummary } from '../../server/schemas/contract.ts';
import { DUE_FILTERS, type DueFilter } from '../../server/domain/deadline-filter.ts';
import { formatChinaShortDateTime } from '../../server/domain/china-time.ts';
import { serverNow } from '../api/server-clock.ts';
import { ISSUE_SOURCES, ISSUE_STATES } from '../../server/domain/issue-vocabulary.ts';
import AppHeader from '../components/AppHeader.tsx';
import QueryStatus from '../components/QueryStatus.tsx';
import BulkActionBar from '../components/BulkActionBar.tsx';
import SpecialBulletinBar from '../components/SpecialBulletinBar.tsx';
import { positionsOfIssues } from '../map/issue-layer-data.ts';
import { combineSelection } from '../map/issue-selection.ts';
import { selectByClick, undoOf, type DoneBulkAction } from '../dispatch-selection.ts';
import { refusalText } from '../api/refusal-text.ts';

/** Every problem, or those falling due soon, as the server judges on its clock. */
const DEADLINE_FILTERS: readonly (DueFilter | 'any')[] = ['any', ...DUE_FILTERS];

const MapView = lazy(() => import('../components/MapView.tsx'));

type SortKey = 'reportedAt' | 'deadlineAt' | 'grid' | 'department' | 'category';

const formatTime = (instant: string | null) => (instant ? formatChinaShortDateTime(instant) : '—');

const SORTS: Record<SortKey, (a: IssueSummary, b: IssueSummary) => number> = {
  reportedAt: (a, b) => b.reportedAt.localeCompare(a.reportedAt),
  deadlineAt: (a, b) => (a.deadlineAt ?? '9').localeCompare(b.deadlineAt ?? '9'),
  grid: (a, b) => a.grid.code.localeCompare(b.grid.code),
  department: (a, b) => (a.department?.name ?? '').localeCompare(b.department?.name ?? '', 'zh-CN'),
  category: (a, b) => a.category.code.localeCompare(b.category.code),
};

/** Most problems the list loads at once; the dispatcher narrows the filters past that. */
const LIST_LIMIT = 1000;

type Notice = { kind: 'done' | 'refused' | 'failed'; text: string; refusals?: BulkResult['outcomes'] };

/**
 * `/dispatch`: the dispatcher's list and map of the same problems. Select on either (click,
 * Ctrl-click, Shift-click; on the map Shift+drag for a box, Alt+drag for a lasso), then act on
 * the selection at once; the last action can be undone.
 */
export default function DispatchPage() {
  const { t } = useTranslation();
  const [state, setState] = useState('assigned,in_progress');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [gridCode, setGridCode] = useState<string | null>(null);
  const [category, setCategory] = useState('');
  const [source, setSource] = useState('');
  const [departmentFilter, setDepartmentFilter] = useState('');
  const [sortKey, setSortKey] = useState<SortKey>('reportedAt');
  const [deadlineFilter, setDeadlineFilter] = useState<DueFilter | 'any'>('any');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [anchor, setAnchor] = useState<number | null>(null);
  const mayBulk = usePermission('bulk');
  const mayIssue = usePermission('issuing');
  const [notice, setNotice] = useState<Notice | null>(null);
  const [lastDone, setLastDone] = useState<DoneBulkAction | null>(null);
  const { data: grids } = useGrids();
  const { data: departments } = useDepartments();
  const { data: categories } = useCategories();
  const filters = {
    state: state || undefined, overdue: overdueOnly ? true : undefined, due: deadlineFilter === 'any' ? undefined : deadlineFilter, grid: gridCode ?? undefined,
    category: category || undefined, source: source || undefined, department: departmentFilter ? Number(departmentFilter) : undefined,
  };
  const { data: issues, error } = useIssues({ ...filters, limit: LIST_LIMIT });
  const bulk = useBulkAction();
  const items = useMemo(() => [...(issues?.items ?? [])].sort(SORTS[sortKey]), [issues, sortKey]);
  const listedIds = useMemo(() => items.map((issue) => issue.id), [items]);
  const positions = useMemo(() => positionsOfIssues(items), [items]);
  const selectedGrid = useMemo(() => ({ code: gridCode, source: 'app' as const }), [gridCode]);
  // Only what is listed can be acted on: a refreshed list drops problems that left the filter.
  const selectedItems = items.filter((issue) => selected.has(issue.id));

  // A selection made on the map brings its first problem into view in the list.
  const listRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    const first = listedIds.find((id) => selected.has(id));
    if (first !== undefined) listRef.current?.querySelector(`[data-issue-id="${first}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [selected, listedIds]);

  const selectOnMap = useCallback((ids: number[], extend: boolean) => setSelected((current) => combineSelection(current, ids, extend)), []);

  const run = async (bodies: BulkActionBody[], done?: DoneBulkAction['action']) => {
    const before = selectedItems.map((issue) => ({ id: issue.id, state: issue.state, department: issue.department, deadlineAt: issue.deadlineAt }));
    try {
      let changed = 0;
      let versions = new Map<number, number>();
      for (const body of bodies) {
        const result = await bulk.mutateAsync(body);
        changed += result.outcomes.length;
        versions = new Map([...versions, ...result.outcomes.map((outcome) => [outcome.id, outcome.version!] as const)]);
      }
      setNotice({ kind: 'done', text: t('dispatch.done', { count: changed }) });
      setLastDone(done ? { action: done, before: before.map((entry) => ({ ...entry, versionAfter: versions.get(entry.id)! })) } : null);
    } catch (caught) {
      const body = caught instanceof ApiError ? (caught.body as Partial<BulkResult> | null) : null;
      setNotice(body?.outcomes
        ? { kind: 'refused', text: t('dispatch.refused', { count: body.outcomes.filter((outcome) => !outcome.ok).length }), refusals: body.outcomes.filter((outcome) => !outcome.ok) }
        : { kind: 'failed', text: (caught as Error).message });
    }
  };

  const runOnSelection = (fields: Omit<BulkActionBody, 'items'>) =>
    run([{ ...fields, items: selectedItems.map((issue) => ({ id: issue.id, version: issue.version })) }], fields.action);

  const undo = () => {
    if (!lastDone) return;
    const plan = undoOf(lastDone, serverNow());
    if ('impossible' in plan) setNotice({ kind: 'failed', text: t('dispatch.cannotUndo', { reason: plan.impossible }) });
    else void run(plan.body).then(() => setLastDone(null));
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
      const command = event.ctrlKey || event.metaKey;
      if (event.key === 'Escape') setSelected(new Set());
      else if (command && event.key === 'a') {
        event.preventDefault();
        setSelected(new Set(listedIds));
      } else if (command && event.key === 'z') {
        event.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const header = (key: SortKey, label: string) => (
    <th><button type="button" className={sortKey === key ? 'sort active' : 'sort'} onClick={() => setSortKey(key)} data-testid={`sort-${key}`}>{label}</button></th>
  );

  return (
    <div className="page page-dispatch">
      <AppHeader />
      <main className="workspace">
        <section className="sidebar wide" data-testid="issue-list">
          <h2 data-testid="issue-list-heading">{t('dispatch.heading')} <small data-testid="issue-total">{issues ? t('dispatch.total', { count: issues.total }) : ''}</small>
            <span className="list-exports">
              <a href={api.problemExportPath('xlsx', filters)} download data-testid="export-problems-xlsx">{t('dispatch.exportXlsx')}</a>
              <a href={api.problemExportPath('csv', filters)} download data-testid="export-problems-csv">{t('dispatch.exportCsv')}</a>
            </span>
          </h2>
          <div className="filters" data-testid="issue-filters">
            <select value={state} onChange={(event) => setState(event.target.value)} data-testid="state-filter">
              <option value="">{t('dispatch.allStates')}</option>
              <option value="assigned,in_progress">{t('states.assigned')} + {t('states.in_progress')}</option>
              {ISSUE_STATES.map((value) => <option key={value} value={value}>{t(`states.${value}`)}</option>)}
            </select>
            <select value={category} onChange={(event) => setCategory(event.target.value)} data-testid="category-filter">
              <option value="">{t('issueLayer.allCategories')}</option>
              {(categories ?? []).filter((entry) => entry.parentCode === null).map((entry) => <option key={entry.code} value={entry.code}>{entry.name}</option>)}
            </select>
            <select value={source} onChange={(event) => setSource(event.target.value)} data-testid="source-filter">
              <option value="">{t('issueLayer.allSources')}</option>
              {ISSUE_SOURCES.map((value) => <option key={value} value={value}>{t(`sources.${value}`)}</option>)}
            </select>
            <select value={departmentFilter} onChange={(event) => setDepartmentFilter(event.target.value)} data-testid="department-filter">
              <option value="">{t('dispatch.allDepartments')}</option>
              {(departments ?? []).map((entry) => <option key={entry.id} value={entry.id}>{entry.name}</option>)}
            </select>
            <select value={deadlineFilter} onChange={(event) => setDeadlineFilter(event.target.value as DueFilter | 'any')} data-testid="deadline-filter">
              {DEADLINE_FILTERS.map((value) => <option key={value} value={value}>{t(`dispatch.due.${value}`)}</option>)}
            </select>
            <label><input type="checkbox" checked={overdueOnly} onChange={(event) => setOverdueOnly(event.target.checked)} data-testid="overdue-filter" /> {t('dispatch.overdueOnly')}</label>
            {gridCode && <button type="button" onClick={() => setGridCode(null)}>{gridCode} ×</button>}
          </div>
          {mayBulk && (
            <BulkActionBar count={selectedItems.length} departments={departments ?? []} busy={bulk.isPending}
              onRun={(fields) => void runOnSelection(fields)} onUndo={lastDone ? undo : null} />
          )}
          {mayIssue && selectedItems.length > 0 && <SpecialBulletinBar issueIds={selectedItems.map((issue) => issue.id)} />}
          {notice && (
            <div className={`notice notice-${notice.kind}`} data-testid="dispatch-notice" data-kind={notice.kind}>
              <strong>{notice.text}</strong>
              {notice.refusals && (
                <ul>
                  {notice.refusals.map((refusal) => (
                    <li key={refusal.id} title={refusal.message}>
                      {refusal.current && refusal.allowed === undefined
                        ? t('dispatch.changedMeanwhile', { code: refusal.current.code, version: refusal.current.version, state: t(`states.${refusal.current.state}`) })
                        : refusal.current && refusal.allowed
                          ? t('dispatch.notAllowed', { code: refusal.current.code, state: t(`states.${refusal.current.state}`), allowed: refusal.allowed.map((action) => t(`actions.${action as 'void'}`)).join('、') || '—' })
                          : refusalText(t, refusal) ?? refusal.message}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {!issues && <QueryStatus error={error} />}
          <table className="dispatch-issues">
            <thead data-testid="issue-table-head">
              <tr>{header('reportedAt', t('dispatch.reportedAt'))}{header('grid', t('dispatch.grid'))}{header('category', t('dispatch.category'))}{header('department', t('dispatch.department'))}{header('deadlineAt', t('dispatch.deadline'))}</tr>
            </thead>
            <tbody ref={listRef}>
              {items.map((issue) => (
                <tr key={issue.id} className={[issue.overdue ? 'overdue' : '', selected.has(issue.id) ? 'selected' : ''].join(' ')} data-testid="issue-row" data-issue-id={issue.id}
                  aria-selected={selected.has(issue.id)}
                  onClick={(event) => {
                    setSelected(selectByClick(selected, listedIds, anchor, issue.id, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey }));
                    if (!event.shiftKey) setAnchor(issue.id);
                  }}>
                  <td>{formatTime(issue.reportedAt)}</td>
                  <td><button type="button" className="link" onClick={(event) => { event.stopPropagation(); setGridCode(issue.grid.code); }}>{issue.grid.name}</button></td>
                  <td className="dispatch-problem">
                    {thumbnailPhotoId(issue) !== null && (
                      <img src={api.photoPath(thumbnailPhotoId(issue)!, 'thumb')} alt="" width={40} height={40} loading="lazy" data-testid="issue-row-photo" />
                    )}
                    <span>{issue.category.name}<br /><span className="muted">{t(`states.${issue.state}`)} · {t(`sources.${issue.source}`)}</span></span>
                  </td>
                  <td data-testid="issue-department">{issue.department?.name ?? '—'}</td>
                  <td>{formatTime(issue.deadlineAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="map-area">
          <Suspense fallback={null}>
            <MapView theme="light" grids={grids} metric="composite" selectedGrid={selectedGrid} onGridClick={setGridCode}
              issuePositions={positions} issueDotsAtEveryZoom selectedIssues={selected} onSelectIssues={selectOnMap} showInspectionPoints={false} />
          </Suspense>
          <div className="map-hint">{t('dispatch.mapHint')}</div>
        </section>
      </main>
    </div>
  );
}
