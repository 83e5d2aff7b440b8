/**
 * The carer portal: someone who cares for a resident signs in (development
 * SMART standalone launch, PKCE) as themself — a RelatedPerson — chooses one
 * of the people they act for, and sees that person's record under a line
 * naming them, in the resident's plain English about someone else. Choosing
 * another person is a patient switch: the provider drops everything of the
 * previous one before the next is shown. What they may see and add is the
 * person's choice, enforced by the hub on every request.
 */
import {
  beginSmartLaunch,
  completeSmartLaunch,
  createHubClient,
  loadPeopleActedFor,
  type HubClient,
  type PersonActedFor,
  type SmartSession,
} from '@care-record/sdk';
import '@care-record/components/define.js';
import { showSignedIn } from '../signed-in.js';

const iss = `${location.origin}/fhir`;
const redirectUri = `${location.origin}/demo/carer/`;

const status = document.querySelector<HTMLElement>('#portal-status');
const say = (text: string) => {
  if (status) {
    status.textContent = text;
    status.hidden = text === '';
  }
};

async function signIn(): Promise<{ hub: HubClient; session: SmartSession; fhirUser: string } | undefined> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) {
    location.assign(
      await beginSmartLaunch({
        iss,
        clientId: 'islington-care-record-carer',
        redirectUri,
        scope: 'openid fhirUser offline_access user/*.rs user/Observation.c user/MedicationStatement.c',
      }),
    );
    return undefined;
  }
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', redirectUri);
  const fhirUser = session.fhirUser;
  if (!fhirUser?.startsWith('RelatedPerson/')) throw new Error('This page is for carers. Sign in as someone who cares for a resident.');
  return { hub: createHubClient({ baseUrl: iss, auth: session, headers: { 'x-correlation-id': 'carer-portal-demo' } }), session, fhirUser };
}

function showPeople(people: PersonActedFor[], choose: (person: PersonActedFor) => void): void {
  const picker = document.querySelector<HTMLFieldSetElement>('#person-picker');
  const list = document.querySelector<HTMLElement>('#people');
  const nobody = document.querySelector<HTMLElement>('#nobody');
  if (!picker || !list || !nobody) return;
  if (people.length === 0) {
    nobody.hidden = false;
    return;
  }
  for (const person of people) {
    const label = document.createElement('label');
    label.className = 'person';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'person';
    input.value = person.patientId;
    input.addEventListener('change', () => choose(person));
    const text = document.createElement('span');
    text.textContent = `${person.name} (you are their ${person.relationship === 'carer' ? 'carer' : person.relationship})`;
    label.append(input, text);
    list.append(label);
  }
  picker.hidden = false;
}

async function start(): Promise<void> {
  const signedIn = await signIn();
  if (!signedIn) return;
  const provider = document.querySelector('care-record-provider');
  const who = document.querySelector<HTMLElement>('#signed-in-as');
  const signOut = document.querySelector<HTMLButtonElement>('#sign-out');
  const main = document.querySelector<HTMLElement>('#main');
  if (!provider) return;
  if (who && signOut && main)
    void showSignedIn({ hub: signedIn.hub, session: signedIn.session, who, signOut, record: main, signInAgain: redirectUri });
  say('Finding the people you care for…');
  const people = await loadPeopleActedFor(signedIn.hub, signedIn.fhirUser);
  say('');
  provider.client = signedIn.hub;
  showPeople(people, (person) => {
    provider.hidden = false;
    provider.patient = person.patientId;
  });
}

start().catch((error: unknown) =>
  say(`We could not open the records you can see: ${error instanceof Error ? error.message : String(error)}`),
);
