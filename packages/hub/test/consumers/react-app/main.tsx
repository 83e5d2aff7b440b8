// A React 19 vendor app: the generated React components, and one element used directly in JSX.
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { CareMedicationList, CareRecordProvider, CareRecordSummary } from '@care-record/react';
import type {} from '@care-record/components/frameworks/react';
import { beginSmartLaunch, completeSmartLaunch, createHubClient, type HubClient } from '@care-record/sdk';

function Record({ client }: { client: HubClient }) {
  const [chosen, setChosen] = useState('');
  return (
    <main>
      <h1>Patient record</h1>
      <CareRecordProvider client={client} patient="pat-000001">
        <care-patient-banner />
        <CareRecordSummary headingLevel={2} />
        <CareMedicationList onCareSelect={(event) => setChosen(`${event.detail.resourceType}/${event.detail.id}`)} />
      </CareRecordProvider>
      <p role="status">{chosen === '' ? '' : `Chosen: ${chosen}`}</p>
    </main>
  );
}

const iss = `${location.origin}/fhir`;
const here = location.origin + location.pathname;
if (!new URL(location.href).searchParams.has('code')) {
  location.assign(await beginSmartLaunch({ iss, clientId: 'vendor-react-app', redirectUri: here, scope: 'openid fhirUser user/*.rs' }));
} else {
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', here);
  const root = document.querySelector('#root');
  if (root) createRoot(root).render(<Record client={createHubClient({ baseUrl: iss, auth: session })} />);
}
