/**
 * The hub's HTTP face: Fastify with one route for everything under `/fhir`.
 * Each request: request and correlation ids, optional faults, the access token
 * verified, then the hub's own router finds the contract operation (the same
 * router batch entries use) and the request passes the gate (parameters,
 * scopes, policy, audit) to its handler. Malformed requests — bad encodings,
 * oversized URLs or bodies, invalid UTF-8 — are answered with OperationOutcomes.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ContractSchemas, loadContract } from './contract/contract.js';
import { decideFault, noFaults, type FaultOptions } from './faults.js';
import { contractOperations } from './fhir/contract-operations.js';
import type { HubContext } from './fhir/dispatch.js';
import { handle } from './fhir/handlers.js';
import { FhirHttpError, operationOutcome } from './fhir/outcome.js';
import type { SourceOutage } from './fhir/search.js';
import { passGate, UnreadableBody } from './gate/gate.js';
import { checkQueryEncoding, checkUrlLength, routeFhir } from './gate/router.js';
import { sourceOf, type Viewer } from './policy/access-policy.js';
import { carerAccountOf } from './policy/proxy.js';
import { stringifyAnswer, type HubStore } from './store/store.js';

export const FHIR_PATH = '/fhir';
const FHIR_JSON = 'application/fhir+json';

/** What the hub needs to know from a verified access token. */
export interface AccessClaims {
  fhirUser: string;
  role: string;
  clinical: boolean;
  scopes: string[];
  patient?: string | undefined;
  organizationId?: string | undefined;
  organizationOds?: string | undefined;
}

export interface HubServerOptions {
  store: HubStore;
  /** The contract's validators; by default made from the bundled contract. */
  schemas?: ContractSchemas;
  /** Verifies a bearer token; rejects when it is not valid. */
  verifyAccessToken: (token: string) => Promise<AccessClaims>;
  faults?: FaultOptions;
  /** The origin the hub is reached at, when it differs from the request's Host (e.g. behind a proxy). */
  publicOrigin?: string;
  now?: () => number;
  /** The most items of one type a `$summary` reads; default `SUMMARY_LIMIT`. Lower only to test what it says past it. */
  summaryLimit?: number;
  /** One line per request: method, route template, status, time, request id — never a URL, token or body. */
  log?: (line: string) => void;
  /**
   * Parse every stored resource in an answer and serialise it again, as the hub did before it answered from the
   * stored text: the same answer, more slowly. For the equivalence tests and `bench/hub-cpu.ts` only.
   */
  reparseStored?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    hubRequestId: string;
    hubCorrelationId: string;
  }
}

const corsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'x-request-id, x-correlation-id, etag, last-modified, location, retry-after, www-authenticate',
};
const corsPreflightHeaders = {
  'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
  'access-control-allow-headers':
    'authorization, content-type, accept, x-request-id, x-correlation-id, x-break-glass-reason, if-none-exist, if-none-match, if-match',
  'access-control-max-age': '600',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The largest request body (a batch of a page's reads is a few KB; a resident's reading under 2 KB). */
const BODY_LIMIT = 262_144;

const reasonPhrases: Record<number, string> = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/** An answer written straight to the socket, for requests Node's HTTP parser refused before Fastify saw them. */
function rawOutcome(status: number, diagnostics: string): string {
  const body = JSON.stringify(operationOutcome('error', status === 400 ? 'structure' : 'too-long', 'INVALID_REQUEST', diagnostics));
  return [
    `HTTP/1.1 ${status} ${reasonPhrases[status] ?? 'Bad Request'}`,
    'content-type: application/fhir+json',
    `content-length: ${Buffer.byteLength(body)}`,
    'access-control-allow-origin: *',
    'connection: close',
    '',
    body,
  ].join('\r\n');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether an Accept header allows the hub's only format, FHIR JSON (no header allows anything). */
function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => {
    const [type = '', ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    if (quality !== undefined && Number(quality.slice(2)) === 0) return false;
    return ['*/*', 'application/*', 'application/json', 'application/fhir+json'].includes(type);
  });
}

export async function createHubServer(options: HubServerOptions): Promise<FastifyInstance> {
  const schemas = options.schemas ?? new ContractSchemas(loadContract());
  const operations = contractOperations(schemas.document);
  const faults = options.faults ?? noFaults;
  const hub: HubContext = {
    store: options.store,
    schemas,
    operations,
    outages: await Promise.all(faults.unavailableSources.map((odsCode) => outageFor(options.store, odsCode))),
    now: options.now ?? Date.now,
    ...(options.summaryLimit === undefined ? {} : { summaryLimit: options.summaryLimit }),
  };
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // A request line or headers too large for Node's parser, or not HTTP at all.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      if (!socket.writable) return;
      const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
      socket.end(rawOutcome(tooLarge ? 431 : 400, tooLarge ? 'The request URL or headers are too large' : 'The request could not be read'));
    },
    // A path the router cannot decode (a malformed percent-encoding).
    frameworkErrors: (_error, _request, reply) => {
      void (reply as FastifyReply)
        .code(400)
        .type(FHIR_JSON)
        .send(operationOutcome('error', 'invalid', 'INVALID_REQUEST', 'The request URL is not valid percent-encoded UTF-8'));
    },
  });

  app.decorateRequest('hubRequestId', '');
  app.decorateRequest('hubCorrelationId', '');
  app.addHook('onRequest', async (request) => {
    const sent = request.headers['x-request-id'];
    request.hubRequestId = typeof sent === 'string' && uuid.test(sent) ? sent : randomUUID();
    const correlation = request.headers['x-correlation-id'];
    request.hubCorrelationId = typeof correlation === 'string' && correlation.length <= 200 ? correlation : request.hubRequestId;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.hubRequestId).header('x-correlation-id', request.hubCorrelationId);
    if (request.url.startsWith(FHIR_PATH)) {
      void reply.headers(corsHeaders);
      // A record, a refusal about a resident, anything answered to a signed-in user: kept by no browser or proxy cache
      // (a shared workstation's disk cache would keep the last patient's record). Content the same for everyone says
      // how it may be kept itself.
      if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    }
    return payload;
  });
  // Host systems embed the record from their own origins. Access is by bearer token, never by cookie, so any origin may call.
  app.options(`${FHIR_PATH}/*`, (_request, reply) =>
    reply
      .code(204)
      .headers({ ...corsHeaders, ...corsPreflightHeaders })
      .send(),
  );
  if (options.log) {
    const log = options.log;
    app.addHook('onResponse', async (request, reply) => {
      log(
        `${request.method} ${request.routeOptions.url ?? 'unmatched'} ${reply.statusCode} ${reply.elapsedTime.toFixed(0)}ms request=${request.hubRequestId}`,
      );
    });
  }

  // The body is read as bytes: text that is not UTF-8 or not JSON is refused — after the caller is known (see the gate).
  app.addContentTypeParser([FHIR_JSON, 'application/json'], { parseAs: 'buffer' }, (_request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(null, new UnreadableBody(new FhirHttpError(400, 'structure', 'INVALID_REQUEST', 'The request body is not valid UTF-8')));
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(null, new UnreadableBody(new FhirHttpError(400, 'structure', 'INVALID_REQUEST', 'The request body is not valid JSON')));
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof FhirHttpError) {
      void reply.code(error.status).headers(error.headers).type(FHIR_JSON).send(error.outcome);
      return;
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500)
      options.log?.(`error in ${request.method} ${request.routeOptions.url ?? ''}: ${error.name} request=${request.hubRequestId}`);
    const message = status === 500 ? 'The hub failed to answer; reads are safe to retry' : 'The request could not be read';
    void reply
      .code(status)
      .type(FHIR_JSON)
      .send(
        operationOutcome(
          status === 500 ? 'fatal' : 'error',
          status === 500 ? 'exception' : 'invalid',
          status === 500 ? 'SERVER_ERROR' : 'INVALID_REQUEST',
          message,
        ),
      );
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type(FHIR_JSON)
      .send(operationOutcome('error', 'not-found', 'RESOURCE_NOT_FOUND', 'No such operation on this hub'));
  });

  app.route({
    method: ['GET', 'POST', 'PUT'],
    url: `${FHIR_PATH}/*`,
    handler: (request, reply) => answer(request, reply),
  });
  // FHIR's batch is `POST [base]`, with or without the slash.
  app.post(FHIR_PATH, (request, reply) => answer(request, reply));

  async function answer(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    checkUrlLength(request.url);
    const fault = decideFault(faults);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (fault === 'reset') {
      request.raw.socket.destroy();
      return;
    }
    if (fault === 'throttle')
      throw new FhirHttpError(429, 'throttled', 'TOO_MANY_REQUESTS', 'Too many requests; try again shortly', { 'retry-after': '1' });
    if (fault === 'unavailable')
      throw new FhirHttpError(503, 'transient', 'SERVER_ERROR', 'The hub is briefly unavailable', { 'retry-after': '1' });
    if (fault === 'server-error')
      throw new FhirHttpError(500, 'exception', 'SERVER_ERROR', 'The hub failed to answer; reads are safe to retry');

    const url = new URL(request.url, 'http://hub.invalid');
    const route = routeFhir(operations, request.method, url.pathname.slice(FHIR_PATH.length) || '/');
    if (!route || route.operation.operationId === 'getSmartConfiguration')
      throw new FhirHttpError(404, 'not-found', 'RESOURCE_NOT_FOUND', 'No such operation on this hub');
    // Who is asking comes first: an unauthenticated caller learns nothing about what else is wrong (R1).
    const viewer = route.operation.isPublic ? undefined : await authenticate(request);
    if (!acceptsJson(request.headers.accept))
      throw new FhirHttpError(406, 'not-supported', 'INVALID_REQUEST', 'This hub answers in FHIR JSON only (application/fhir+json)');
    checkQueryEncoding(url.search);

    const origin = options.publicOrigin ?? `${request.protocol}://${request.host}`;
    const result = await passGate(
      hub,
      {
        operation: route.operation,
        url,
        path: route.path,
        headers: request.headers,
        viewer,
        baseUrl: `${origin}${FHIR_PATH}`,
        requestId: request.hubRequestId,
        body: request.body,
      },
      handle,
    );
    // The work is done (a create is stored), but the answer is lost on the way back.
    if (fault === 'lost-answer') {
      request.raw.socket.destroy();
      return;
    }
    void reply.code(result.status).headers(result.headers ?? {});
    if (result.body === undefined) {
      await reply.send();
      return;
    }
    // Stored resources are written as stored (`stringifyAnswer`); `JSON.stringify` parses and re-serialises them.
    const text = options.reparseStored ? JSON.stringify(result.body) : stringifyAnswer(result.body);
    // A malformed answer is cut off mid-way, as a dropped proxy connection would leave it.
    // FHIR resources as FHIR JSON; the hub's own content (the well-being library) as the handler says.
    const type = result.headers?.['content-type'] ?? FHIR_JSON;
    await reply.type(type).send(fault === 'malformed' ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text);
  }

  const viewerNames = new Map<string, { name?: string; organizationName?: string }>();

  async function authenticate(request: FastifyRequest): Promise<Viewer> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const challenge = { 'www-authenticate': 'Bearer realm="care-record hub"' };
    if (token === '') throw new FhirHttpError(401, 'login', 'ACCESS_DENIED', 'An access token is required', challenge);
    let claims: AccessClaims;
    try {
      claims = await options.verifyAccessToken(token);
    } catch {
      throw new FhirHttpError(401, 'login', 'ACCESS_DENIED', 'The access token is not valid or has expired', {
        'www-authenticate': 'Bearer realm="care-record hub", error="invalid_token"',
      });
    }
    const reason = request.headers['x-break-glass-reason'];
    const carer = claims.fhirUser.startsWith('RelatedPerson/');
    return {
      kind: claims.fhirUser.startsWith('Patient/') ? 'resident' : carer ? 'carer' : 'professional',
      fhirUser: claims.fhirUser,
      ...(carer
        ? {
            carerAccount: carerAccountOf(
              (await options.store.read('RelatedPerson', claims.fhirUser.slice('RelatedPerson/'.length)))?.resource,
            ),
          }
        : {}),
      role: claims.role,
      clinical: claims.clinical,
      scopes: claims.scopes,
      patientId: claims.fhirUser.startsWith('Patient/') ? claims.fhirUser.slice('Patient/'.length) : claims.patient,
      organizationId: claims.organizationId,
      odsCode: claims.organizationOds,
      // Emergency access is for professionals; a carer's reason is not used.
      breakGlassReason: !carer && typeof reason === 'string' && reason.trim().length >= 10 ? reason.trim().slice(0, 500) : undefined,
      ...(await namesFor(claims)),
    };
  }

  async function namesFor(claims: AccessClaims): Promise<{ name?: string; organizationName?: string }> {
    // By person and organisation: someone who works at two (signed in as a Practitioner) is named for the one they act for.
    const key = `${claims.fhirUser} ${claims.organizationId ?? ''}`;
    const known = viewerNames.get(key);
    if (known) return known;
    const names = await displayNames(options.store, claims);
    viewerNames.set(key, names);
    return names;
  }

  return app;
}

async function displayNames(store: HubStore, claims: AccessClaims): Promise<{ name?: string; organizationName?: string }> {
  const [type = '', id = ''] = claims.fhirUser.split('/');
  let person = (await store.read(type, id))?.resource;
  if (person?.['resourceType'] === 'PractitionerRole') {
    const practitioner = (person['practitioner'] as { reference?: string } | undefined)?.reference?.split('/')[1];
    person = practitioner ? (await store.read('Practitioner', practitioner))?.resource : undefined;
  }
  const name = (person?.['name'] as { text?: string; given?: string[]; family?: string; prefix?: string[] }[] | undefined)?.[0];
  const display = name?.text ?? [name?.prefix?.[0], name?.given?.[0], name?.family].filter(Boolean).join(' ');
  const organization = claims.organizationId ? (await store.read('Organization', claims.organizationId))?.resource : undefined;
  return {
    ...(display ? { name: display } : {}),
    ...(typeof organization?.['name'] === 'string' ? { organizationName: organization['name'] } : {}),
  };
}

async function outageFor(store: HubStore, odsCode: string): Promise<SourceOutage> {
  const found = await store.organizationByOds(odsCode);
  return { source: sourceOf(odsCode), odsCode, name: typeof found?.['name'] === 'string' ? found['name'] : `Organisation ${odsCode}` };
}
