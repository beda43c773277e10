import fastifyPlugin from 'fastify-plugin';
import type { Database } from 'better-sqlite3';
import { createGridRepository, type GridRepository } from '../repositories/grids.ts';
import { createInspectionPointRepository, type InspectionPointRepository } from '../repositories/inspection-points.ts';
import { createIssueRepository, type IssueRepository } from '../repositories/issues.ts';
import { createIssueWorkflowRepository, type IssueWorkflowRepository } from '../repositories/issue-workflow.ts';
import { createPerformanceRepository, type PerformanceRepository } from '../repositories/performance.ts';
import { createPerformanceRollups, type PerformanceRollups } from '../repositories/performance-rollups.ts';
import { createReferenceRepository, type ReferenceRepository } from '../repositories/reference.ts';
import { createScoringSettingsRepository, type ScoringSettingsRepository } from '../repositories/scoring-settings.ts';
import { createScreenRepository, type ScreenRepository } from '../repositories/screen.ts';
import { createDataVersionRepository, type DataVersionRepository } from '../repositories/data-version.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    repositories: {
      grids: GridRepository;
      issues: IssueRepository;
      workflow: IssueWorkflowRepository;
      inspectionPoints: InspectionPointRepository;
      reference: ReferenceRepository;
      performance: PerformanceRepository;
      performanceRollups: PerformanceRollups;
      scoringSettings: ScoringSettingsRepository;
      screen: ScreenRepository;
      dataVersion: DataVersionRepository;
    };
  }
}

export interface DatabasePluginOptions {
  database: Database;
}

/** Hands the opened database and its repositories to the routes; closes it with the app. */
export default fastifyPlugin<DatabasePluginOptions>(async (fastify, options) => {
  const { database } = options;
  fastify.decorate('database', database);
  fastify.decorate('repositories', {
    grids: createGridRepository(database),
    issues: createIssueRepository(database),
    workflow: createIssueWorkflowRepository(database),
    inspectionPoints: createInspectionPointRepository(database),
    reference: createReferenceRepository(database),
    performance: createPerformanceRepository(database),
    performanceRollups: createPerformanceRollups(database),
    scoringSettings: createScoringSettingsRepository(database),
    screen: createScreenRepository(database),
    dataVersion: createDataVersionRepository(database),
  });
  fastify.addHook('onClose', async () => database.close());
}, { name: 'database' });
