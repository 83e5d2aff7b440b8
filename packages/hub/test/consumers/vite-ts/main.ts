// The README's usage, as a vendor's Vite + TypeScript app writes it against the installed packages.
import '@care-record/components/define.js';
import { beginSmartLaunch, completeSmartLaunch, createHubClient } from '@care-record/sdk';

const iss = `${location.origin}/fhir`;
const here = location.origin + location.pathname;
if (!new URL(location.href).searchParams.has('code')) {
  location.assign(await beginSmartLaunch({ iss, clientId: 'vendor-vite-app', redirectUri: here, scope: 'openid fhirUser user/*.rs' }));
} else {
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', here);
  const provider = document.querySelector('care-record-provider');
  if (provider) provider.client = createHubClient({ baseUrl: iss, auth: session });
  document.addEventListener('care-select', (event) => {
    const chosen = document.querySelector<HTMLElement>('#chosen');
    if (chosen) chosen.textContent = `Chosen: ${event.detail.resourceType}/${event.detail.id}`;
  });
}
