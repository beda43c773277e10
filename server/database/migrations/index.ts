import type { Migration } from '../migrate.ts';
import { initialSchema } from './001-initial-schema.ts';

export const MIGRATIONS: readonly Migration[] = [initialSchema];
