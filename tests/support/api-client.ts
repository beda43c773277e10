import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { IssueList } from '../../server/schemas/contract.ts';

/** Requests through app.inject with the checks every API test makes. */
export function apiClient(app: FastifyInstance) {
  async function get<T>(url: string): Promise<T> {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json() as T;
  }

  async function expectError(url: string, statusCode: number, message: RegExp) {
    const response = await app.inject({ method: 'GET', url });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(statusCode);
    expect(response.json().message).toMatch(message);
  }

  /** Every issue matching the query, following the cursor to the end. */
  async function allIssues(query: string): Promise<IssueList['items']> {
    const items: IssueList['items'] = [];
    let cursor: string | null = null;
    do {
      const page: IssueList = await get<IssueList>(`/api/districts/qingchuan/issues?limit=1000&${query}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  return { get, expectError, allIssues };
}
