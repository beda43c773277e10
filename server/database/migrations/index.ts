import type { Migration } from '../migrate.ts';
import { initialSchema } from './001-initial-schema.ts';
import { issuePositionsAndCategorySource } from './002-issue-positions-and-category-source.ts';
import { performance } from './003-performance.ts';
import { workflow } from './004-workflow.ts';
import { screen } from './005-screen.ts';
import { eventTimes } from './006-event-times.ts';
import { finiteNumbers } from './007-finite-numbers.ts';
import { bulkRefusals } from './008-bulk-refusals.ts';
import { district } from './009-district.ts';
import { accounts } from './010-accounts.ts';
import { gridVersionsAndImports } from './011-grid-versions-and-imports.ts';
import { importedProblems } from './012-imported-problems.ts';
import { basemapImports } from './013-basemap-imports.ts';
import { photos } from './014-photos.ts';
import { bulletins } from './015-bulletins.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema, issuePositionsAndCategorySource, performance, workflow, screen, eventTimes, finiteNumbers, bulkRefusals, district, accounts, gridVersionsAndImports, importedProblems, basemapImports, photos, bulletins];
