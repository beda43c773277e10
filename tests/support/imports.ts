import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { SignedIn } from './test-app.ts';

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
