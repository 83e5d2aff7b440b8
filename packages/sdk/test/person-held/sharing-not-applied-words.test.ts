/**
 * A part of her sharing choice the service cannot apply (a practice deny naming an organisation by its display alone,
 * an identifier the hub cannot resolve, a period it cannot read) was counted (`notShown`) but never said: the screen
 * told her only that "part of your choices is not shown". `notApplied` says what each part says, as far as it can be
 * told, for her to recognise it and ask her practice; the part itself is still sent back as it was.
 *
 * The class (every combination): who it names (a display, two, none) x which kinds (none, mental health) x whether it
 * is a deny: each part gets its own words, in order, and a save sends each back word for word.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sharingChoicesFrom, sharingConsent, type Consent } from '../../src/index.js';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
type Deny = NonNullable<NonNullable<Consent['provision']>['provision']>[number];
const byName = (display: string) => ({ role: { text: 'recipient' }, reference: { display } });
const PSY = { system: ACT_CODE, code: 'PSY' };

const choiceWith = (parts: Deny[]): Consent =>
  ({
    resourceType: 'Consent',
    id: 'consent-1',
    status: 'active',
    scope: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' }] },
    patient: { reference: 'Patient/pat-1' },
    policyRule: { coding: [{ system: ACT_CODE, code: 'OPTIN' }] },
    provision: {
      type: 'permit',
      provision: [{ type: 'deny', actor: [{ role: { text: 'r' }, reference: { reference: 'Organization/org-a' } }] }, ...parts],
    },
  }) as Consent;

describe('a part of her choice the service cannot apply is said in words', () => {
  test('reported: a practice deny naming an organisation by its display alone', () => {
    const choices = sharingChoicesFrom(choiceWith([{ type: 'deny', actor: [byName('Dr Patel’s Surgery')] }]), new Map());
    assert.equal(choices.declinedToAll, 'not-readable');
    assert.deepEqual(choices.notApplied, ['Not sharing your record with Dr Patel’s Surgery']);
  });

  test('names x kinds x type: each part its own words, in order, and each sent back as it was', () => {
    const NAMES: [string[], string][] = [
      [[], ''],
      [['Dr Patel’s Surgery'], 'Dr Patel’s Surgery'],
      [['Dr Patel’s Surgery', 'Riverside Clinic'], 'Dr Patel’s Surgery and Riverside Clinic'],
    ];
    const wrong: string[] = [];
    let cases = 0;
    for (const [names, said] of NAMES)
      for (const kinds of [[], [PSY]])
        for (const type of ['deny', 'permit'] as const) {
          cases += 1;
          // Unreadable whatever it names: an actor by display alone, or a period with no zone.
          const part = {
            type,
            ...(names.length > 0 ? { actor: names.map(byName) } : {}),
            ...(kinds.length > 0 ? { securityLabel: kinds } : {}),
            period: { start: '2026-07-01T10:00' },
          } as Deny;
          const expected =
            type !== 'deny' || (names.length === 0 && kinds.length === 0)
              ? 'A part of your choice whose meaning this service cannot read'
              : names.length === 0
                ? 'Keeping mental health information with the service that recorded it'
                : kinds.length === 0
                  ? `Not sharing your record with ${said}`
                  : `Keeping mental health information from ${said}`;
          const choices = sharingChoicesFrom(choiceWith([part, { type: 'deny', actor: [byName('Second')] }]), new Map());
          const sent = sharingConsent('pat-1', choices, { id: 'consent-1' }).provision?.provision ?? [];
          if (JSON.stringify(choices.notApplied) !== JSON.stringify([expected, 'Not sharing your record with Second']))
            wrong.push(`${JSON.stringify(part)}: said ${JSON.stringify(choices.notApplied)}`);
          if (JSON.stringify(sent.slice(1)) !== JSON.stringify([part, { type: 'deny', actor: [byName('Second')] }]))
            wrong.push(`${JSON.stringify(part)}: not sent back as it was`);
        }
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases} said otherwise`);
  });
});
