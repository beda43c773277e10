import type {
  Account, AccountChangeBody, AccountList, AuditPage, AuditQuery, NewAccountBody, NewScreenDevice, PasswordChangeBody, ScreenDevice,
  ScreenDeviceList, SessionAnswer, SignInBody, CoordinateSystemList, ImportFields, SetupBody, SetupStatus, GridKind, ImportAnswer, ImportList,
  BulkActionBody, BulkResult, Category, City, ClientSettings, District, Department, GridCollection, GridDetail, InspectionPointSummary, IssueActionBody,
  IssueDetail, IssueList, IssuePositionsQuery, IssueQuery, Leader, PerformanceList, PerformanceUnitKind, RankedUnitKind, Rankings,
  GridEditBody, GridResponsibilityBody, OldestOverdue, ScreenToday, Street, Trend, TrendInterval, WindowQuery, ReportIssueBody, UploadedPhoto, GridAt, OwnWork, Bulletin, BulletinList, BulletinListQuery, NewBulletinBody,
} from '../../server/schemas/contract.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { decodeIssuePositions, type IssuePositions } from '../../server/schemas/issue-positions-format.ts';
import i18next from 'i18next';
import { learnServerTime } from './server-clock.ts';
import { refusalText } from './refusal-text.ts';
import { districtApiPath } from './district.ts';
import { credentialHeaders, deviceQuery, endSession } from './session.ts';

/**
 * The typed API. Components never call fetch; they use the hooks built on this module. Every
 * request and response type comes from the server's contract. Windows of days are asked for
 * relative to the server's today (`days`, `period`), never worked out from the browser's clock.
 */

export class ApiError extends Error {
  /**
   * `message` is the refusal in the reader's language; `body` is the error as the server sent it
   * (its English message, code and parameters): a conflict carries the problem as it now is, a
   * bulk refusal each item's outcome.
   */
  constructor(readonly status: number, message: string, readonly body: Record<string, unknown> | null = null) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * A successful response, or an ApiError carrying the message and body the server gave. Either way
 * the server's time is learnt. A 401 means the session is over: the page goes back to signing in.
 */
async function fetchOk(path: string, accept: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(path, { ...init, headers: { accept, ...credentialHeaders(init.method ?? 'GET'), ...init.headers } });
  learnServerTime(response.headers.get('x-server-time'));
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ({ message?: string; code?: string } & Record<string, unknown>) | null;
    // Said in the reader's language from the refusal's code; the server's English stays in `body.message`.
    const error = new ApiError(response.status, refusalText(i18next.t, body) ?? body?.message ?? `${response.status} ${response.statusText}`, body);
    if (response.status === 401 && path !== '/api/session') endSession(body?.code ?? null);
    throw error;
  }
  return response;
}

async function sendJson<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const response = await fetchOk(path, 'application/json', {
    method, ...(body === undefined ? { headers } : { body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } }),
  });
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const postJson = <T>(path: string, body: unknown) => sendJson<T>('POST', path, body);

/** A write the server does once however often it is sent: a retry after a lost answer is answered as the first. */
const postOnce = <T>(path: string, body: unknown, idempotencyKey: string) => sendJson<T>('POST', path, body, { 'idempotency-key': idempotencyKey });

async function getJson<T>(path: string): Promise<T> {
  return (await (await fetchOk(path, 'application/json')).json()) as T;
}

async function getIssuePositions(path: string): Promise<IssuePositions> {
  return decodeIssuePositions(await (await fetchOk(path, 'application/octet-stream')).arrayBuffer());
}

function queryString(parameters: object): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(parameters)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const api = {
  session: () => getJson<SessionAnswer>('/api/session'),
  signIn: (body: SignInBody) => postJson<SessionAnswer>('/api/session', body),
  signOut: () => sendJson<void>('DELETE', '/api/session'),
  changePassword: (body: PasswordChangeBody) => sendJson<void>('PUT', '/api/session/password', body),
  /** Its address is the one the phone app's page preloads: keep the two the same. */
  ownWork: () => getJson<OwnWork>('/api/session/work'),
  accounts: () => getJson<AccountList>('/api/accounts'),
  createAccount: (body: NewAccountBody) => postJson<Account>('/api/accounts', body),
  changeAccount: (username: string, body: AccountChangeBody) => sendJson<Account>('PATCH', `/api/accounts/${encodeURIComponent(username)}`, body),
  endSessions: (username: string) => postJson<{ ended: number }>(`/api/accounts/${encodeURIComponent(username)}/sessions/end`, {}),
  screenDevices: () => getJson<ScreenDeviceList>('/api/screen-devices'),
  createScreenDevice: (name: string) => postJson<NewScreenDevice>('/api/screen-devices', { name }),
  revokeScreenDevice: (id: number) => postJson<ScreenDevice>(`/api/screen-devices/${id}/revoke`, {}),
  audit: (query: Partial<AuditQuery>) => getJson<AuditPage>(`/api/audit${queryString(query)}`),
  coordinateSystems: () => getJson<CoordinateSystemList>('/api/coordinate-systems'),
  imports: () => getJson<ImportList>('/api/imports'),
  /** A dry run: the file and its fields as multipart/form-data; the browser sets the boundary. */
  dryRunImport: async (file: File, fields: Partial<Record<keyof ImportFields, string>>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries({ kind: 'grids', ...fields })) if (value) form.set(name, value);
    form.set('file', file, file.name);
    return (await (await fetchOk('/api/imports', 'application/json', { method: 'POST', body: form })).json()) as ImportAnswer;
  },
  proposedGrids: (id: string) => getJson<FeatureCollection<Polygon | MultiPolygon, { code: string; name: string; kind: GridKind }>>(`/api/imports/${id}/grids`),
  applyImport: (id: string, acceptWarnings: boolean) => postJson<ImportAnswer>(`/api/imports/${id}/apply`, { acceptWarnings }),
  /** A dry run of one grid changed: applied as an import is. */
  editGrid: (code: string, body: GridEditBody) => postJson<ImportAnswer>(`/api/grids/${encodeURIComponent(code)}/edits`, body),
  changeGridResponsibility: (code: string, body: GridResponsibilityBody) => sendJson<void>('PUT', `/api/grids/${encodeURIComponent(code)}/responsibility`, body),
  auditExportPath: (query: Partial<AuditQuery>) => `/api/audit/export${queryString(query)}`,
  /** Every problem the list's filters match, as a file: the address for a download link. */
  problemExportPath: (format: 'csv' | 'xlsx', filters: IssuePositionsQuery) => districtApiPath(`/exports/problems.${format}${queryString(filters)}`),
  clientSettings: () => getJson<ClientSettings>('/api/client-settings'),
  setupStatus: () => getJson<SetupStatus>('/api/setup'),
  setup: (body: SetupBody) => postJson<District>('/api/setup', body),
  districts: () => getJson<District[]>('/api/districts'),
  city: (window: WindowQuery) => getJson<City>(`/api/city${queryString(window)}`),
  grids: (window: WindowQuery = {}) => getJson<GridCollection>(districtApiPath(`/grids${queryString(window)}`)),
  grid: (code: string) => getJson<GridDetail>(districtApiPath(`/grids/${encodeURIComponent(code)}`)),
  issues: (query: IssueQuery) => getJson<IssueList>(districtApiPath(`/issues${queryString(query)}`)),
  bulletins: (query: Partial<BulletinListQuery>) => getJson<BulletinList>(districtApiPath(`/bulletins${queryString(query)}`)),
  issueBulletin: (body: Partial<NewBulletinBody> & Pick<NewBulletinBody, 'series'>) => postJson<Bulletin>(districtApiPath('/bulletins'), body),
  issuePositions: (query: IssuePositionsQuery) => getIssuePositions(districtApiPath(`/issues/positions${queryString(query)}`)),
  issue: (id: number) => getJson<IssueDetail>(districtApiPath(`/issues/${id}`)),
  /** A photo's address at a size, for an image or a link (the browser fetches it with the session's cookie). */
  photoPath: (id: number, variant: 'thumb' | 'display' | 'original') => `${districtApiPath(`/photos/${id}/${variant}`)}${deviceQuery()}`,
  inspectionPoints: (grid?: string) => getJson<InspectionPointSummary[]>(districtApiPath(`/inspection-points${queryString({ grid })}`)),
  leaders: () => getJson<Leader[]>(districtApiPath('/leaders')),
  departments: () => getJson<Department[]>(districtApiPath('/departments')),
  categories: () => getJson<Category[]>(districtApiPath('/categories')),
  streets: () => getJson<Street[]>(districtApiPath('/streets')),
  /** A kind of unit's performance and 红黑榜 over a window as xlsx: the address for a download link. */
  performanceExportPath: (unit: RankedUnitKind, window: WindowQuery) => districtApiPath(`/exports/performance.xlsx${queryString({ unit, ...window })}`),
  performance: (unit: PerformanceUnitKind, window: WindowQuery) => getJson<PerformanceList>(districtApiPath(`/performance${queryString({ unit, ...window })}`)),
  act: (id: number, body: IssueActionBody) => postJson<IssueDetail>(districtApiPath(`/issues/${id}/actions`), body),
  actOnce: (id: number, body: IssueActionBody, idempotencyKey: string) => postOnce<IssueDetail>(districtApiPath(`/issues/${id}/actions`), body, idempotencyKey),
  report: (body: ReportIssueBody, idempotencyKey: string) => postOnce<IssueDetail>(districtApiPath('/issues'), body, idempotencyKey),
  /** Photos as multipart/form-data, one file a part; the browser sets the boundary. */
  uploadPhotos: async (photos: ReadonlyArray<{ blob: Blob; name: string }>) => {
    const form = new FormData();
    for (const { blob, name } of photos) form.append('photo', blob, name);
    return (await (await fetchOk(districtApiPath('/photos'), 'application/json', { method: 'POST', body: form })).json()) as UploadedPhoto[];
  },
  gridAt: (longitude: number, latitude: number) => getJson<GridAt>(districtApiPath(`/grid-at${queryString({ longitude, latitude })}`)),
  mostReportedCategories: () => getJson<string[]>(districtApiPath('/categories/most-reported')),
  bulk: (body: BulkActionBody) => postJson<BulkResult>(districtApiPath('/issues/bulk'), body),
  screenToday: () => getJson<ScreenToday>(districtApiPath('/screen/today')),
  oldestOverdue: (grid: string) => getJson<OldestOverdue>(districtApiPath(`/screen/oldest-overdue${queryString({ grid })}`)),
  rankings: (unit: RankedUnitKind, window: WindowQuery) => getJson<Rankings>(districtApiPath(`/rankings${queryString({ unit, ...window })}`)),
  trend: (unit: PerformanceUnitKind, id: string, interval: TrendInterval, window: WindowQuery) =>
    getJson<Trend>(districtApiPath(`/performance/trend${queryString({ unit, id, interval, ...window })}`)),
};
