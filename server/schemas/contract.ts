import type { Static } from 'typebox';
import type * as accounts from './accounts.ts';
import type * as common from './common.ts';
import type * as districts from './districts.ts';
import type * as grids from './grids.ts';
import type * as gridEdits from './grid-edits.ts';
import type * as imports from './imports.ts';
import type * as inspectionPoints from './inspection-points.ts';
import type * as issues from './issues.ts';
import type * as bulletins from './bulletins.ts';
import type * as photos from './photos.ts';
import type * as issueWorkflow from './issue-workflow.ts';
import type * as liveFeed from './live-feed.ts';
import type * as performance from './performance.ts';
import type * as reference from './reference.ts';
import type * as screen from './screen.ts';
import type * as setup from './setup.ts';
import type * as system from './system.ts';

/**
 * The API's contract as types: every request and response the server validates and the browser
 * sends or reads, derived from the server's TypeBox schemas, which also make the OpenAPI
 * document. Server and client both import their types from here and declare none of their own,
 * so a change to a schema that the client does not follow fails the type check.
 */

export type WindowDays = Static<typeof common.WindowDays>;
export type ErrorResponse = Static<typeof common.ErrorResponse>;

export type District = Static<typeof districts.District>;
export type CityQuery = Static<typeof districts.CityQuery>;
export type CityDistrict = Static<typeof districts.CityDistrict>;
export type City = Static<typeof districts.City>;

export type GridKind = Static<typeof grids.GridKind>;
export type GridPerformance = Static<typeof grids.GridPerformance>;
export type GridBaseProperties = Static<typeof grids.GridBaseProperties>;
export type GridProperties = Static<typeof grids.GridProperties>;
export type GridFeature = Static<typeof grids.GridFeature>;
export type GridCollection = Static<typeof grids.GridCollection>;
export type GridColouring = Static<typeof grids.GridColouring>;
export type GridDetail = Static<typeof grids.GridDetail>;
/** A window of whole days: explicit dates, or days relative to the server's today. */
export type WindowQuery = Static<typeof grids.GridWindowQuery>;

export type FieldEvaluation = Static<typeof inspectionPoints.FieldEvaluation>;
export type InspectionPointSummary = Static<typeof inspectionPoints.InspectionPointSummary>;
export type InspectionPointDetail = Static<typeof inspectionPoints.InspectionPointDetail>;
export type InspectionPointQuery = Static<typeof inspectionPoints.InspectionPointQuery>;

export type IssueSummary = Static<typeof issues.IssueSummary>;
export type OwnWork = Static<typeof issues.OwnWork>;
export type Bulletin = Static<typeof bulletins.Bulletin>;
export type BulletinList = Static<typeof bulletins.BulletinList>;
export type BulletinListQuery = Static<typeof bulletins.BulletinListQuery>;
export type NewBulletinBody = Static<typeof bulletins.NewBulletinBody>;
export type IssueEvent = Static<typeof issues.IssueEvent>;
export type IssueRefusal = Static<typeof issues.IssueRefusal>;
export type IssueDetail = Static<typeof issues.IssueDetail>;
export type IssuePhoto = Static<typeof photos.IssuePhoto>;
export type UploadedPhoto = Static<typeof photos.UploadedPhoto>;
export type IssueList = Static<typeof issues.IssueList>;
/** The list's query as the server reads it (its page size defaulted). */
export type IssueListQuery = Static<typeof issues.IssueListQuery>;
/** The list's query as a client sends it: every parameter optional. */
export type IssueQuery = Partial<IssueListQuery>;
export type IssuePositionsQuery = Static<typeof issues.IssuePositionsQuery>;

export type ReportIssueBody = Static<typeof issueWorkflow.ReportIssueBody>;
export type IssueActionBody = Static<typeof issueWorkflow.IssueActionBody>;
export type BulkActionBody = Static<typeof issueWorkflow.BulkActionBody>;
export type BulkOutcome = Static<typeof issueWorkflow.BulkOutcome>;
export type BulkResult = Static<typeof issueWorkflow.BulkResult>;
export type WorkflowConflict = Static<typeof issueWorkflow.WorkflowConflict>;
export type RoutingSuggestion = Static<typeof issueWorkflow.RoutingSuggestion>;
export type GridAt = Static<typeof issueWorkflow.GridAt>;

export type LiveIssueMessage = Static<typeof liveFeed.LiveIssueMessage>;
export type LiveIssuesMessage = Static<typeof liveFeed.LiveIssuesMessage>;
export type LiveCountsMessage = Static<typeof liveFeed.LiveCountsMessage>;
export type LiveSettingsMessage = Static<typeof liveFeed.LiveSettingsMessage>;
export type LiveClockMessage = Static<typeof liveFeed.LiveClockMessage>;
export type LiveMessage = Static<typeof liveFeed.LiveMessage>;

export type PerformanceUnitKind = Static<typeof performance.UnitKindOrDistrict>;
export type RankedUnitKind = Static<typeof performance.UnitKind>;
export type PerformanceRow = Static<typeof performance.PerformanceRow>;
export type PerformanceList = Static<typeof performance.PerformanceList>;
export type PerformanceQuery = Static<typeof performance.PerformanceQuery>;
export type TrendQuery = Static<typeof performance.TrendQuery>;
export type TrendInterval = TrendQuery['interval'];
export type Trend = Static<typeof performance.Trend>;
export type RankingsQuery = Static<typeof performance.RankingsQuery>;
export type ListedUnit = Static<typeof performance.ListedUnit>;
export type Rankings = Static<typeof performance.Rankings>;
export type ScoringSettings = Static<typeof performance.ScoringSettings>;
export type ScoringSettingsChange = Static<typeof performance.ScoringSettingsChange>;
export type ScoringSettingsResponse = Static<typeof performance.ScoringSettingsResponse>;
export type ScoringSettingsUpdate = Static<typeof performance.ScoringSettingsUpdate>;

export type Leader = Static<typeof reference.Leader>;
export type Department = Static<typeof reference.Department>;
export type Category = Static<typeof reference.Category>;
export type Street = Static<typeof reference.Street>;

export type ScreenToday = Static<typeof screen.ScreenToday>;
export type OldestOverdue = Static<typeof screen.OldestOverdue>;

export type Health = Static<typeof system.Health>;
export type Readiness = Static<typeof system.Readiness>;
export type ClientSettings = Static<typeof system.ClientSettings>;

// Accounts, sessions, screen devices and the audit log.
export type Role = Static<typeof accounts.Role>;
export type SignInBody = Static<typeof accounts.SignInBody>;
export type SessionAnswer = Static<typeof accounts.SessionAnswer>;
export type PasswordChangeBody = Static<typeof accounts.PasswordChangeBody>;
export type Account = Static<typeof accounts.Account>;
export type AccountList = Static<typeof accounts.AccountList>;
export type NewAccountBody = Static<typeof accounts.NewAccountBody>;
export type AccountChangeBody = Static<typeof accounts.AccountChangeBody>;
export type AccountSessions = Static<typeof accounts.AccountSessions>;
export type ScreenDevice = Static<typeof accounts.ScreenDevice>;
export type ScreenDeviceList = Static<typeof accounts.ScreenDeviceList>;
export type NewScreenDevice = Static<typeof accounts.NewScreenDevice>;
export type AuditQuery = Static<typeof accounts.AuditQuery>;
export type AuditEntry = Static<typeof accounts.AuditEntry>;
export type AuditPage = Static<typeof accounts.AuditPage>;

export type ImportFields = Static<typeof imports.ImportFields>;
export type ImportFinding = Static<typeof imports.Finding>;
export type GridImportReport = Static<typeof imports.GridImportReport>;
export type OrganizationImportReport = Static<typeof imports.OrganizationImportReport>;
export type InspectionImportReport = Static<typeof imports.InspectionImportReport>;
export type ImportAnswer = Static<typeof imports.ImportAnswer>;
export type BasemapImportAnswer = Extract<ImportAnswer, { kind: 'basemap' }>;
export type GridImportAnswer = Extract<ImportAnswer, { kind: 'grids' }>;
export type OrganizationImportAnswer = Extract<ImportAnswer, { kind: 'organization' }>;
export type ProblemImportAnswer = Extract<ImportAnswer, { kind: 'problems' }>;
export type InspectionImportAnswer = Extract<ImportAnswer, { kind: 'points' }>;
export type ImportList = Static<typeof imports.ImportList>;
export type ApplyImportBody = Static<typeof imports.ApplyImportBody>;
export type CoordinateSystemList = Static<typeof imports.CoordinateSystemList>;
export type GridEditBody = Static<typeof gridEdits.GridEditBody>;
export type GridResponsibilityBody = Static<typeof gridEdits.GridResponsibilityBody>;

export type SetupStatus = Static<typeof setup.SetupStatus>;
export type SetupBody = Static<typeof setup.SetupBody>;
