/**
 * A loopback proxy in front of a FHIR server that spoils one chosen request,
 * as a failing network or gateway does: the request never arrives, or it is
 * carried out and its answer is lost (the connection drops, or a gateway
 * answers 503 in its place). Everything else passes through unchanged. Test-only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * - `lost-before-sending`: the connection drops before the server sees the request;
 * - `lost-after-storing`: the server carries it out, then the connection drops before its answer;
 * - `503-after-storing`: the server carries it out, then a gateway answers 503 instead;
 * - `{ status, outcome }`: the proxy answers with that status itself, and the server never sees the request; with
 *   an OperationOutcome of that issue code, or (`outcome: false`) a bare body that is not one, as gateways send.
 */
export type ProxyFault =
  | 'lost-before-sending'
  | 'lost-after-storing'
  | '503-after-storing'
  | { status: number; outcome: string | false; headers?: Record<string, string> };

export interface FaultProxy {
  /** The proxy's FHIR base: the target's path under the proxy's origin. */
  fhir: string;
  /**
   * Spoils the next request that `matches` (method and path under the origin, e.g. `POST /fhir/Consent`), once.
   * `answer` stands in for the target on paths it does not serve (e.g. an operation a plain server lacks).
   */
  spoil(matches: (method: string, path: string) => boolean, fault: ProxyFault): void;
  /** Faults set but not yet met (a test that expects its fault to fire checks this is 0). */
  readonly pending: number;
  /** Requests that passed, as `METHOD /path`. */
  readonly seen: string[];
  answer?: ((method: string, path: string, response: ServerResponse) => boolean) | undefined;
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFaultProxy(targetFhir: string): Promise<FaultProxy> {
  const target = new URL(targetFhir);
  const faults: { matches: (method: string, path: string) => boolean; fault: ProxyFault }[] = [];
  const seen: string[] = [];
  const proxy: FaultProxy = {
    fhir: '',
    spoil(matches, fault) {
      faults.push({ matches, fault });
    },
    get pending() {
      return faults.length;
    },
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', target);
      const path = url.pathname;
      const body = await readBody(request);
      const index = faults.findIndex((candidate) => candidate.matches(method, path));
      const fault = index === -1 ? undefined : faults.splice(index, 1)[0]?.fault;
      seen.push(`${method} ${path}`);
      if (fault === 'lost-before-sending') return void response.destroy();
      if (typeof fault === 'object') {
        const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: fault.outcome }] };
        return void response
          .writeHead(fault.status, { 'content-type': fault.outcome === false ? 'text/plain' : 'application/fhir+json', ...fault.headers })
          .end(fault.outcome === false ? 'Refused' : JSON.stringify(outcome));
      }
      if (proxy.answer?.(method, path, response)) return;
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers))
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)) headers.set(name, value);
      const answer = await fetch(new URL(`${url.pathname}${url.search}`, target), {
        method,
        headers,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
        redirect: 'manual',
      });
      const text = Buffer.from(await answer.arrayBuffer());
      if (fault === 'lost-after-storing') return void response.destroy();
      if (fault === '503-after-storing')
        return void response
          .writeHead(503, { 'content-type': 'application/fhir+json' })
          .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'transient' }] }));
      const passed: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive'].includes(name)) passed[name] = value;
      });
      response.writeHead(answer.status, passed).end(text);
    })().catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.fhir = `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`;
  return proxy;
}
