import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HubError, isSharingConflict, sharingChoicesFrom, sharingConsent, type Consent, type SharingChoices } from '@care-record/sdk';

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const organisations = new Map([
  ['org-f83999', { name: 'Tufnell Green Surgery', kind: 'GP practice' }],
  ['org-la999', { name: 'Islington Adult Social Care' }],
  ['org-rqx', { name: 'Whittington Health', kind: 'Acute hospital trust' }],
]);

const shared = (choices: SharingChoices) => ({
  organisations: Object.fromEntries(choices.organisations.map((organisation) => [organisation.id, organisation.shared])),
  categories: Object.fromEntries(choices.categories.map((category) => [category.key, category.shared])),
  exceptions: choices.exceptions.map((exception) => `${exception.organisationName}: ${exception.category} ${exception.shared}`),
});

describe('sharingChoicesFrom', () => {
  test('no Consent: everything is shared, except sexual health, which is always private and cannot be changed', () => {
    const choices = sharingChoicesFrom(undefined, organisations);
    assert.deepEqual(shared(choices), {
      organisations: { 'org-f83999': true, 'org-la999': true, 'org-rqx': true },
      categories: { 'mental-health': true, 'social-care': true, 'sexual-health': false },
      exceptions: [],
    });
    assert.deepEqual(
      choices.organisations.map((organisation) => organisation.name),
      ['Islington Adult Social Care', 'Tufnell Green Surgery', 'Whittington Health'],
    );
    assert.equal(choices.categories.find((category) => category.key === 'sexual-health')!.changeable, false);
  });

  test('the synthetic shape: mental health kept from adult social care only is an exception, nothing else changes', () => {
    const consent: Consent = sharingConsent('pat-1', sharingChoicesFrom(undefined, organisations));
    consent.provision!.provision = [
      {
        type: 'deny',
        actor: [{ role: { coding: [] }, reference: { reference: 'Organization/org-la999', display: 'Islington Adult Social Care' } }],
        securityLabel: [{ system: ACT_CODE, code: 'PSY' }],
      },
    ];
    assert.deepEqual(shared(sharingChoicesFrom(consent, organisations)).exceptions, ['Islington Adult Social Care: mental-health false']);
  });

  test('an inactive Consent, or a provision naming something unknown, changes nothing', () => {
    const consent = sharingConsent('pat-1', {
      ...sharingChoicesFrom(undefined, organisations),
      organisations: [{ id: 'org-rqx', name: 'Whittington Health', shared: false }],
    });
    assert.equal(shared(sharingChoicesFrom({ ...consent, status: 'inactive' }, organisations)).organisations['org-rqx'], true);
    consent.provision!.provision![0]!.securityLabel = [{ system: ACT_CODE, code: 'HIV' }];
    assert.equal(shared(sharingChoicesFrom(consent, organisations)).organisations['org-rqx'], true);
  });

  test('an excluded organisation the list does not know is still shown, by the name the Consent gives', () => {
    const consent = sharingConsent('pat-1', {
      organisations: [{ id: 'org-gone', name: 'Old Practice', shared: false }],
      categories: [],
      exceptions: [],
    });
    consent.provision!.provision![0]!.actor![0]!.reference.display = 'Old Practice';
    const choices = sharingChoicesFrom(consent, organisations);
    assert.deepEqual(
      choices.organisations.find((organisation) => organisation.id === 'org-gone'),
      { id: 'org-gone', name: 'Old Practice', shared: false },
    );
  });
});

describe('sharingConsent ⇄ sharingChoicesFrom', () => {
  const table: [string, (choices: SharingChoices) => void][] = [
    ['everything shared', () => {}],
    ['one organisation stopped', (choices) => (choices.organisations[1]!.shared = false)],
    ['two organisations stopped', (choices) => choices.organisations.slice(0, 2).forEach((organisation) => (organisation.shared = false))],
    ['mental health kept with the service', (choices) => (choices.categories[0]!.shared = false)],
    [
      'both categories and an organisation',
      (choices) => {
        choices.categories[0]!.shared = false;
        choices.categories[1]!.shared = false;
        choices.organisations[2]!.shared = false;
      },
    ],
    [
      'an exception',
      (choices) =>
        choices.exceptions.push({
          organisationId: 'org-la999',
          organisationName: 'Islington Adult Social Care',
          category: 'mental-health',
          shared: false,
        }),
    ],
  ];
  for (const [name, change] of table) {
    test(name, () => {
      const choices = sharingChoicesFrom(undefined, organisations);
      change(choices);
      const consent = sharingConsent('pat-1', choices, { id: 'consent-1' });
      assert.equal(consent.id, 'consent-1');
      assert.equal(consent.patient.reference, 'Patient/pat-1');
      assert.equal(consent.provision?.type, 'permit');
      assert.ok((consent.provision?.provision ?? []).every((provision) => provision.type === 'deny'));
      assert.ok(!JSON.stringify(consent).includes('"SEX"'), 'sexual health is private anyway and not written');
      assert.deepEqual(shared(sharingChoicesFrom(consent, organisations)), shared(choices));
    });
  }

  test('a removed exception is not written', () => {
    const choices = sharingChoicesFrom(undefined, organisations);
    choices.exceptions.push({ organisationId: 'org-la999', organisationName: 'x', category: 'social-care', shared: true });
    assert.equal(sharingConsent('pat-1', choices).provision?.provision, undefined);
  });
});

test('isSharingConflict: 412 and 409 mean "changed elsewhere"; other failures do not', () => {
  const error = (status: number) => new HubError({ kind: 'http', operation: 'PUT /Consent/{id}', requestId: 'r', status });
  assert.equal(isSharingConflict(error(412)), true);
  assert.equal(isSharingConflict(error(409)), true);
  assert.equal(isSharingConflict(error(500)), false);
  assert.equal(isSharingConflict(new Error('x')), false);
});
