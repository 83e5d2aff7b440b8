#!/usr/bin/env node
/**
 * care-record-hub: the reference hub on one command.
 *
 *   care-record-hub [--residents 2000] [--store sqlite:.data/hub.db | --store postgres://… | --db .data/hub.db]
 *                   [--port 8080] [--host 127.0.0.1] [--origin https://hub.example] [--other-origin URL]… [--seed islington]
 *                   [--faults latency=300,5xx=0.1,...] [--trust-issuers issuers.json]
 *
 * The first start creates the database and seeds it with a synthetic borough.
 * Several processes may serve one database behind a load balancer: give each
 * the address clients use (`--origin`), and they share sessions and records;
 * `--other-origin` (as often as needed) names each other address the hub is
 * reached at (an internal name, the process's own), so that a reference to a
 * directory entry at any of them is read as one to this hub's entry.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseExternalIssuers } from './auth/external-issuers.js';
import { parseFaults } from './faults.js';
import { createHub } from './hub.js';

const usage = `Usage: care-record-hub [--residents N] [--store SPEC | --db PATH] [--port N] [--host HOST] [--seed TEXT] [--faults LIST]
                       [--trust-issuers FILE] [--origin URL] [--other-origin URL]…
  --residents  residents in the synthetic borough (default 2000; Islington has about 206000)
  --store      where the hub keeps everything: sqlite:PATH (default sqlite:.data/hub.db) or postgres://user@host:port/database
  --db         SQLite file, created and seeded on first start: the same as --store sqlite:PATH
  --origin     where clients reach the hub, when not http://HOST:PORT (several processes behind one address)
  --other-origin  another address the hub is reached at (an internal name, this process's own); repeat for each, or
               list them with commas: a reference to an entry at any of them is to this hub's entry
  --faults     fault injection, e.g. latency=300,5xx=0.1,429=0.05,reset=0.02,malformed=0.01,unavailable=F83003
  --trust-issuers  JSON file of identity providers whose access tokens the hub also accepts (see the README)
  --audit-retention-months  whole months of AuditEvents kept besides this one (default: all kept)`;

async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      residents: { type: 'string', default: '2000' },
      store: { type: 'string' },
      db: { type: 'string' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string' },
      'other-origin': { type: 'string', multiple: true },
      seed: { type: 'string', default: 'islington' },
      faults: { type: 'string' },
      'trust-issuers': { type: 'string' },
      'audit-retention-months': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const residents = Number(values.residents);
  const port = Number(values.port);
  if (!Number.isInteger(residents) || residents < 1 || residents > 500_000)
    throw new Error('--residents must be a whole number from 1 to 500000');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be a port number');
  const faults = values.faults ? parseFaults(values.faults) : undefined;
  const trustedIssuers = values['trust-issuers'] ? readTrustedIssuers(values['trust-issuers']) : undefined;
  if (values.store !== undefined && values.db !== undefined) throw new Error('Give --store or --db, not both');
  const store = values.store ?? `sqlite:${values.db ?? '.data/hub.db'}`;
  const retention = values['audit-retention-months'] === undefined ? undefined : Number(values['audit-retention-months']);
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 0))
    throw new Error('--audit-retention-months must be a whole number of months');

  const origin = values.origin
    ? new URL(values.origin).origin
    : `http://${values.host.includes(':') ? `[${values.host}]` : values.host}:${port}`;
  const hub = await createHub({
    store,
    residents,
    ...(retention === undefined ? {} : { auditRetentionMonths: retention }),
    seed: values.seed,
    origin,
    otherOrigins: (values['other-origin'] ?? []).flatMap((list) => list.split(',')).filter((other) => other.trim() !== ''),
    ...(faults ? { faults } : {}),
    ...(trustedIssuers ? { trustedIssuers } : {}),
    log: (line) => console.log(line),
    progress: (done, total) => {
      if (done % 10_000 === 0 || done === total) console.log(`seeding: ${done} of ${total} residents`);
    },
  });
  if (hub.seeded.seeded) {
    console.log(
      `seeded ${hub.seeded.residents} residents (${hub.seeded.resources} resources) in ${(hub.seeded.milliseconds / 1000).toFixed(1)} s`,
    );
  }
  await hub.app.listen({ port, host: values.host });
  console.log(`care-record hub: FHIR at ${hub.fhirBaseUrl}, sign-in at ${origin}/auth/authorize${faults ? ' (fault injection on)' : ''}`);
  for (const other of values['other-origin'] ?? []) console.log(`also reached at ${other}`);
  for (const issuer of trustedIssuers ?? []) console.log(`also accepting access tokens from ${issuer.issuer}`);
}

function readTrustedIssuers(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--trust-issuers: ${path} could not be read as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseExternalIssuers(json);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
