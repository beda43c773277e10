import type { AuditRepository } from './security.ts';
import type { BoundingBox } from '../domain/bounding-box.ts';
import type { IssueAction, IssueSource, IssueState } from '../domain/issue-vocabulary.ts';
import type { PerformanceCounters } from '../domain/performance-contributions.ts';
import type { PerformanceUnitKind, ScoringSettings } from '../domain/scoring-settings.ts';
import type { TimeWindow } from '../domain/time-window.ts';
import type { WorkflowChanges, WorkflowIssue } from '../domain/issue-workflow.ts';
import type { DiffGrid } from '../domain/grid-diff.ts';
import type { AccountWrite, CurrentOrganization, RouteWrite } from '../domain/organization-check.ts';
import type { Organization } from '../import/organization-workbook.ts';
import type { ImportedProblem } from '../import/problem-import.ts';
import type { EvaluationWrite, ExistingPoint, PointWrite } from '../import/inspection-import.ts';
import type { ProblemEvent, ProblemRecord, ProblemWithHistory } from '../domain/problem-record.ts';
import type { PhotoFlag, PhotoStage } from '../domain/photo-evidence.ts';
import type { StoredPhoto } from './photo-rows.ts';
import type { BulletinSeries } from '../bulletins/bulletin-content.ts';
import type { ProblemColumnMapping } from '../import/problem-mapping.ts';
import type { ContributionTotals } from '../domain/performance-contributions.ts';
import type {
  Category, Department, GridBaseProperties, GridDetail, GridFeature, InspectionPointDetail, InspectionPointSummary,
  IssueDetail, IssueEvent, IssueList, IssueSummary, Leader, ScoringSettingsChange, Street,
} from '../schemas/contract.ts';

/**
 * What the services and routes may ask of the database, per aggregate. Every method is
 * asynchronous so that a database across the network (PostgreSQL) and the embedded one (SQLite)
 * stand behind the same interface; each method's reads see one consistent state.
 */

// ---------------------------------------------------------------------------------------------
// Grids

/** A grid as stored; its performance is added by the performance report. */
export type GridFeatureWithoutPerformance = Omit<GridFeature, 'properties'> & { properties: GridBaseProperties };
export type GridDetailWithoutPerformance = Omit<GridDetail, 'properties'> & {
  properties: GridBaseProperties & { inspection: GridDetail['properties']['inspection'] };
};

export interface GridRepository {
  /** The grids in force (retired ones are kept, but not listed). */
  list(now: number): Promise<GridFeatureWithoutPerformance[]>;
  get(code: string, now: number): Promise<GridDetailWithoutPerformance | undefined>;
  /** Any grid's id, retired ones too: their problems keep them. */
  idByCode(code: string): Promise<number | undefined>;
  /** The grids in force as an import compares them. */
  inForce(): Promise<DiffGrid[]>;
  /** Changes whenever a grid is added, retired, renamed or redrawn: caches of the grids' shapes follow it. */
  version(): Promise<number>;
  /**
   * Makes `grids` the district's grids in force: those not among them are retired, new codes
   * added, and a changed boundary kept as the grid's next version (the grid keeps its id).
   */
  replace(grids: readonly DiffGrid[], change: GridSetChange): Promise<void>;
}

export interface GridSetChange {
  at: number;
  /** The import that brought the change; null for an edit on the map. */
  importId: string | null;
}

// ---------------------------------------------------------------------------------------------
// The organization: leaders, departments and who answers for each grid

export interface OrganizationRepository {
  current(): Promise<CurrentOrganization>;
  /**
   * Adds or updates the workbook's leaders and departments (by name), sets its grids' leader and
   * units, its routes, and adds or changes its accounts; removes no one.
   */
  apply(organization: Organization, routes: readonly RouteWrite[], accounts: readonly ImportedAccount[], at: number): Promise<void>;
}

/** An account as an import writes it: a new one carries its one-time password's hash (it must change it at first sign-in). */
export type ImportedAccount = AccountWrite & { passwordHash: string | null };

// ---------------------------------------------------------------------------------------------
// Imports: each dry run, its report, and whether and when it was applied

export type ImportKind = 'grids' | 'organization' | 'points' | 'problems' | 'basemap';

export interface ImportRecord {
  id: string;
  kind: ImportKind;
  fileName: string;
  fileSha256: string;
  options: unknown;
  report: unknown;
  /** What applying writes, as the dry run prepared it. */
  payload: unknown;
  createdAt: number;
  createdBy: string;
  appliedAt: number | null;
  appliedBy: string | null;
  acceptedWarnings: string[] | null;
}

export interface ImportRepository {
  record(entry: Omit<ImportRecord, 'appliedAt' | 'appliedBy' | 'acceptedWarnings'>): Promise<void>;
  get(id: string): Promise<ImportRecord | undefined>;
  /** The newest first, without their payloads. */
  list(limit: number): Promise<Array<Omit<ImportRecord, 'payload'>>>;
  /** Marks an import applied; false when it already was (applied once only). */
  markApplied(id: string, at: number, by: string, acceptedWarnings: string[]): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Problems from other systems (12345, 数字城管)

export interface ProblemImportRepository {
  /** Of these ids in a source system, the ones already imported from it. */
  alreadyImported(sourceSystem: string, references: readonly string[]): Promise<string[]>;
  /** Keeps a dry run's checked rows for applying it later. */
  stage(importId: string, problems: readonly ImportedProblem[]): Promise<void>;
  /** A dry run's rows after `afterRow`, in row order. */
  staged(importId: string, afterRow: number, limit: number): Promise<ImportedProblem[]>;
  /**
   * Adds problems with their histories, each with the next id and a number made from it: an
   * import's, or the demo district's as it is first written. One whose origin's id was added
   * before is skipped. Each problem's id, or null when it was skipped.
   */
  add(problems: readonly ProblemWithHistory[]): Promise<Array<number | null>>;
  savedMapping(sourceSystem: string): Promise<ProblemColumnMapping | null>;
  saveMapping(sourceSystem: string, mapping: ProblemColumnMapping, at: number, by: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Problems and their events

/** Filters already resolved to row ids and instants by the caller. */
export interface IssueFilters {
  gridId?: number;
  /** Any of these grids: a grid worker's scope. */
  gridIds?: number[];
  states?: IssueState[];
  categoryIds?: number[];
  sources?: IssueSource[];
  departmentId?: number;
  overdue?: boolean;
  /** Deadlines from `from` (inclusive) to `before` (exclusive). */
  deadline?: { from: number; before: number };
  window?: TimeWindow;
  bbox?: BoundingBox;
  /** Reported by this account (its username): a field worker's own reports. */
  reportedBy?: string;
}

export interface IssuePage {
  limit: number;
  /** The id the previous page ended at. */
  before?: number;
}

export type LiveEventRow = IssueEvent & { issueId: number };

export interface IssueRepository {
  /** How many problems match. */
  count(filters: IssueFilters, now: number): Promise<number>;
  /** The subcategories reported most since an instant, most first: what a reporter is offered first. */
  mostReportedCategories(since: number, limit: number): Promise<string[]>;
  /** One page, newest first, of the `total` problems that match (a dense map box is paged differently from a sparse one). */
  list(filters: IssueFilters, page: IssuePage, now: number, total: number): Promise<IssueList>;
  /** Every matching problem's position, state and overdue flag, encoded for the map. */
  positions(filters: IssueFilters, now: number): Promise<{ body: Buffer; count: number }>;
  get(id: number, now: number): Promise<IssueDetail | undefined>;
  summary(id: number, now: number): Promise<IssueSummary | undefined>;
  /** Events in the order they were recorded, after a given event id (the live feed's resume). */
  eventsAfter(afterId: number, limit: number): Promise<LiveEventRow[]>;
  /** The problems some events changed, in one read however many the events. */
  issuesOfEvents(eventIds: readonly number[]): Promise<number[]>;
  event(id: number): Promise<LiveEventRow | undefined>;
}

// ---------------------------------------------------------------------------------------------
// The workflow's writes

/** What a report gives a new problem; the rest starts as every problem does. */
export type NewIssue = Pick<ProblemRecord, 'categoryId' | 'source' | 'description' | 'address' | 'longitude' | 'latitude' | 'gridId' | 'recurrenceOf'>;

export interface WorkflowIssueRow extends WorkflowIssue, Omit<NewIssue, 'recurrenceOf'> {
  id: number;
  version: number;
  /** When it was last dispatched (to its department now); null while it has not been. */
  dispatchedAt: number | null;
}

export interface IssueEventRecord extends ProblemEvent {
  issueId: number;
}

export interface RefusalRecord {
  issueId: number;
  attemptedAt: number;
  actor: string;
  action: string;
  version: number;
  reason: string;
}

export interface BulkRefusalRecord {
  attemptedAt: number;
  actor: string;
  action: string;
  bulkSize: number;
  items: Array<Pick<RefusalRecord, 'issueId' | 'version' | 'reason'>>;
}

export interface IssueWorkflowRepository {
  issue(id: number): Promise<WorkflowIssueRow | undefined>;
  /** Writes the changed fields if the problem is still at `version`, moving it to the next version. False when another write came first. */
  update(id: number, version: number, changes: WorkflowChanges, now: number): Promise<boolean>;
  /** Records an event; its id orders every change in the district (the live feed's event id). */
  recordEvent(event: IssueEventRecord): Promise<number>;
  /** Keeps a refused attempt, unless the same one was kept since `repeatsFrom`; whether it was kept. */
  recordRefusal(refusal: RefusalRecord, repeatsFrom: number): Promise<boolean>;
  /** Keeps a refused bulk action as one record of its refused items, unless the same one was kept since `repeatsFrom`. */
  recordBulkRefusal(refusal: BulkRefusalRecord, repeatsFrom: number): Promise<boolean>;
  /** The department the routing table proposes for a kind of problem in a grid. */
  suggestedDepartment(gridId: number, categoryId: number): Promise<number | null>;
  /** Adds a reported problem; its id comes from the database's identity, its code from its id and year. */
  create(issue: NewIssue, now: number): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Performance

export type UnitKindOrDistrict = PerformanceUnitKind | 'district';

export interface PerformanceUnit {
  id: number;
  /** How the unit is named in URLs: grid and street codes, leader and department ids. */
  key: string;
  name: string;
}

export interface UnitCounters extends PerformanceCounters { unitId: number }
export interface DayCounters extends PerformanceCounters { day: string }
export interface UnitPresent { unitId: number; openIssues: number; overdueOpen: number }
export interface UnitEvaluations { unitId: number; evaluationScoreSum: number; evaluations: number }
export interface DayEvaluations { day: string; evaluationScoreSum: number; evaluations: number }

export interface PerformanceRepository {
  units(kind: UnitKindOrDistrict): Promise<PerformanceUnit[]>;
  /** Counters summed per unit over the days [firstDay, lastDay]. */
  countersByUnit(kind: UnitKindOrDistrict, firstDay: string, lastDay: string): Promise<UnitCounters[]>;
  /** One unit's counters per day (the district's when kind is district). */
  countersByDay(kind: UnitKindOrDistrict, unitId: number, firstDay: string, lastDay: string): Promise<DayCounters[]>;
  /** Open problems and those past their deadline, now, per unit. */
  presentByUnit(kind: UnitKindOrDistrict, now: number): Promise<UnitPresent[]>;
  /** The district's open and overdue problems now. */
  districtOpenCounts(now: number): Promise<{ open: number; overdue: number }>;
  /** Field-evaluation score sums per unit for evaluations on the days [firstDay, lastDay]. */
  evaluationsByUnit(kind: UnitKindOrDistrict, firstDay: string, lastDay: string): Promise<UnitEvaluations[]>;
  evaluationsByDay(kind: UnitKindOrDistrict, unitId: number, firstDay: string, lastDay: string): Promise<DayEvaluations[]>;
}

/**
 * The daily performance counters, kept equal to the sum of every problem's contributions: a
 * command withdraws a problem's contributions before it writes the problem and adds them back
 * after, in the same unit of work.
 */
export interface PerformanceRollups {
  withdrawIssue(issueId: number): Promise<void>;
  addIssue(issueId: number): Promise<void>;
  /** Adds contributions summed already (problems added in bulk, whose histories the caller made). */
  addTotals(totals: ContributionTotals): Promise<void>;
  /** Recomputes every counter from the problems and their histories. */
  rebuild(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Reference data, inspection points, settings, the big screen

export interface ReferenceRepository {
  leaders(): Promise<Leader[]>;
  departments(): Promise<Department[]>;
  departmentExists(id: number): Promise<boolean>;
  categories(): Promise<Category[]>;
  streets(): Promise<Street[]>;
}

export interface InspectionPointRepository {
  list(filters: { gridCode?: string; typeCode?: string }): Promise<InspectionPointSummary[]>;
  get(id: number): Promise<InspectionPointDetail | undefined>;
  typeExists(code: string): Promise<boolean>;
  /** Every point as an import compares them, and each evaluation's `point name|day|evaluator`. */
  forImport(): Promise<{ points: ExistingPoint[]; evaluationKeys: string[] }>;
  /** Every evaluation, oldest first, for the workbook's export. */
  evaluations(): Promise<Array<EvaluationWrite>>;
  /** Adds and updates points (by id) and adds evaluations (by point name), as an import checked them. */
  applyImport(writes: { points: readonly PointWrite[]; evaluations: readonly EvaluationWrite[] }): Promise<void>;
}

export interface ScoringSettingsRepository {
  /** The settings in force, and the change that set them (null for the defaults). */
  current(): Promise<{ settings: ScoringSettings; change: ScoringSettingsChange | null }>;
  history(): Promise<ScoringSettingsChange[]>;
  record(settings: ScoringSettings, changedBy: string, note: string | null, changedAt: number): Promise<ScoringSettingsChange>;
}

export interface ScreenCounts {
  newToday: number;
  closedToday: number;
  bySource: Array<{ source: IssueSource; open: number; reportedToday: number }>;
  topCategories: Array<{ code: string; name: string; parentName: string; open: number }>;
}

export interface LatestEvent {
  id: number;
  occurredAt: number;
  action: IssueAction;
  actor: string;
  issueId: number;
  issueCode: string;
  categoryName: string;
  gridName: string;
  /** For a 复查通过销号, the latest rectification's first photo (a bigint from PostgreSQL). */
  photoId: number | string | null;
}

export interface ScreenRepository {
  /** Counts since `since` (today's China midnight) and of what is open now. */
  counts(since: number, sources: readonly IssueSource[], categoryLimit: number): Promise<ScreenCounts>;
  /** The newest events worth showing on the wall: reports, dispatches, closings, rework, voids. */
  latestEvents(limit: number): Promise<LatestEvent[]>;
}

/**
 * What an answer computed from the database depends on besides its question: a stamp that
 * changes with every committed write (by any process), and the next instant a problem falls
 * overdue, which changes counts without any write.
 */
export interface DataVersionRepository {
  stamp(): Promise<string>;
  /** The last instant at which no problem that is not overdue now has fallen overdue. */
  overdueUnchangedUntil(now: number): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Photos as evidence, and requests a phone may send twice

export type NewPhoto = Omit<StoredPhoto, 'id'>;

export interface PhotoRepository {
  /**
   * Keeps a photo (the same bytes again are the same photo) and that this account uploaded it;
   * answers it with when this account first did.
   */
  record(photo: NewPhoto, accountId: number, at: number): Promise<{ photo: StoredPhoto; uploadedAt: number }>;
  byId(id: number): Promise<StoredPhoto | undefined>;
  /** Of these photos, the ones this account uploaded, with when it first did. */
  uploadsBy(accountId: number, photoIds: readonly number[]): Promise<Array<{ photo: StoredPhoto; uploadedAt: number }>>;
  /** Gives photos to a step of a problem's history, in the order given. */
  attach(issueId: number, eventId: number, photos: ReadonlyArray<{ photoId: number; stage: PhotoStage; flags: readonly PhotoFlag[] }>): Promise<void>;
  /** The problems a photo was given with. */
  issuesOf(photoId: number): Promise<number[]>;
  /** Whether this account uploaded the photo. */
  uploadedBy(photoId: number, accountId: number): Promise<boolean>;
}

export interface IdempotentRequestRepository {
  /** What a request with this key from this account did: its digest and the problem it made or acted on. */
  find(accountId: number, key: string): Promise<{ requestDigest: string; issueId: number } | undefined>;
  remember(accountId: number, key: string, requestDigest: string, issueId: number, at: number): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Bulletins the office issues

export type BulletinFormat = 'docx' | 'pdf' | 'xlsx';

export interface BulletinRecord {
  id: number;
  series: BulletinSeries;
  year: number;
  /** 期号; null for a draft. */
  number: number | null;
  title: string;
  firstDay: string;
  lastDay: string;
  madeAt: number;
  /** The account that made it, or `schedule` for one the server made at its set time. */
  madeBy: string;
  correctsId: number | null;
  formats: BulletinFormat[];
}

export interface NewBulletin extends Omit<BulletinRecord, 'id' | 'formats'> {
  /** What it was written from: its content and figures, kept with it. */
  content: unknown;
  files: ReadonlyArray<{ format: BulletinFormat; sha256: string; bytes: Buffer }>;
}

export interface BulletinRepository {
  /** The number the next bulletin of a series in a year takes. */
  nextNumber(series: BulletinSeries, year: number): Promise<number>;
  /** Keeps a bulletin and its files; a number already taken in its series and year is refused (the database's unique key). */
  record(bulletin: NewBulletin): Promise<BulletinRecord>;
  /** Issued bulletins (drafts too, when asked), the newest first. */
  list(filter: { series?: BulletinSeries; drafts: boolean }): Promise<BulletinRecord[]>;
  byId(id: number): Promise<BulletinRecord | undefined>;
  /** The issued bulletin of a series that covers this day, if there is one. */
  issuedFor(series: BulletinSeries, lastDay: string): Promise<BulletinRecord | undefined>;
  file(id: number, format: BulletinFormat): Promise<{ sha256: string; bytes: Buffer } | undefined>;
}

export interface Repositories {
  grids: GridRepository;
  imports: ImportRepository;
  problemImports: ProblemImportRepository;
  organization: OrganizationRepository;
  /** For the audit entry of a problem or settings write, kept in the write's own unit of work. */
  audit: AuditRepository;
  issues: IssueRepository;
  workflow: IssueWorkflowRepository;
  inspectionPoints: InspectionPointRepository;
  reference: ReferenceRepository;
  performance: PerformanceRepository;
  performanceRollups: PerformanceRollups;
  scoringSettings: ScoringSettingsRepository;
  screen: ScreenRepository;
  dataVersion: DataVersionRepository;
  photos: PhotoRepository;
  idempotentRequests: IdempotentRequestRepository;
  bulletins: BulletinRepository;
}
