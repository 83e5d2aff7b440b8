/**
 * Invitation codes as a class: on a real SQLite store, every string that is
 * not the code (after ignoring case, spaces and hyphens) is refused with one
 * answer and changes nothing; every way of typing the code is accepted; a
 * code works until it expires and never after; and the failure limit holds
 * for one account within the window and lifts after it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
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
import { HubStore } from '../src/store/store.js';

const directory = mkdtempSync(join(tmpdir(), 'care-record-invitations-'));
const store = new HubStore(join(directory, 'hub.db'));
after(() => {
  store.close();
  rmSync(directory, { recursive: true, force: true });
});

const NOW = Date.parse('2026-12-04T09:00:00Z');
let people = 0;

/** A resident with someone invited: a fresh Patient, RelatedPerson (no account) and proposed permission. */
function invitee(): { patientId: string; relatedPersonId: string } {
  people += 1;
  const patientId = `pat-prop-${people}`;
  const relatedPersonId = `rp-prop-${people}`;
  store.put({ resourceType: 'Patient', id: patientId, birthDate: '1950-01-01', name: [{ text: `Resident ${people}` }] }, NOW);
  store.put(
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
  store.put(
    { ...consent, id: `proxy-prop-${people}`, performer: [{ reference: `Patient/${patientId}` }], dateTime: '2026-12-01T09:00:00Z' },
    NOW,
  );
  return { patientId, relatedPersonId };
}

const codeOf = (error: unknown) => (error instanceof FhirHttpError ? error.detail : String(error));
const linked = (relatedPersonId: string) =>
  JSON.stringify(store.read('RelatedPerson', relatedPersonId)?.resource ?? {}).includes(CARER_ACCOUNT_SYSTEM);
let accounts = 0;
const freshAccount = () => `carer-prop-${(accounts += 1)}`;

test('anything but the code is refused with one answer and changes nothing', () => {
  const { patientId, relatedPersonId } = invitee();
  const { code } = createInvitation(store, patientId, relatedPersonId, NOW);
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
  fc.assert(
    fc.property(fc.oneof(nearMiss, fc.string({ maxLength: 40 }), fc.stringMatching(/^[A-Z2-9]{12}$/)), (typed) => {
      fc.pre(normaliseInvitationCode(typed) !== valid);
      assert.throws(
        () => acceptInvitation(store, freshAccount(), typed, NOW),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
      assert.equal(linked(relatedPersonId), false);
    }),
    { numRuns: 2_000 },
  );
  // The code still works after all of that.
  assert.equal(acceptInvitation(store, freshAccount(), code, NOW).relatedPersonId, relatedPersonId);
});

test('every way of typing the code is accepted, once', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('lower', 'space', 'hyphen', 'pad'), { maxLength: 4 }), (styles) => {
      const { patientId, relatedPersonId } = invitee();
      const { code } = createInvitation(store, patientId, relatedPersonId, NOW);
      let typed = code;
      for (const style of styles) {
        if (style === 'lower') typed = typed.toLowerCase();
        if (style === 'space') typed = typed.replaceAll('-', ' ');
        if (style === 'hyphen') typed = typed.replaceAll('-', '').replace(/(.{3})/g, '$1-');
        if (style === 'pad') typed = `  ${typed}\t`;
      }
      const account = freshAccount();
      assert.equal(acceptInvitation(store, account, typed, NOW).relatedPersonId, relatedPersonId);
      assert.equal(linked(relatedPersonId), true);
      const consent = store.read('Consent', `proxy-prop-${people}`)?.resource;
      assert.equal(consent?.['status'], 'active', 'the permission is in force');
      assert.throws(
        () => acceptInvitation(store, freshAccount(), typed, NOW),
        (error) => codeOf(error) === 'INVITATION_NOT_VALID',
      );
    }),
    { numRuns: 200 },
  );
});

test('a code works until it expires, and never after', () => {
  fc.assert(
    fc.property(fc.integer({ min: -INVITATION_LIFETIME_MS, max: INVITATION_LIFETIME_MS }), (offset) => {
      const { patientId, relatedPersonId } = invitee();
      const { code, expires } = createInvitation(store, patientId, relatedPersonId, NOW);
      assert.equal(expires, NOW + INVITATION_LIFETIME_MS);
      const at = expires + offset;
      if (at <= expires) assert.equal(acceptInvitation(store, freshAccount(), code, at).relatedPersonId, relatedPersonId);
      else
        assert.throws(
          () => acceptInvitation(store, freshAccount(), code, at),
          (error) => codeOf(error) === 'INVITATION_NOT_VALID',
        );
    }),
    { numRuns: 300 },
  );
});

test('the failure limit holds for one account within the window, and lifts after it', () => {
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: INVITATION_FAILURE_WINDOW_MS - 1 }), { minLength: INVITATION_FAILURE_LIMIT, maxLength: 8 }),
      (delays) => {
        const account = freshAccount();
        const start = NOW + people * 10 * INVITATION_FAILURE_WINDOW_MS;
        const times = [...delays].sort((a, b) => a - b).map((delay) => start + delay);
        for (const [index, at] of times.entries()) {
          const expected = index < INVITATION_FAILURE_LIMIT ? 'INVITATION_NOT_VALID' : 'TOO_MANY_REQUESTS';
          assert.throws(
            () => acceptInvitation(store, account, 'AAAA-AAAA-AAAA', at),
            (error) => codeOf(error) === expected,
          );
        }
        const { patientId, relatedPersonId } = invitee();
        const { code } = createInvitation(store, patientId, relatedPersonId, start);
        const last = times.at(-1) ?? start;
        assert.throws(
          () => acceptInvitation(store, account, code, last),
          (error) => codeOf(error) === 'TOO_MANY_REQUESTS',
        );
        assert.equal(linked(relatedPersonId), false, 'a blocked try changes nothing');
        // An hour after the failures that counted, the account may try again.
        const free = Math.max(...times.slice(0, INVITATION_FAILURE_LIMIT)) + INVITATION_FAILURE_WINDOW_MS + 1;
        assert.equal(acceptInvitation(store, account, code, free).relatedPersonId, relatedPersonId);
      },
    ),
    { numRuns: 100 },
  );
});
