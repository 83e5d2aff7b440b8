/**
 * A real HTTP server on 127.0.0.1 that answers every operation of the bundled
 * contract with that operation's own examples. Tests replace the answer for an
 * operation with a script (errors, delays, resets) to exercise the client's
 * retries, timeouts and error shaping against real sockets; `npm start`
 * serves it so vendors can build against the contract before a hub exists.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export const specPath = fileURLToPath(new URL('../openapi/dist/hub.openapi.json', import.meta.url));

interface ExampleObject {
  value?: unknown;
}
interface MediaObject {
  example?: unknown;
  examples?: Record<string, ExampleObject>;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
interface Spec {
  servers?: { url: string; variables?: Record<string, { default: string }> }[];
  paths: Record<string, Record<string, OperationObject>>;
}

/** The base URL the contract's examples are written against (its server's default). */
function exampleBase(spec: Spec): string | undefined {
  const server = spec.servers?.[0];
  return server?.url.replace(/\{(\w+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? '');
}

/** Follows a local `$ref` (`#/components/...`) of the bundled spec. */
function deref<T extends object>(spec: Spec, value: T | { $ref: string } | undefined): T | undefined {
  if (value === undefined || !('$ref' in value) || typeof value.$ref !== 'string') return value as T | undefined;
  let target: unknown = spec;
  for (const segment of value.$ref.replace(/^#\//, '').split('/')) target = (target as Record<string, unknown> | undefined)?.[segment];
  return target as T | undefined;
}

export function loadSpec(): Spec {
  return JSON.parse(readFileSync(specPath, 'utf8')) as Spec;
}

/** The named examples of an operation's response, e.g. `examples('GET /Patient/{id}', '200')`. */
export function examples(spec: Spec, operation: string, status: string): Record<string, unknown> {
  const [method = '', template = ''] = operation.split(' ');
  const response = deref(spec, spec.paths[template]?.[method.toLowerCase()]?.responses?.[status]);
  const media = Object.values(response?.content ?? {})[0];
  if (!media) throw new Error(`No ${status} response for ${operation} in the contract`);
  const named: Record<string, unknown> = {};
  if (media.example !== undefined) named['example'] = media.example;
  for (const [name, example] of Object.entries(media.examples ?? {})) named[name] = deref(spec, example)?.value;
  if (Object.keys(named).length === 0) throw new Error(`No example for ${status} ${operation}`);
  return named;
}

export function firstExample(spec: Spec, operation: string, status: string): unknown {
  return Object.values(examples(spec, operation, status))[0];
}

export interface RecordedRequest {
  /** `METHOD /template` of the matched operation, or `METHOD /path` when nothing matched. */
  operation: string;
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
  params: Record<string, string>;
}

/** What a script step does with a request. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** A body sent as is, for answers that are not JSON. */
  raw?: string;
}
export type Answer = Reply | 'example' | 'reset' | { hangMs: number };

export type Script = (request: RecordedRequest, attempt: number) => Answer | Promise<Answer>;

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  operation: OperationObject;
}

export interface ExampleHub {
  /** FHIR base, e.g. `http://127.0.0.1:41234/fhir`. */
  readonly baseUrl: string;
  readonly spec: Spec;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  /** Answers `operation` (e.g. `GET /Patient/{id}`) by `script` from now on; attempts count from 1. */
  script(operation: string, script: Script): void;
  /** Back to answering everything with the examples, and forget recorded requests. */
  reset(): void;
  close(): Promise<void>;
  /** The request handler, for mounting under `/fhir` in another server. */
  handle(request: IncomingMessage, response: ServerResponse): void;
}

export const FHIR_BASE_PATH = '/fhir';

export function createExampleHubHandler(spec: Spec = loadSpec()): Omit<ExampleHub, 'baseUrl' | 'close'> {
  const routes: Route[] = [];
  for (const [template, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      if (!['get', 'post'].includes(method)) continue;
      const names: string[] = [];
      const source = template
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name) {
            names.push(name);
            return '([^/]+)';
          }
          return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('');
      routes.push({ method: method.toUpperCase(), template, pattern: new RegExp(`^${source}$`), names, operation });
    }
  }
  // Fewer parameters first, so a literal path wins over a template that could also match it.
  routes.sort((a, b) => a.names.length - b.names.length);

  const writtenAgainst = exampleBase(spec);
  const scripts = new Map<string, Script>();
  const attempts = new Map<string, number>();
  const requests: RecordedRequest[] = [];

  function exampleAnswer(route: Route | undefined, recorded: RecordedRequest): Reply {
    if (!route) {
      return { status: 404, body: outcome('not-found', 'RESOURCE_NOT_FOUND', 'No such operation') };
    }
    const responses = route.operation.responses ?? {};
    const success = ['200', '201'].find((status) => responses[status]?.content);
    if (!success) return { status: 204 };
    const bodies = examples(spec, route.method + ' ' + route.template, success);
    // Prefer an example for the id asked for, so reads answer with the record requested.
    const id = recorded.params['id'];
    const match = Object.values(bodies).find((body) => (body as { id?: unknown }).id === id);
    return { status: Number(success), body: match ?? Object.values(bodies)[0] };
  }

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void respond(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  }

  async function respond(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.startsWith(FHIR_BASE_PATH) ? url.pathname.slice(FHIR_BASE_PATH.length) || '/' : url.pathname;
    const method = request.method ?? 'GET';
    let route: Route | undefined;
    let params: Record<string, string> = {};
    for (const candidate of routes) {
      const found = candidate.method === method ? candidate.pattern.exec(path) : null;
      if (found) {
        route = candidate;
        params = Object.fromEntries(candidate.names.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]));
        break;
      }
    }
    const operation = route ? `${method} ${route.template}` : `${method} ${path}`;
    const recorded: RecordedRequest = { operation, method, url, headers: request.headers, body, params };
    requests.push(recorded);
    const attempt = (attempts.get(operation) ?? 0) + 1;
    attempts.set(operation, attempt);

    const script = scripts.get(operation);
    const scripted = script ? await script(recorded, attempt) : 'example';
    if (scripted === 'reset') {
      request.socket.destroy();
      return;
    }
    if (typeof scripted === 'object' && 'hangMs' in scripted) {
      const timer = setTimeout(() => response.end(), scripted.hangMs);
      response.on('close', () => clearTimeout(timer));
      return;
    }
    const answer = scripted === 'example' ? exampleAnswer(route, recorded) : scripted;
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    const headers: Record<string, string> = {
      'x-request-id': String(request.headers['x-request-id'] ?? ''),
      'x-correlation-id': String(request.headers['x-correlation-id'] ?? request.headers['x-request-id'] ?? ''),
      ...answer.headers,
    };
    if (answer.body !== undefined || answer.raw !== undefined) headers['content-type'] ??= 'application/fhir+json';
    // Links in the examples point at the contract's default base; answer with this server's own.
    const here = `http://${request.headers.host ?? '127.0.0.1'}${FHIR_BASE_PATH}`;
    const json = answer.body === undefined ? undefined : JSON.stringify(answer.body);
    const text = answer.raw ?? (writtenAgainst && json ? json.replaceAll(writtenAgainst, here) : json);
    if (!response.destroyed) {
      response.writeHead(answer.status, headers);
      response.end(text);
    }
  }

  return {
    spec,
    requests,
    script(operation, script) {
      scripts.set(operation, script);
    },
    reset() {
      scripts.clear();
      attempts.clear();
      requests.length = 0;
    },
    handle,
  };
}

export async function startExampleHub(spec: Spec = loadSpec()): Promise<ExampleHub> {
  const handler = createExampleHubHandler(spec);
  const server: Server = createServer(handler.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...handler,
    baseUrl: `http://127.0.0.1:${port}${FHIR_BASE_PATH}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** An OperationOutcome as the hub returns it for an error. */
export function outcome(code: string, detail: string, diagnostics?: string): unknown {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code,
        details: { coding: [{ system: 'https://care-record.example/CodeSystem/hub-error', code: detail }] },
        ...(diagnostics ? { diagnostics } : {}),
      },
    ],
  };
}
