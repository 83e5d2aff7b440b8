// What a host page without a build step writes: sign in through the hub's SMART
// sign-in, give the provider a client, hear what the user chooses, sign out.
import { beginSmartLaunch, completeSmartLaunch, createHubClient } from './care-record.js';

const iss = `${location.origin}/fhir`;
const here = location.origin + location.pathname;
if (!new URL(location.href).searchParams.has('code')) {
  location.assign(await beginSmartLaunch({ iss, clientId: 'one-file-embed', redirectUri: here, scope: 'openid fhirUser user/*.rs' }));
} else {
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', here);
  document.querySelector('care-record-provider').client = createHubClient({ baseUrl: iss, auth: session });
  document.addEventListener('care-select', (event) => {
    document.querySelector('#chosen').textContent = `Chosen: ${event.detail.resourceType}/${event.detail.id}`;
  });
  const signOut = document.querySelector('#sign-out');
  const record = document.querySelector('#record');
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
