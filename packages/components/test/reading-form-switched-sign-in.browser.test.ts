/**
 * A host that signs someone else in on the same client (its token source now says another `fhirUser`) without the
 * form updating: the form noticed only at its next update, so a reading typed while one person was signed in was sent,
 * on "Share", with the other person's sign-in. Now its outbox checks who its client signs in as before every attempt
 * (the SDK's submission queue): nothing typed is sent as anyone else, nor left on screen for them.
 *
 * The class, in real Chromium with the real SDK client and a plain FHIR server at the edge: what is typed (a weight, a
 * blood pressure, a medicine) × who is signed in at "Share" (another person, a sign-in that does not say who).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createHubClient } from '@care-record/sdk';
import '../src/define.js';
import type { CareReadingForm } from '../src/index.js';
import { $, settled, text } from './support/dom.js';
import { createPlainFhir } from './support/plain-fhir-fetch.js';
import { addResident, BASE, PATIENT, type as typeInto } from './support/resident-screens.js';

type SignIn = { token: string; fhirUser: string | undefined };
const SHARER: SignIn = { token: 'token-of-a', fhirUser: 'Patient/pat-000001' };
const OTHERS: Record<string, SignIn> = {
  'another person': { token: 'token-of-b', fhirUser: 'RelatedPerson/rp-9' },
  'a sign-in that does not say who': { token: 'token-of-c', fhirUser: undefined },
};
const TYPED = {
  weight: { fields: { kilograms: '70.4' }, shown: '70.4' },
  'blood-pressure': { fields: { systolic: '121', diastolic: '79' }, shown: '121' },
  medicine: { fields: { name: 'Ibuprofen 200mg tablets' }, shown: 'Ibuprofen' },
} as const;

/** Types `kind` signed in as the sharer, switches the same client to `other`, then presses "Share". */
async function shareAfterSwitch(kind: keyof typeof TYPED, other: SignIn) {
  const plain = createPlainFhir(BASE);
  addResident(plain);
  const now: SignIn = { ...SHARER };
  const posted: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === 'POST') posted.push(request.headers.get('authorization') ?? '');
    return plain.fetch(request);
  };
  const client = createHubClient({
    baseUrl: BASE,
    auth: {
      getAccessToken: () => now.token,
      get fhirUser() {
        return now.fhirUser;
      },
    },
    retry: false,
    fetch,
  });
  const element = await fixture<CareReadingForm>(
    html`<care-reading-form .client=${client} patient=${PATIENT} .queueOptions=${{ baseDelayMs: 5, maxAttempts: 2 }}></care-reading-form>`,
  );
  await settled(element);
  $(element, `#kind-${kind}`)!.click();
  await settled(element);
  for (const [id, value] of Object.entries(TYPED[kind].fields)) typeInto(element, `#${id}`, value);
  if ($(element, '#confirmed')) $(element, '#confirmed')!.click();
  await settled(element);
  Object.assign(now, other);
  $(element, '[part~="submit-button"]')!.click();
  await settled(element);
  await new Promise((resolve) => setTimeout(resolve, 200));
  await settled(element);
  const onScreen = [...element.shadowRoot!.querySelectorAll('input')].map((input) => input.value).join(' ') + text(element);
  return { asOther: posted.filter((token) => token !== `Bearer ${SHARER.token}`), onScreen };
}

describe('the reading form shares as whoever is signed in when she presses Share', function () {
  this.timeout(60_000);

  it('reported: a weight typed while she was signed in is not sent as another person signed in on the same client', async () => {
    const { asOther, onScreen } = await shareAfterSwitch('weight', OTHERS['another person']!);
    expect(asOther).to.deep.equal([]);
    expect(onScreen).not.to.contain('70.4');
  });

  it('class: what is typed × who is signed in at Share', async () => {
    const wrong: string[] = [];
    for (const kind of Object.keys(TYPED) as (keyof typeof TYPED)[])
      for (const [who, other] of Object.entries(OTHERS)) {
        const { asOther, onScreen } = await shareAfterSwitch(kind, other);
        if (asOther.length > 0) wrong.push(`${kind}, ${who}: sent with ${asOther.join(', ')}`);
        if (onScreen.includes(TYPED[kind].shown)) wrong.push(`${kind}, ${who}: still on screen`);
      }
    expect(wrong, `${wrong.length} wrong`).to.deep.equal([]);
  });
});
