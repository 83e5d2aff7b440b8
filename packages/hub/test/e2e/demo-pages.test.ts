/**
 * Every page a newcomer meets on the development server, as a vendor would
 * copy it: axe finds nothing at any impact level (critical to minor, best
 * practice included) with the record rendered; every demo host signs out at
 * the hub, after which the token the page held is refused; the landing page
 * fits a 360 px screen; and the API reference loads nothing from outside
 * the hub.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildOneFileEmbed, bundleExample, integrityOf, serveExample, serveOneFileExample } from '../../../../examples/pages.js';
import { serveWardFeed } from '../../../../examples/react-host/ward-feed.js';
import { buildSdkReference, EXTERNAL_LOAD, renderApiReference, SDK_REFERENCE, serveSite } from '../../../../examples/site.js';
import { chromiumArgs, chromiumPath } from '../../../../scripts/chromium.js';
import { axeFindings, horizontalOverflow, watchedPage } from '../support/pages.js';
import { startTestHub, type TestHub } from '../support/test-hub.js';

let testHub: TestHub;
let browser: Browser;
const reference = renderApiReference();
// Built by TypeDoc when missing or older than the SDK's sources (about 20 s).
buildSdkReference();

before(async () => {
  const [gp, resident, carer, plain, react, oneFile] = await Promise.all([
    bundleExample('gp-system/main.ts'),
    bundleExample('resident-portal/main.ts'),
    bundleExample('carer-portal/main.ts'),
    bundleExample('plain-html/embed.ts'),
    bundleExample('react-host/main.tsx'),
    buildOneFileEmbed(),
  ]);
  // A borough with residents on the trust's wards today, so that the ward board has patients.
  testHub = await startTestHub({
    seed: 'ward-6',
    beforeListen: (hub) => {
      serveWardFeed(hub.app, hub);
      serveSite(hub.app, { residents: 60, origin: 'http://127.0.0.1', reference, sdkReference: SDK_REFERENCE });
      serveExample(hub.app, { mount: '/demo/gp/', folder: 'gp-system', stylesheet: 'gp-system.css', scriptName: 'main.js', script: gp });
      serveExample(hub.app, {
        mount: '/demo/resident/',
        folder: 'resident-portal',
        stylesheet: 'resident-portal.css',
        scriptName: 'main.js',
        script: resident,
      });
      serveExample(hub.app, {
        mount: '/demo/carer/',
        folder: 'carer-portal',
        stylesheet: 'carer-portal.css',
        scriptName: 'main.js',
        script: carer,
      });
      serveExample(hub.app, {
        mount: '/demo/react/',
        folder: 'react-host',
        stylesheet: 'react-host.css',
        scriptName: 'main.js',
        script: react,
      });
      serveExample(hub.app, { mount: '/examples/plain-html/', folder: 'plain-html', scriptName: 'embed.js', script: plain });
      serveOneFileExample(hub.app, '/examples/one-file/', oneFile);
      // The same page whose embed is not the file its hash was taken from: the browser must refuse to run it.
      serveOneFileExample(hub.app, '/examples/one-file-altered/', oneFile, integrityOf(`${oneFile.script}\n`));
      hub.app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
    },
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});
after(async () => {
  await browser?.close();
  await testHub?.close();
});

/** Signs in on the hub's page as the persona, and keeps the access token the page is given. */
async function signIn(page: Page, path: string, persona: string): Promise<() => string> {
  let accessToken = '';
  page.on('response', (response) => {
    if (!response.url().endsWith('/auth/token')) return;
    void response
      .json()
      .then((body: { access_token?: string }) => (accessToken = body.access_token ?? accessToken))
      .catch(() => undefined);
  });
  await page.goto(`${testHub.origin}${path}`);
  await page.waitForURL(/\/auth\/authorize/);
  await page.locator(`button[name="persona"][value="${persona}"]`).click();
  await page.waitForURL(`${testHub.origin}${path}`);
  return () => accessToken;
}

/** Waits until an element's shadow root has rendered something other than its loading line. */
const rendered = (page: Page, tag: string) =>
  page.waitForFunction(
    (name) => {
      const text = document.querySelector(name)?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
      return text.length > 0 && !/^Loading|Loading…$/.test(text);
    },
    tag,
    { timeout: 20_000 },
  );

const demos: {
  name: string;
  path: string;
  persona: string;
  /** What shows the record is on screen; and a patient to choose first, where the host has a list. */
  ready: string[];
  choosesFromList?: boolean;
  /** A carer's page: the person to act for is chosen first. */
  choosesPerson?: boolean;
  /** A record the signed-in user may read (to show the token works, then does not). */
  readable?: string;
  /** Whether this host's header offers sign-out. */
  signsOut: boolean;
}[] = [
  {
    name: 'the GP system',
    path: '/demo/gp/',
    persona: 'gp',
    choosesFromList: true,
    ready: ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-timeline'],
    signsOut: true,
  },
  {
    name: 'the resident portal',
    path: '/demo/resident/',
    persona: 'resident',
    ready: ['care-patient-banner', 'care-record-summary', 'care-results', 'care-access-log', 'care-sharing'],
    signsOut: true,
  },
  {
    name: 'the carer portal',
    path: '/demo/carer/',
    persona: 'carer',
    choosesPerson: true,
    readable: '/Patient/pat-000003',
    ready: ['care-patient-banner', 'care-record-summary', 'care-medication-list', 'care-reading-form'],
    signsOut: true,
  },
  {
    name: 'the React ward board',
    path: '/demo/react/',
    persona: 'hospital-nurse',
    ready: ['care-patient-banner', 'care-record-summary', 'care-medication-list'],
    signsOut: true,
  },
  {
    name: 'the one-file embed',
    path: '/examples/one-file/',
    persona: 'gp',
    ready: ['care-patient-banner', 'care-record-summary', 'care-medication-list'],
    signsOut: true,
  },
  {
    name: 'the minimum embed',
    path: '/examples/plain-html/',
    persona: 'gp',
    ready: ['care-patient-banner', 'care-record-summary'],
    signsOut: true,
  },
];

describe('the one-file embed', () => {
  test('a page with no build step shows a real record from one script, and hears care-select', async () => {
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await signIn(page, '/examples/one-file/', 'gp');
    for (const tag of ['care-patient-banner', 'care-record-summary', 'care-medication-list']) await rendered(page, tag);
    const banner = await page.locator('care-patient-banner').evaluate((element) => element.shadowRoot?.textContent ?? '');
    assert.match(banner.replace(/\s+/g, ' '), /NHS No\. \d{3} \d{3} \d{4}/);
    // One module request for the whole package (and the page's own script).
    const scripts = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === 'script' || entry.name.endsWith('.js'))
        .map((entry) => new URL(entry.name).pathname),
    );
    assert.deepEqual([...new Set(scripts)].sort(), ['/examples/one-file/care-record.js', '/examples/one-file/page.js']);
    const item = page.locator('care-medication-list').locator('button, a').first();
    await item.click();
    await page.getByText(/^Chosen: MedicationRequest\//).waitFor();
    assert.deepEqual(problems, [], 'no CSP violations or console errors');
    await page.close();
  });

  test('a copy of the script that does not match its integrity hash is not run', async () => {
    const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
    await page.goto(`${testHub.origin}/examples/one-file-altered/`);
    await page.waitForFunction(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/care-record.js')));
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => customElements.get('care-record-provider')), undefined, 'no element was defined');
    assert.match(page.url(), /\/examples\/one-file-altered\/$/, 'the page did not go on to sign in');
    assert.ok(
      problems.some((problem) => /integrity/i.test(problem)),
      `the browser reported the integrity failure: ${problems.join(' | ')}`,
    );
    await page.close();
  });
});

describe('demo hosts', () => {
  for (const demo of demos) {
    test(`${demo.name}: nothing for axe at any impact level, and signing out ends the session at the hub`, async () => {
      const { page, problems } = await watchedPage(browser, { width: 1280, height: 900 });
      const token = await signIn(page, demo.path, demo.persona);
      // A host with a list opens the first patient the user may see.
      if (demo.choosesFromList)
        await page.locator('button[data-patient]').filter({ hasNotText: 'Record not shared with you' }).first().click();
      if (demo.choosesPerson) await page.locator('#people input[name="person"]').first().check();
      for (const tag of demo.ready) await rendered(page, tag);
      assert.deepEqual(await axeFindings(page), [], `${demo.name}: axe findings`);

      if (demo.signsOut) {
        assert.notEqual(token(), '', 'the page was given a token');
        assert.equal((await testHub.call(token(), '/metadata')).status, 200);
        const readable = demo.readable ?? '/Patient/pat-000001';
        assert.equal((await testHub.call(token(), readable)).status, 200, 'the token works before sign-out');
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByRole('heading', { name: 'You have signed out' }).waitFor();
        assert.equal((await testHub.call(token(), readable)).status, 401, 'the next request after sign-out is refused');
        // Nothing of the record is left on the page.
        assert.equal(await page.locator(demo.ready.join(', ')).count(), 0);
        assert.deepEqual(await axeFindings(page), [], `${demo.name} after sign-out: axe findings`);
      }
      assert.deepEqual(problems, [], 'no CSP violations or console errors');
      await page.close();
    });
  }
});

describe('the development server’s own pages', () => {
  test('the landing page: nothing for axe, and it fits a 360 px screen', async () => {
    for (const width of [360, 1280]) {
      const { page, problems } = await watchedPage(browser, { width, height: 800 });
      await page.goto(`${testHub.origin}/`);
      assert.equal(await horizontalOverflow(page), 0, `overflow at ${width} px`);
      assert.deepEqual(await axeFindings(page), [], `axe at ${width} px`);
      assert.deepEqual(problems, []);
      await page.close();
    }
  });

  test('the API reference renders from the hub alone: no request leaves it', async () => {
    assert.deepEqual(reference.html.match(EXTERNAL_LOAD) ?? [], [], 'the page names no CDN');
    assert.deepEqual(reference.viewer.match(EXTERNAL_LOAD) ?? [], [], 'the viewer names no CDN');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== testHub.origin && url.protocol !== 'data:' && url.protocol !== 'blob:') elsewhere.push(request.url());
    });
    await page.goto(`${testHub.origin}/docs/`);
    await page.getByText('care-record hub API', { exact: false }).first().waitFor({ timeout: 20_000 });
    await page
      .getByText('API docs by Redocly')
      .first()
      .scrollIntoViewIfNeeded()
      .catch(() => undefined);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(elsewhere, []);
    await page.close();
  });

  test('the SDK reference is served from the hub too, from the SDK’s own TSDoc', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin !== testHub.origin && url.protocol !== 'data:' && url.protocol !== 'blob:') elsewhere.push(request.url());
    });
    await page.goto(`${testHub.origin}/docs/sdk/`);
    await page
      .getByRole('heading', { name: /@care-record\/sdk/ })
      .first()
      .waitFor();
    await page.goto(`${testHub.origin}/docs/sdk/functions/index.createHubClient.html`);
    const text = (await page.locator('main, body').first().textContent()) ?? '';
    assert.match(text, /createHubClient/);
    assert.match(text, /HubClientOptions/);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(elsewhere, []);
    await page.close();
  });
});
