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
  acceptInvitation,
  beginSmartLaunch,
  HubError,
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
  list.replaceChildren();
  nobody.hidden = people.length > 0;
  picker.hidden = people.length === 0;
  if (people.length === 0) return;
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
}

/** What went wrong with a code, in words for the carer (the hub's own text is not shown: it may name someone). */
function invitationProblem(error: unknown): string {
  const codes = error instanceof HubError ? error.issueCodes.join(' ') : '';
  if (error instanceof RangeError) return 'Enter the invitation code you were given.';
  if (codes.includes('INVITATION_NOT_VALID'))
    return 'This code did not work. Check it, or ask the person who invited you for a new one: a code works once, for 7 days.';
  if (codes.includes('ALREADY_ACTING_FOR'))
    return 'You are already on this person’s record. Ask them to change what you can do in “People who can act for you”.';
  if (error instanceof HubError && error.status === 429) return 'Too many codes did not work. For your safety, try again in an hour.';
  return 'The invitation could not be accepted just now. Try again in a few minutes.';
}

/** Accepting a code: on success the person joins the list, chosen; on failure the code stays in the box with the reason. */
function offerInvitation(hub: HubClient, accepted: (patientId: string) => Promise<void>): void {
  const form = document.querySelector<HTMLFormElement>('#accept-invitation');
  const input = document.querySelector<HTMLInputElement>('#invitation-code');
  const problem = document.querySelector<HTMLElement>('#invitation-problem');
  const field = document.querySelector<HTMLElement>('#accept-field');
  const button = document.querySelector<HTMLButtonElement>('#accept-button');
  const done = document.querySelector<HTMLElement>('#accept-status');
  if (!form || !input || !problem || !field || !button || !done) return;
  form.hidden = false;
  const showProblem = (text: string | undefined) => {
    problem.textContent = text ? `Error: ${text}` : '';
    problem.hidden = text === undefined;
    field.classList.toggle('accept-field--problem', text !== undefined);
    input.setAttribute('aria-invalid', text === undefined ? 'false' : 'true');
    input.setAttribute('aria-describedby', text === undefined ? 'invitation-hint' : 'invitation-hint invitation-problem');
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    done.textContent = 'Accepting…';
    acceptInvitation(hub, input.value)
      .then(async (result) => {
        showProblem(undefined);
        input.value = '';
        await accepted(result.patientId);
        done.textContent = `Accepted. You can now act for ${result.name ?? 'them'}, as they chose.`;
      })
      .catch((error: unknown) => {
        done.textContent = '';
        showProblem(invitationProblem(error));
        input.focus();
      })
      .finally(() => button.setAttribute('aria-disabled', 'false'));
  });
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
  provider.client = signedIn.hub;
  const choose = (person: PersonActedFor) => {
    provider.hidden = false;
    provider.patient = person.patientId;
  };
  showPeople(await loadPeopleActedFor(signedIn.hub, signedIn.fhirUser), choose);
  say('');
  offerInvitation(signedIn.hub, async (patientId) => {
    const people = await loadPeopleActedFor(signedIn.hub, signedIn.fhirUser);
    showPeople(people, choose);
    const chosen = document.querySelector<HTMLInputElement>(`#people input[value="${CSS.escape(patientId)}"]`);
    if (chosen) {
      chosen.checked = true;
      chosen.dispatchEvent(new Event('change'));
    }
  });
}

start().catch((error: unknown) =>
  say(`We could not open the records you can see: ${error instanceof Error ? error.message : String(error)}`),
);
