/**
 * SMART App Launch end to end in Chromium, against the real development
 * sign-in (mounted at /smart-test by web-test-runner.config.ts): the sign-in
 * page loads in a frame under its own CSP, a persona button is pressed, the
 * browser is sent back to a redirect_uri on another origin (127.0.0.1 instead
 * of localhost, as an app on its own dev server would be), and the session
 * then reads through the hub client and refreshes when the token expires.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { beginSmartLaunch, completeSmartLaunch, createHubClient, SmartLaunchError } from '../../src/index.js';

const fhirBaseUrl = `${location.origin}/smart-test/fhir`;
const authBaseUrl = `${location.origin}/smart-test/auth`;
const callbackOrigin = `http://127.0.0.1:${location.port}`;
const redirectUri = `${callbackOrigin}/smart-test/callback`;
const clientId = 'care-record-browser-test';

interface Read {
  subject: string;
  tokenId: string;
  patient?: string;
}

/** Shows the sign-in page in a frame, checks it, presses a button; resolves to the address the browser was sent back to. */
async function signInOnPage(authorizeUrl: string, choice: string): Promise<{ returnedTo: string; buttonColour: string }> {
  const frame = document.createElement('iframe');
  frame.title = 'Sign in';
  document.body.append(frame);
  try {
    let blocked: (error: Error) => void = () => undefined;
    const returned = new Promise<string>((resolve, reject) => {
      blocked = reject;
      const listener = (event: MessageEvent) => {
        if (event.source !== frame.contentWindow || event.origin !== callbackOrigin) return;
        window.removeEventListener('message', listener);
        resolve(String(event.data));
      };
      window.addEventListener('message', listener);
    });
    await new Promise((resolve) => {
      frame.addEventListener('load', resolve, { once: true });
      frame.src = authorizeUrl;
    });
    const page = frame.contentDocument;
    page?.addEventListener('securitypolicyviolation', (event) =>
      blocked(new Error(`The sign-in page's CSP blocked ${event.effectiveDirective}`)),
    );
    expect(page?.querySelector('h1')?.textContent).to.equal('Choose who to sign in as');
    expect(page?.body.textContent).to.contain('This is a development sign-in: no real people or passwords.');
    const button = page?.querySelector<HTMLButtonElement>(
      choice === 'cancel' ? 'button[name="cancel"]' : `button[name="persona"][value="${choice}"]`,
    );
    if (!button) throw new Error(`No ${choice} button on the sign-in page`);
    // The linked stylesheet applies under the page's CSP (NHS green buttons).
    const buttonColour = getComputedStyle(page?.querySelector('button.persona') ?? button).backgroundColor;
    button.click();
    return { returnedTo: await returned, buttonColour };
  } finally {
    frame.remove();
  }
}

describe('SMART App Launch in Chromium', function () {
  this.timeout(10_000);

  afterEach(() => sessionStorage.clear());

  it('signs a resident in, reads through the hub client, and refreshes after the token expires', async () => {
    const authorizeUrl = await beginSmartLaunch({
      clientId,
      redirectUri,
      scope: 'openid fhirUser launch/patient offline_access patient/*.rs',
      iss: fhirBaseUrl,
      allowedIssuers: [fhirBaseUrl],
    });
    expect(sessionStorage.length).to.equal(1);
    const { returnedTo, buttonColour } = await signInOnPage(authorizeUrl, 'resident');
    expect(buttonColour).to.equal('rgb(0, 127, 59)');
    expect(new URL(returnedTo).origin).to.equal(callbackOrigin);

    const session = await completeSmartLaunch(returnedTo);
    expect(sessionStorage.length).to.equal(0);
    expect(localStorage.length).to.equal(0);
    expect(document.cookie).to.equal('');
    expect(session.patient).to.equal('pat-0001');
    expect(session.fhirUser).to.equal('Patient/pat-0001');

    const hub = createHubClient({ baseUrl: session.iss, auth: session, retry: false });
    const configuration = await hub.get('/.well-known/smart-configuration');
    expect(configuration.code_challenge_methods_supported).to.deep.equal(['S256']);
    const patient = await hub.get('/Patient/{id}', { path: { id: 'pat-0001' } });
    expect(patient.id).to.equal('pat-0001');
    const firstToken = await session.getAccessToken();

    await executeServerCommand('smart-test-advance-clock', { seconds: 301 });
    const again = await Promise.all([1, 2, 3].map(() => hub.get('/Patient/{id}', { path: { id: 'pat-0001' } })));
    expect(again.map((read) => read.id)).to.deep.equal(['pat-0001', 'pat-0001', 'pat-0001']);
    expect(await session.getAccessToken()).not.to.equal(firstToken);
    const reads = await executeServerCommand<Read[], undefined>('smart-test-reads');
    const tokenIds = reads.slice(-4).map((read) => read.tokenId);
    expect(new Set(tokenIds.slice(1)).size).to.equal(1, 'one refresh served every waiting request');
    expect(tokenIds[1]).not.to.equal(tokenIds[0]);
    expect(reads.at(-1)?.subject).to.equal('resident');
    session.signOut();
  });

  it('shows a sign-in page that passes an axe check with its own stylesheet', async () => {
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: 'patient/*.rs', iss: fhirBaseUrl });
    // axe runs in this document, so the page's content is brought here (its CSP forbids running a script there).
    const signInPage = new DOMParser().parseFromString(await (await fetch(authorizeUrl)).text(), 'text/html');
    const stylesheet = document.createElement('link');
    stylesheet.rel = 'stylesheet';
    stylesheet.href = signInPage.querySelector('link[rel="stylesheet"]')?.getAttribute('href') ?? '';
    await new Promise((resolve) => {
      stylesheet.addEventListener('load', resolve, { once: true });
      document.head.append(stylesheet);
    });
    const shown = document.createElement('div');
    shown.append(...document.adoptNode(signInPage.body).childNodes);
    document.body.append(shown);
    try {
      expect(shown.querySelectorAll('button.persona').length).to.equal(5);
      await expect(shown).to.be.accessible();
    } finally {
      shown.remove();
      stylesheet.remove();
    }
  });

  it('reports a cancelled sign-in as access-denied', async () => {
    const authorizeUrl = await beginSmartLaunch({ clientId, redirectUri, scope: 'patient/*.rs', iss: fhirBaseUrl });
    const { returnedTo } = await signInOnPage(authorizeUrl, 'cancel');
    let failure: unknown;
    try {
      await completeSmartLaunch(returnedTo);
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(SmartLaunchError);
    expect((failure as SmartLaunchError).code).to.equal('access-denied');
    expect(sessionStorage.length).to.equal(0);
  });

  it('launches from a host system with the patient in context', async () => {
    const created = await fetch(`${authBaseUrl}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ patient: 'pat-0042', app: `${location.origin}/smart-test/launch` }),
    });
    const { url } = (await created.json()) as { url: string };
    const authorizeUrl = await beginSmartLaunch({ url, clientId, redirectUri, scope: 'openid fhirUser user/*.rs' });
    const { returnedTo } = await signInOnPage(authorizeUrl, 'gp');
    const session = await completeSmartLaunch(returnedTo);
    expect(session.patient).to.equal('pat-0042');
    expect(session.scope.split(' ')).to.include.members(['launch', 'user/*.rs']);
    const hub = createHubClient({ baseUrl: session.iss, auth: session });
    expect((await hub.get('/Patient/{id}', { path: { id: 'pat-0042' } })).id).to.equal('pat-0042');
    session.signOut();
  });
});
