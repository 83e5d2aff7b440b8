/**
 * The whole embed: define the elements it shows (only those, so the page
 * carries their code and no other), sign in, give the provider a client —
 * and sign out: end the session at the hub and drop the record from the page.
 */
import { beginSmartLaunch, completeSmartLaunch, createHubClient } from '@care-record/sdk';
import '@care-record/components/provider/define.js';
import '@care-record/components/patient-banner/define.js';
import '@care-record/components/record-summary/define.js';

const iss = `${location.origin}/fhir`;
const here = location.origin + location.pathname;
if (!new URL(location.href).searchParams.has('code')) {
  location.assign(await beginSmartLaunch({ iss, clientId: 'plain-html-embed', redirectUri: here, scope: 'openid fhirUser user/*.rs' }));
} else {
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', here);
  const provider = document.querySelector('care-record-provider');
  if (provider) provider.client = createHubClient({ baseUrl: iss, auth: session });
  const signOut = document.querySelector<HTMLButtonElement>('#sign-out');
  const record = document.querySelector<HTMLElement>('#record');
  if (signOut && record) {
    signOut.hidden = false;
    signOut.addEventListener('click', () => {
      signOut.disabled = true;
      void session.signOut().then(() => {
        const heading = document.createElement('h1');
        heading.textContent = 'You have signed out';
        heading.tabIndex = -1;
        record.replaceChildren(heading);
        signOut.hidden = true;
        heading.focus();
      });
    });
  }
}
