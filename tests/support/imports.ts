import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { UNLIMITED } from '../../server/plugins/rate-limits.ts';
import { buildTestApp, signIn, type SignedIn, type TestApp } from './test-app.ts';
import { TEST_NOW } from './test-database.ts';
import { createTestDistrict, type Dialect, type TestDistrict } from './test-district.ts';

/** Sends a file for a dry run as the admin page does: multipart/form-data with the file and its fields. */
export async function sendImport(
  server: FastifyInstance, signedIn: SignedIn, file: { name: string; bytes: Uint8Array }, fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  form.set('kind', fields.kind ?? 'grids');
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  form.set('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  // The fields come before the file, as a browser sends a form whose file input is last.
  const encoded = new Response(form);
  return server.inject({
    method: 'POST', url: '/api/imports', payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { ...signedIn.headers, 'content-type': encoded.headers.get('content-type')! },
  });
}

/** A district on the dialect's database, the real app on it, and its administrator signed in, as the import tests begin. */
export async function openAdministeredDistrict(dialect: Dialect, issueCount: number): Promise<{ district: TestDistrict; app: TestApp; admin: SignedIn }> {
  const district = await createTestDistrict(dialect, issueCount);
  const app = await buildTestApp({ store: district.openStore(), now: () => TEST_NOW, rateLimits: UNLIMITED });
  return { district, app, admin: await signIn(app, 'admin') };
}

export async function closeAdministeredDistrict({ district, app }: { district: TestDistrict; app: TestApp }): Promise<void> {
  await app.close();
  await district.remove();
}
