/**
 * A small hub for testing SMART sign-in end to end: the real development
 * authorisation server, five fixture personas, a clock tests can move, and one
 * protected FHIR read (`GET <fhir>/Patient/{id}`) that checks the bearer token
 * the way the hub's access policy will. Used by the hub's and the SDK's Node
 * tests, and mounted in web-test-runner for the Chromium tests.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  InvalidAccessTokenError,
  registerSmartAuth,
  type AccessContext,
  type SignInPersona,
  type SmartAuth,
} from '../../src/auth/index.js';

export const fixturePersonas: SignInPersona[] = [
  {
    id: 'gp',
    label: 'Dr Amara Okafor — GP, Junction Road Surgery',
    description: 'Sees the whole record of patients registered at the practice.',
    role: 'gp',
    clinical: true,
    fhirUser: 'PractitionerRole/role-gp-okafor',
    organizationId: 'org-junction-road',
    odsCode: 'Y99001',
  },
  {
    id: 'hospital-nurse',
    label: 'Sam Adeyemi — Staff nurse, Holloway General Hospital',
    description: 'Sees the record of patients under the hospital’s care.',
    role: 'nurse',
    clinical: true,
    fhirUser: 'PractitionerRole/role-nurse-adeyemi',
    organizationId: 'org-holloway-general',
    odsCode: 'Y99002',
  },
  {
    id: 'social-worker',
    label: 'Priya Shah — Social worker, Adult Social Care',
    description: 'Sees the record of people the council supports.',
    role: 'social-worker',
    clinical: true,
    fhirUser: 'PractitionerRole/role-sw-shah',
    organizationId: 'org-adult-social-care',
    odsCode: 'Y99003',
  },
  {
    id: 'receptionist',
    label: 'Tom Brennan — Receptionist, Junction Road Surgery',
    description: 'Sees names, contact details and appointments; no clinical information.',
    role: 'receptionist',
    clinical: false,
    fhirUser: 'PractitionerRole/role-reception-brennan',
    organizationId: 'org-junction-road',
    odsCode: 'Y99001',
  },
  {
    id: 'resident',
    label: 'Jordan Ellis — resident',
    description: 'Sees their own record, adds readings and medicines, and controls sharing.',
    role: 'resident',
    clinical: false,
    fhirUser: 'Patient/pat-0001',
    patientId: 'pat-0001',
  },
];

export interface SmartTestHub {
  app: FastifyInstance;
  auth: SmartAuth;
  fhirBaseUrl: string;
  authBaseUrl: string;
  /** Moves the sign-in server's clock forward. */
  advanceClock(seconds: number): void;
  /** The access contexts of the protected reads that were allowed, in order. */
  readonly reads: AccessContext[];
}

export interface SmartTestHubOptions {
  /** e.g. `http://127.0.0.1:41234`. */
  origin: string;
  /** Mounts everything under this path, e.g. `/smart-test` (default: the origin's root). */
  basePath?: string;
  accessTokenLifetimeSeconds?: number;
}

/** Builds the test hub without listening; hand requests to `app.routing(req, res)`. */
export async function createSmartTestHub(options: SmartTestHubOptions): Promise<SmartTestHub> {
  const base = `${options.origin}${options.basePath ?? ''}`;
  let offset = 0;
  const app = Fastify({ logger: false });
  const auth = await registerSmartAuth(app, {
    fhirBaseUrl: `${base}/fhir`,
    authBaseUrl: `${base}/auth`,
    personas: fixturePersonas,
    now: () => Date.now() + offset,
    ...(options.accessTokenLifetimeSeconds === undefined ? {} : { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }),
  });
  const reads: AccessContext[] = [];
  const fhirPath = new URL(auth.fhirBaseUrl).pathname;

  app.get<{ Params: { id: string } }>(`${fhirPath}/Patient/:id`, async (request, reply) => {
    reply.type('application/fhir+json');
    const token = /^Bearer ([^\s]+)$/.exec(request.headers.authorization ?? '')?.[1];
    let context: AccessContext;
    try {
      if (token === undefined) throw new InvalidAccessTokenError('invalid');
      context = await auth.verifyAccessToken(token);
    } catch (error) {
      if (!(error instanceof InvalidAccessTokenError)) throw error;
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer error="invalid_token"')
        .send(outcome('login', error.reason === 'expired' ? 'The access token has expired' : 'A valid access token is needed'));
    }
    const readable = context.scopes.some((scope) => /^(user|patient)\/(\*|Patient)\.c?r/.test(scope));
    const inContext =
      context.patient === undefined || context.patient === request.params.id || context.scopes.some((scope) => scope.startsWith('user/'));
    if (!readable || !inContext) return reply.code(403).send(outcome('forbidden', 'This sign-in cannot read that record'));
    reads.push(context);
    return { resourceType: 'Patient', id: request.params.id };
  });

  // Where the test app's redirect_uri points. Framed by a browser test on the hub's origin (this page may be on
  // another), it hands its address — with the code and state — to that page and no other.
  const callbackPage = `<!doctype html><html lang="en-GB"><title>Signed in</title><p>Back in the app.</p>
<script>if (parent !== window) parent.postMessage(location.href, ${JSON.stringify(options.origin)});</script></html>`;
  app.get(`${options.basePath ?? ''}/callback`, async (_request, reply) => reply.type('text/html; charset=utf-8').send(callbackPage));

  await app.ready();
  return {
    app,
    auth,
    fhirBaseUrl: auth.fhirBaseUrl,
    authBaseUrl: auth.issuer,
    advanceClock: (seconds) => {
      offset += seconds * 1000;
    },
    reads,
  };
}

export interface RunningSmartTestHub extends SmartTestHub {
  origin: string;
  close(): Promise<void>;
}

/** The test hub on a real socket on 127.0.0.1 (a free port). */
export async function startSmartTestHub(options: Omit<SmartTestHubOptions, 'origin'> = {}): Promise<RunningSmartTestHub> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const hub = await createSmartTestHub({ ...options, origin });
  server.on('request', (request, response) => hub.app.routing(request, response));
  return {
    ...hub,
    origin,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await hub.app.close();
    },
  };
}

function outcome(code: string, text: string) {
  return { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code, details: { text } }] };
}
