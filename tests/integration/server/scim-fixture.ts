import { createProvisioningToken } from '#server/repos/provisioning-tokens.repo';
import { startTestServer, type ServerFixture } from './server-fixture.ts';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface ScimAnswer {
  status: number;
  contentType: string | null;
  /** The parsed JSON body; undefined for an empty one (204). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers loosely, asserting shapes with expect
  body: Record<string, any>;
}

export interface ScimFixture {
  server: ServerFixture;
  token: string;
  /** A SCIM request with the provisioning token; a string body is sent as is. */
  scim(
    method: string,
    path: string,
    body?: unknown,
    init?: { token?: string | null; contentType?: string },
  ): Promise<ScimAnswer>;
  /** POST /Users of a minimal user (userName = email), plus what the test adds; returns its id. */
  createUser(userName: string, extra?: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

type ScimRequest = ScimFixture['scim'];

/** SCIM requests to a server's /scim/v2 with a provisioning token (init.token: another one, null: none). */
export function scimClient(url: string, token: string): ScimRequest {
  return async (method, path, body, init = {}) => {
    const auth = init.token === null ? undefined : (init.token ?? token);
    const response = await fetch(`${url}/scim/v2${path}`, {
      method,
      headers: {
        ...(auth ? { authorization: `Bearer ${auth}` } : {}),
        ...(body !== undefined ? { 'content-type': init.contentType ?? 'application/scim+json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (text ? JSON.parse(text) : undefined) as ScimAnswer['body'],
    };
  };
}

/** A server with SCIM on (no demo org unless asked) and a provisioning token for it. */
export async function startScimServer(
  options: { demo?: boolean; publicUrl?: string } = {},
): Promise<ScimFixture> {
  const server = await startTestServer({
    scim: true,
    ...(options.demo ? { demo: { size: 'S', seed: 3, connections: false, communities: false } } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  const { token } = await createProvisioningToken(server.db, 'tests');
  const scim = scimClient(server.url, token);
  return {
    server,
    token,
    scim,
    async createUser(userName, extra = {}) {
      const answer = await scim('POST', '/Users', { schemas: [USER], userName, active: true, ...extra });
      if (answer.status !== 201)
        throw new Error(`createUser ${userName}: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.id as string;
    },
    stop: () => server.stop(),
  };
}
