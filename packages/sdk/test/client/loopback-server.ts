/**
 * A bare FHIR-ish server on 127.0.0.1 for tests that need to answer the way
 * other servers (HAPI, gateways, proxies) do: redirects, bodies that stall or
 * break off halfway, HTML error pages. Each test sets `answer`; every request
 * is recorded with its headers and body.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import assert from 'node:assert/strict';
import { HubError } from '../../src/index.js';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LoopbackServer {
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly requests: SeenRequest[];
  answer: (request: SeenRequest, response: ServerResponse) => void;
  close(): Promise<void>;
}

export const fhirJson = { 'content-type': 'application/fhir+json' };

export async function startLoopbackServer(): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const open = new Set<ServerResponse>();
  const state: Pick<LoopbackServer, 'answer'> = {
    answer: (_, response) => {
      response.writeHead(404, fhirJson).end('{"resourceType":"OperationOutcome","issue":[]}');
    },
  };
  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const seen = {
        method: incoming.method ?? '',
        url: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      open.add(response);
      response.on('close', () => open.delete(response));
      state.answer(seen, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    get answer() {
      return state.answer;
    },
    set answer(answer) {
      state.answer = answer;
    },
    async close() {
      // Answers left hanging on purpose are cut off, so close() does not wait for them.
      for (const response of open) response.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The HubError a call fails with; fails the test if it succeeds or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof HubError, `expected a HubError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}
