/**
 * Browser tests in the Debian Chromium (never a downloaded browser). The page
 * runs in a German locale and the New York time zone, so anything that leans
 * on the browser's locale instead of the NHS formats shows up as a failure.
 * The contract's example hub is mounted at /fhir on the same origin, and a
 * test hub with the real development SMART sign-in at /smart-test.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import type { TestRunnerConfig, TestRunnerPlugin } from '@web/test-runner';
import { playwrightLauncher, type PlaywrightLauncher } from '@web/test-runner-playwright';
import type { BrowserContext } from 'playwright';
import { chromiumArgs, chromiumPath } from './scripts/chromium.ts';
import { createExampleHubHandler, FHIR_BASE_PATH, type Answer } from './scripts/example-hub.ts';
import { countingReporter } from './scripts/wtr-counting-reporter.ts';
import { createSmartTestHub, type SmartTestHub } from './packages/hub/test/auth/smart-test-hub.ts';

const chromium = chromiumPath();

const exampleHub = createExampleHubHandler();

/** Lets browser tests script the example hub's answers and read what it received. */
const exampleHubCommands: TestRunnerPlugin = {
  name: 'example-hub-commands',
  executeCommand({ command, payload }) {
    if (command === 'example-hub-reset') {
      exampleHub.reset();
      return true;
    }
    if (command === 'example-hub-script') {
      const { operation, answers } = payload as { operation: string; answers: Answer[] };
      exampleHub.script(operation, (_, attempt) => answers[Math.min(attempt, answers.length) - 1] ?? 'example');
      return true;
    }
    if (command === 'example-hub-requests') {
      return exampleHub.requests.map((request) => ({
        operation: request.operation,
        url: request.url.pathname + request.url.search,
        headers: request.headers,
      }));
    }
    return undefined;
  },
};

/** The SMART sign-in, mounted once the server's port is known (the tokens' audience names it). */
const SMART_TEST_PATH = '/smart-test';
let smartTestHub: SmartTestHub | undefined;
const smartTestHubPlugin: TestRunnerPlugin = {
  name: 'smart-test-hub',
  async serverStart({ config }) {
    smartTestHub = await createSmartTestHub({ origin: `http://${config.hostname}:${config.port}`, basePath: SMART_TEST_PATH });
  },
  async serverStop() {
    await smartTestHub?.app.close();
  },
  executeCommand({ command, payload }) {
    if (command === 'smart-test-advance-clock') {
      smartTestHub?.advanceClock((payload as { seconds: number }).seconds);
      return true;
    }
    if (command === 'smart-test-reads')
      return smartTestHub?.reads.map(({ subject, tokenId, patient }) => ({ subject, tokenId, patient })) ?? [];
    return undefined;
  },
};

/**
 * Slows the test page's CPU (`Emulation.setCPUThrottlingRate`, as DevTools'
 * "mid-tier laptop" does at 4): what the components do on a slow machine is
 * tested on this one. A rate of 1 is the machine's own speed.
 */
const throttled = new WeakMap<object, Awaited<ReturnType<BrowserContext['newCDPSession']>>>();
const cpuThrottlePlugin: TestRunnerPlugin = {
  name: 'cpu-throttle',
  async executeCommand({ command, payload, session }) {
    if (command !== 'cpu-throttle') return undefined;
    const page = (session.browser as PlaywrightLauncher).getPage(session.id);
    // The session is kept: what it emulates lasts as long as it does.
    let cdp = throttled.get(page);
    if (!cdp) throttled.set(page, (cdp = await page.context().newCDPSession(page)));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: (payload as { rate: number }).rate });
    return true;
  },
};

const config: TestRunnerConfig = {
  files: ['packages/*/test/**/*.browser.test.ts'],
  // Workspace packages resolve to their TypeScript source (the `source` export condition), so nothing needs building first.
  nodeResolve: { exportConditions: ['source'] },
  concurrency: 1,
  testsFinishTimeout: 120_000,
  // A test's time limit is a hang detector, not a speed check (speed is measured in bench/): mocha's 2 s default
  // failed tests of a real element, hub and axe on a loaded machine. A test that needs longer still says so itself.
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath: chromium,
        args: chromiumArgs,
      },
      createBrowserContext: ({ browser }) => browser.newContext({ locale: 'de-DE', timezoneId: 'America/New_York' }),
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.base.json' }),
    exampleHubCommands,
    smartTestHubPlugin,
    cpuThrottlePlugin,
  ],
  middleware: [
    (context, next) => {
      if (!context.path.startsWith(`${FHIR_BASE_PATH}/`) && context.path !== FHIR_BASE_PATH) return next();
      context.respond = false;
      exampleHub.handle(context.req, context.res);
      return Promise.resolve();
    },
    (context, next) => {
      if (!context.path.startsWith(`${SMART_TEST_PATH}/`) || !smartTestHub) return next();
      context.respond = false;
      // Koa has already set 404; Fastify starts from whatever the response holds.
      context.res.statusCode = 200;
      smartTestHub.app.routing(context.req, context.res);
      return Promise.resolve();
    },
  ],
  reporters: [defaultReporter(), summaryReporter({}), countingReporter()],
};

export default config;
