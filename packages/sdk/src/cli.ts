#!/usr/bin/env node
/**
 * `CARE_RECORD_TOKEN=… npx @care-record/sdk check <fhir-base-url> [--patient ID] [--origin URL]`:
 * what the care record will use and miss on a FHIR server, in plain words.
 * Exits 1 when the record cannot be shown truthfully there, 2 on a usage error.
 * The token comes from `CARE_RECORD_TOKEN` or standard input (`--token-stdin`),
 * which keep it out of the process list and the shell's history; `--token T`
 * is still read, but the usage says why not to. It is never printed.
 */
import { checkServer, formatReport } from './check/check.js';

interface NodeProcess {
  argv: string[];
  env: Record<string, string | undefined>;
  exitCode?: number;
  stdout: { write(text: string): void };
  stderr: { write(text: string): void };
}
const { argv, env, stdout, stderr } = (globalThis as unknown as { process: NodeProcess }).process;
const setExitCode = (code: number) => ((globalThis as unknown as { process: NodeProcess }).process.exitCode = code);

const usage = `Usage: npx @care-record/sdk check <fhir-base-url> [--patient ID] [--origin URL] [--token-stdin]
  CARE_RECORD_TOKEN  a bearer token, when the server needs one, from the environment (never printed)
  --token-stdin      read the bearer token from standard input instead (a password manager, a file)
  --patient          a patient id to read: measures paging and batches
  --origin           the origin of the page that will embed the elements: checks CORS
  (--token TOKEN is still read, but do not use it: a token on the command line is seen by anyone
   who can list processes, and is kept in the shell's history)
`;

/** `check URL --name value …`: the positionals and the named values, or a message for a usage error. */
function parseCommandLine(args: readonly string[]): { positionals: string[]; values: Record<string, string> } | string {
  const positionals: string[] = [];
  const values: Record<string, string> = {};
  const names = new Set(['token', 'patient', 'origin']);
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--help' || arg === '-h') values['help'] = 'true';
    else if (arg === '--token-stdin') values['token-stdin'] = 'true';
    else if (arg.startsWith('--')) {
      const [name = '', inline] = arg.slice(2).split(/=(.*)/s);
      if (!names.has(name)) return `Unknown option --${name}`;
      const value = inline ?? args[++index];
      if (value === undefined || value === '') return `--${name} needs a value`;
      values[name] = value;
    } else positionals.push(arg);
  }
  return { positionals, values };
}

/** All of standard input, as text (the token, with `--token-stdin`). */
async function readStandardInput(): Promise<string> {
  const { stdin } = (globalThis as unknown as { process: { stdin: AsyncIterable<Uint8Array | string> } }).process;
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

async function main(): Promise<void> {
  const parsed = parseCommandLine(argv.slice(2));
  if (typeof parsed === 'string') {
    stderr.write(`${parsed}\n${usage}`);
    setExitCode(2);
    return;
  }
  const [command, baseUrl] = parsed.positionals;
  if (parsed.values['help'] || command !== 'check' || !baseUrl || !/^https?:\/\//.test(baseUrl)) {
    (parsed.values['help'] ? stdout : stderr).write(usage);
    setExitCode(parsed.values['help'] ? 0 : 2);
    return;
  }
  const token = parsed.values['token-stdin'] ? (await readStandardInput()).trim() : (parsed.values['token'] ?? env['CARE_RECORD_TOKEN']);
  const { patient, origin } = parsed.values;
  const report = await checkServer({
    baseUrl,
    ...(token ? { auth: token } : {}),
    ...(patient ? { patient } : {}),
    ...(origin ? { origin } : {}),
  });
  stdout.write(`${formatReport(report)}\n`);
  setExitCode(report.truthful ? 0 : 1);
}

await main();
