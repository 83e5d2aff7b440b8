/**
 * The mock GP system: signs the GP in with SMART (a standalone launch here; a
 * real GP system would do an EHR launch), lists today's patients, and puts the
 * chosen one in the care-record provider. Tokens stay in memory.
 */
import {
  beginSmartLaunch,
  completeSmartLaunch,
  createHubClient,
  formatClinicalName,
  selectOfficialName,
  type HubClient,
  type SmartSession,
} from '@care-record/sdk';
// The five elements this screen shows, and only those.
import '@care-record/components/provider/define.js';
import '@care-record/components/patient-banner/define.js';
import '@care-record/components/record-summary/define.js';
import '@care-record/components/medication-list/define.js';
import '@care-record/components/timeline/define.js';
import { showSignedIn } from '../signed-in.js';

const iss = `${location.origin}/fhir`;
const redirectUri = `${location.origin}/demo/gp/`;
/** The practice's list for today: the first residents of the synthetic borough registered at Tufnell Green Surgery. */
const todaysPatients = [
  'pat-000001',
  'pat-000002',
  'pat-000003',
  'pat-000004',
  'pat-000005',
  'pat-000006',
  'pat-000007',
  'pat-000008',
  'pat-000010',
];

const status = document.querySelector<HTMLElement>('#host-status');
const say = (text: string) => {
  if (status) status.textContent = text;
};

async function signIn(): Promise<{ hub: HubClient; session: SmartSession } | undefined> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) {
    location.assign(
      await beginSmartLaunch({ iss, clientId: 'junction-clinical-demo', redirectUri, scope: 'openid fhirUser offline_access user/*.rs' }),
    );
    return undefined;
  }
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', redirectUri);
  return { hub: createHubClient({ baseUrl: iss, auth: session, headers: { 'x-correlation-id': 'junction-clinical-demo' } }), session };
}

async function start(): Promise<void> {
  const signedIn = await signIn();
  if (!signedIn) return;
  const { hub, session } = signedIn;
  const provider = document.querySelector('care-record-provider');
  const list = document.querySelector('#patient-list');
  const layout = document.querySelector<HTMLElement>('#host-layout');
  const who = document.querySelector<HTMLElement>('#signed-in-as');
  const signOut = document.querySelector<HTMLButtonElement>('#sign-out');
  if (!provider || !list || !layout || !who || !signOut) return;
  void showSignedIn({ hub, session, who, signOut, record: layout, signInAgain: redirectUri });
  provider.client = hub;
  const found = await hub.get('/Patient', { query: { _id: todaysPatients, _count: 50 } });
  const patients = (found.entry ?? []).flatMap((entry) => (entry.resource?.resourceType === 'Patient' ? [entry.resource] : []));
  // Choosing an item in the record: the GP system would open its own screen for it.
  const opened = document.querySelector<HTMLElement>('#host-opened');
  provider.addEventListener('care-select', (event) => {
    const { resourceType, id } = event.detail;
    if (!opened) return;
    opened.textContent = `Opened in Junction Clinical: ${resourceType}/${id}`;
    opened.hidden = false;
  });
  const choose = (id: string) => {
    if (opened) opened.hidden = true;
    provider.patient = id;
    for (const button of list.querySelectorAll('button')) button.setAttribute('aria-current', String(button.dataset['patient'] === id));
  };
  // Today's list is the practice system's own; the hub names only the residents this user may see. The others
  // stay on the list, so that opening one shows why the record is not shown and how to get emergency access.
  for (const id of todaysPatients) {
    const patient = patients.find((candidate) => candidate.id === id);
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset['patient'] = id;
    button.textContent = patient ? formatClinicalName(selectOfficialName(patient.name)) : `Record not shared with you (${id})`;
    button.addEventListener('click', () => choose(id));
    item.append(button);
    list.append(item);
  }
  const requested = new URL(location.href).searchParams.get('patient');
  choose(requested && todaysPatients.includes(requested) ? requested : (patients[0]?.id ?? todaysPatients[0] ?? ''));
  say('');
}

start().catch((error: unknown) => say(`The record could not be opened: ${error instanceof Error ? error.message : String(error)}`));
