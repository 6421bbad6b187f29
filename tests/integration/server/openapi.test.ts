import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type ServerFixture } from './server-fixture.ts';

interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
  components: { securitySchemes: Record<string, unknown> };
}

let server: ServerFixture;
let doc: OpenApiDocument;

beforeAll(async () => {
  server = await startTestServer();
  const response = await server.get('/v1/openapi.json');
  expect(response.status).toBe(200);
  doc = (await response.json()) as OpenApiDocument;
});
afterAll(() => server.stop());

describe('GET /v1/openapi.json', () => {
  it('is an OpenAPI 3 document listing every route', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/v1/auth/refresh',
      '/v1/auth/sign-out',
      '/v1/communities/{id}/snapshot',
      '/v1/demo/sessions',
      '/v1/health',
      '/v1/me',
      '/v1/me/notes-key',
      '/v1/sync/bootstrap',
      '/v1/sync/events',
      '/v1/sync/pull',
      '/v1/sync/push',
    ]);
    expect(Object.keys(doc.paths['/v1/demo/sessions'] ?? {})).toEqual(['post']);
  });

  it('declares the bearer scheme and requires it on signed-in routes only', () => {
    expect(doc.components.securitySchemes).toEqual({ bearerAuth: { type: 'http', scheme: 'bearer' } });
    for (const path of ['/v1/me', '/v1/sync/bootstrap', '/v1/sync/pull', '/v1/communities/{id}/snapshot']) {
      expect(doc.paths[path]?.get?.security).toEqual([{ bearerAuth: [] }]);
    }
    expect(doc.paths['/v1/sync/push']?.post?.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths['/v1/me/notes-key'] ?? {}).sort()).toEqual(['get', 'put']);
    expect(doc.paths['/v1/me/notes-key']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/me/notes-key']?.put?.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.paths['/v1/health']?.get?.security).toBeUndefined();
  });

  it('documents the pull query and the NDJSON bootstrap stream from the zod schemas', () => {
    const pull = doc.paths['/v1/sync/pull']?.get as unknown as { parameters: { name: string; in: string }[] };
    expect(pull.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual(['query:limit', 'query:since']);
    const bootstrap = doc.paths['/v1/sync/bootstrap']?.get?.responses['200'] as {
      content: Record<string, unknown>;
    };
    expect(Object.keys(bootstrap.content)).toEqual(['application/x-ndjson']);
  });

  it('documents the notes key body and its 409 from the zod schemas', () => {
    const put = doc.paths['/v1/me/notes-key']?.put as unknown as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
      responses: Record<string, unknown>;
    };
    expect(put.requestBody.content['application/json'].schema.required.sort()).toEqual([
      'kdf',
      'keyId',
      'version',
      'wrapped',
    ]);
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '409']));
  });
});
