/**
 * The resident portal: a resident signs in with the development SMART
 * standalone launch (PKCE) and sees their own record, shares readings and
 * medicines, sees who looked and sets their sharing choices. Tokens stay in
 * memory; the patient comes from the sign-in, never from the address bar.
 */
import { beginSmartLaunch, completeSmartLaunch, createHubClient, type HubClient, type SmartSession } from '@care-record/sdk';
import '@care-record/components/define.js';
import { showSignedIn } from '../signed-in.js';

const iss = `${location.origin}/fhir`;
const redirectUri = `${location.origin}/demo/resident/`;

const status = document.querySelector<HTMLElement>('#portal-status');
const say = (text: string) => {
  if (status) {
    status.textContent = text;
    status.hidden = text === '';
  }
};

async function signIn(): Promise<{ hub: HubClient; patientId: string; session: SmartSession } | undefined> {
  const here = new URL(location.href);
  if (!here.searchParams.has('code') && !here.searchParams.has('error')) {
    location.assign(
      await beginSmartLaunch({
        iss,
        clientId: 'islington-care-record-portal',
        redirectUri,
        scope:
          'openid fhirUser launch/patient offline_access patient/*.rs patient/Observation.c patient/MedicationStatement.c patient/Consent.cu patient/RelatedPerson.c',
      }),
    );
    return undefined;
  }
  const session = await completeSmartLaunch(location.href);
  history.replaceState(null, '', redirectUri);
  const patientId = session.patient;
  if (!patientId) throw new Error('The sign-in did not say whose record this is.');
  return {
    hub: createHubClient({ baseUrl: iss, auth: session, headers: { 'x-correlation-id': 'resident-portal-demo' } }),
    patientId,
    session,
  };
}

async function start(): Promise<void> {
  const signedIn = await signIn();
  if (!signedIn) return;
  const provider = document.querySelector('care-record-provider');
  if (!provider) return;
  provider.client = signedIn.hub;
  provider.patient = signedIn.patientId;
  const who = document.querySelector<HTMLElement>('#signed-in-as');
  const signOut = document.querySelector<HTMLButtonElement>('#sign-out');
  const main = document.querySelector<HTMLElement>('#main');
  const nav = document.querySelector<HTMLElement>('.portal-nav');
  if (who && signOut && main)
    void showSignedIn({
      hub: signedIn.hub,
      session: signedIn.session,
      who,
      signOut,
      record: main,
      signInAgain: redirectUri,
      alsoRemove: nav ? [nav] : [],
    });
  say('');
}

start().catch((error: unknown) => say(`We could not open your record: ${error instanceof Error ? error.message : String(error)}`));
