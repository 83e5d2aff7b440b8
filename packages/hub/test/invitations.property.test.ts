/**
 * Invitation codes as a class: on a real SQLite store, every string that is
 * not the code (after ignoring case, spaces and hyphens) is refused with one
 * answer and changes nothing; every way of typing the code is accepted; a
 * code works until it expires and never after; and the failure limit holds
 * for one account within the window and lifts after it.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { buildProxyConsent, CARER_ACCOUNT_SYSTEM } from '@care-record/sdk';
import { FhirHttpError } from '../src/fhir/outcome.js';
import {
  acceptInvitation,
  createInvitation,
  INVITATION_FAILURE_LIMIT,
  INVITATION_FAILURE_WINDOW_MS,
  INVITATION_LIFETIME_MS,
  normaliseInvitationCode,
} from '../src/policy/invitations.js';
import type { HubStore } from '../src/store/store.js';
import { openTestStore } from './support/test-store.js';

let store: HubStore;
before(async () => {
  store = await openTestStore();
});
after(async () => {
  await store.close();
});

const NOW = Date.parse('2026-12-04T09:00:00Z');
let people = 0;

/** A resident with someone invited: a fresh Patient, RelatedPerson (no account) and proposed permission. */
async function invitee(): Promise<{ patientId: string; relatedPersonId: string }> {
  people += 1;
  const patientId = `pat-prop-${people}`;
  const relatedPersonId = `rp-prop-${people}`;
  await store.put({ resourceType: 'Patient', id: patientId, birthDate: '1950-01-01', name: [{ text: `Resident ${people}` }] }, NOW);
  await store.put(
    {
      resourceType: 'RelatedPerson',
      id: relatedPersonId,
      active: true,
      patient: { reference: `Patient/${patientId}` },
      name: [{ text: 'Friend' }],
    },
    NOW,
  );
  const consent = buildProxyConsent({ patientId, relatedPersonId, actions: ['view-record'], withheld: [], status: 'proposed' });
  await store.put(
    { ...consent, id: `proxy-prop-${people}`, performer: [{ reference: `Patient/${patientId}` }], dateTime: '2026-12-01T09:00:00Z' },
    NOW,
  );
  return { patientId, relatedPersonId };
}

const codeOf = (error: unknown) => (error instanceof FhirHttpError ? error.detail : String(error));
const linked = async (relatedPersonId: string) =>
  JSON.stringify((await store.read('RelatedPerson', relatedPersonId))?.resource ?? {}).includes(CARER_ACCOUNT_SYSTEM);
let accounts = 0;
const freshAccount = () => `carer-prop-${(accounts += 1)}`;

test('anything but the code is refused with one answer and changes nothing', async () => {
  const { patientId, relatedPersonId } = await invitee();
  const { code } = await createInvitation(store, patientId, relatedPersonId, NOW);
  const valid = normaliseInvitationCode(code);
  const alphabet = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
  // Near misses (one character changed, dropped or added) and anything at all.
  const nearMiss = fc
    .tuple(fc.nat({ max: 11 }), fc.constantFrom(...alphabet), fc.constantFrom('change', 'drop', 'add'))
    .map(([at, character, how]) => {
      const plain = valid ?? '';
      if (how === 'drop') return plain.slice(0, at) + plain.slice(at + 1);
      if (how === 'add') return plain.slice(0, at) + character + plain.slice(at);
      return plain.slice(0, at) + character + plain.slice(at + 1);
    });
  await fc.assert(
    fc.asyncProperty(fc.oneof(nearMiss, fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Z2-9]{12}$/)), async (typed) => {
      fc.pre(normaliseInvitationCode(typed) !== valid);
      await assert.rejects(
        () => acceptInvitation(store, freshAccount(), typed, NOW),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
      assert.equal(await linked(relatedPersonId), false);
    }),
    { numRuns: 2_000, seed: 20261222 },
  );
  // The code still works after all of that.
  assert.equal((await acceptInvitation(store, freshAccount(), code, NOW)).relatedPersonId, relatedPersonId);
});

test('every way of typing the code is accepted, once', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.constantFrom('lower', 'space', 'hyphen', 'pad'), { maxLength: 4 }), async (styles) => {
      const { patientId, relatedPersonId } = await invitee();
      const { code } = await createInvitation(store, patientId, relatedPersonId, NOW);
      let typed = code;
      for (const style of styles) {
        if (style === 'lower') typed = typed.toLowerCase();
        if (style === 'space') typed = typed.replaceAll('-', ' ');
        if (style === 'hyphen') typed = typed.replaceAll('-', '').replace(/(.{3})/g, '$1-');
        if (style === 'pad') typed = `  ${typed}\t`;
      }
      const account = freshAccount();
      assert.equal((await acceptInvitation(store, account, typed, NOW)).relatedPersonId, relatedPersonId);
      assert.equal(await linked(relatedPersonId), true);
      const consent = (await store.read('Consent', `proxy-prop-${people}`))?.resource;
      assert.equal(consent?.['status'], 'active', 'the permission is in force');
      await assert.rejects(
        () => acceptInvitation(store, freshAccount(), typed, NOW),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
    }),
    { numRuns: 200, seed: 20261223 },
  );
});

test('a code works until it expires, and never after', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: -INVITATION_LIFETIME_MS, max: INVITATION_LIFETIME_MS }), async (offset) => {
      const { patientId, relatedPersonId } = await invitee();
      const { code, expires } = await createInvitation(store, patientId, relatedPersonId, NOW);
      assert.equal(expires, NOW + INVITATION_LIFETIME_MS);
      const at = expires + offset;
      if (at <= expires) assert.equal((await acceptInvitation(store, freshAccount(), code, at)).relatedPersonId, relatedPersonId);
      else
        await assert.rejects(
          () => acceptInvitation(store, freshAccount(), code, at),
          (error) => codeOf(error) === 'INVITATION_NOT_VALID',
        );
    }),
    { numRuns: 300, seed: 20261224 },
  );
});

test('the failure limit holds for one account within the window, and lifts after it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat({ max: INVITATION_FAILURE_WINDOW_MS - 1 }), { minLength: INVITATION_FAILURE_LIMIT, maxLength: 8 }),
      async (delays) => {
        const account = freshAccount();
        const start = NOW + people * 10 * INVITATION_FAILURE_WINDOW_MS;
        const times = [...delays].sort((a, b) => a - b).map((delay) => start + delay);
        for (const [index, at] of times.entries()) {
          const expected = index < INVITATION_FAILURE_LIMIT ? 'INVITATION_NOT_VALID' : 'TOO_MANY_REQUESTS';
          await assert.rejects(
            () => acceptInvitation(store, account, 'AAAA-AAAA-AAAA', at),
            (error) => codeOf(error) === expected,
          );
        }
        const { patientId, relatedPersonId } = await invitee();
        const { code } = await createInvitation(store, patientId, relatedPersonId, start);
        const last = times.at(-1) ?? start;
        await assert.rejects(
          () => acceptInvitation(store, account, code, last),
          (error) => codeOf(error) === 'TOO_MANY_REQUESTS',
        );
        assert.equal(await linked(relatedPersonId), false, 'a blocked try changes nothing');
        // An hour after the failures that counted, the account may try again.
        const free = Math.max(...times.slice(0, INVITATION_FAILURE_LIMIT)) + INVITATION_FAILURE_WINDOW_MS + 1;
        assert.equal((await acceptInvitation(store, account, code, free)).relatedPersonId, relatedPersonId);
      },
    ),
    { numRuns: 100, seed: 20261225 },
  );
});

/**
 * A carer who presses Try again after a lost answer sends the code they already accepted. Whatever comes between —
 * more repeats, however typed; someone else trying the same code — a repeat by the same account answers as the
 * first acceptance did, changes nothing and never counts toward the failure limit; anyone else is refused and
 * counted; and once the permission is stopped, the repeat no longer works.
 */
test('accepting again is the same success for the same account, and for no one else', async () => {
  type Step = { kind: 'repeat'; typed: 'as given' | 'lower' | 'spaced' } | { kind: 'someone else' };
  const steps: fc.Arbitrary<Step[]> = fc.array(
    fc.oneof(
      fc.record({ kind: fc.constant('repeat' as const), typed: fc.constantFrom('as given' as const, 'lower' as const, 'spaced' as const) }),
      fc.constant({ kind: 'someone else' as const }),
    ),
    { minLength: 1, maxLength: 12 },
  );
  await fc.assert(
    fc.asyncProperty(steps, fc.nat({ max: INVITATION_LIFETIME_MS - 1 }), async (plan, later) => {
      const { patientId, relatedPersonId } = await invitee();
      const { code } = await createInvitation(store, patientId, relatedPersonId, NOW);
      const account = freshAccount();
      const first = await acceptInvitation(store, account, code, NOW);
      const linkedVersion = (await store.read('RelatedPerson', relatedPersonId))?.versionId;
      for (const step of plan) {
        if (step.kind === 'someone else') {
          const other = freshAccount();
          await assert.rejects(
            () => acceptInvitation(store, other, code, NOW + later),
            (error) => codeOf(error) === 'INVITATION_NOT_VALID',
          );
          assert.equal(await store.invitationFailures(other, NOW), 1, 'someone else’s try is counted');
          continue;
        }
        const typed = step.typed === 'lower' ? code.toLowerCase() : step.typed === 'spaced' ? code.replaceAll('-', ' ') : code;
        assert.deepEqual(await acceptInvitation(store, account, typed, NOW + later), first);
      }
      assert.equal(await store.invitationFailures(account, NOW - INVITATION_FAILURE_WINDOW_MS), 0, 'no repeat was a failure');
      const person = await store.read('RelatedPerson', relatedPersonId);
      assert.equal(person?.versionId, linkedVersion, 'a repeat changes nothing');
      const accounts = ((person?.resource['identifier'] as { system?: unknown }[] | undefined) ?? []).filter(
        (identifier) => identifier.system === CARER_ACCOUNT_SYSTEM,
      );
      assert.equal(accounts.length, 1);
      // The resident puts the permission back to waiting: it is not in force, and a repeat is not told it is.
      const consentId = `proxy-prop-${people}`;
      const consent = (await store.read('Consent', consentId))?.resource;
      assert.equal(consent?.['status'], 'active');
      await store.put({ ...consent, status: 'proposed' }, NOW + later);
      await assert.rejects(
        () => acceptInvitation(store, account, code, NOW + later),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
      await store.put({ ...consent, status: 'active' }, NOW + later);
      assert.deepEqual(await acceptInvitation(store, account, code, NOW + later), first, 'in force again: the same success');
      // The resident stops the permission (as `PUT /Consent` does, cancelling the code): a repeat no longer works.
      await store.put({ ...consent, status: 'inactive' }, NOW + later);
      await store.dropInvitation(relatedPersonId, NOW + later);
      await assert.rejects(
        () => acceptInvitation(store, account, code, NOW + later),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
    }),
    { numRuns: 60, seed: 20261226 },
  );
});
