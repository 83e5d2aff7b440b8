import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HubError,
  isSharingConflict,
  loadSharing,
  sharingChoicesFrom,
  sharingConsent,
  type Consent,
  type HubClient,
  type SharingChoices,
} from '@care-record/sdk';

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
      { id: 'org-gone', name: 'Old Practice', shared: false, state: { kind: 'in-force' } },
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

test('isSharingConflict: a refusal heard after an answer was lost is not "changed elsewhere, nothing saved"', () => {
  for (const status of [409, 412, 422, 500])
    for (const mayHaveBeenSaved of [undefined, false, true]) {
      const error = new HubError({
        kind: 'http',
        operation: 'PUT /Consent/{id}',
        requestId: 'r',
        status,
        ...(mayHaveBeenSaved === undefined ? {} : { mayHaveBeenSaved }),
      });
      // The screens say "nothing was saved" of a conflict: only a refusal with no save behind it may be one.
      assert.equal(
        isSharingConflict(error),
        (status === 409 || status === 412) && mayHaveBeenSaved !== true,
        `${status} ${String(mayHaveBeenSaved)}`,
      );
    }
});

describe('organisations with no name (issue 6)', () => {
  const labels = (choices: SharingChoices) =>
    choices.organisations.map((organisation) => `${organisation.name}${organisation.kind ? ` (${organisation.kind})` : ''}`);

  test('are named from what is known: their ODS code, with their kind beside it', () => {
    const choices = sharingChoicesFrom(
      undefined,
      new Map([
        ['org-rz9', { odsCode: 'RZ9', kind: 'hospital' }],
        ['org-rz8', { odsCode: 'RZ8', kind: 'hospital' }],
      ]),
    );
    assert.deepEqual(labels(choices), ['An organisation with code RZ8 (hospital)', 'An organisation with code RZ9 (hospital)']);
  });

  test('with nothing known, two of them still read differently, and neither reads "Not known"', () => {
    const consent = sharingConsent('pat-1', {
      organisations: [{ id: 'org-gone', name: 'x', shared: false }],
      categories: [],
      exceptions: [],
    });
    // A directory that already put the placeholder in, as an older caller might.
    const choices = sharingChoicesFrom(consent, new Map([['org-rz8', { name: 'Not known' }], ...organisations]));
    const shown = labels(choices);
    assert.equal(new Set(shown).size, shown.length, shown.join(' / '));
    assert.ok(
      shown.every((label) => !label.includes('Not known')),
      shown.join(' / '),
    );
    assert.ok(shown.includes('An organisation whose name is not recorded (reference org-gone)'));
    assert.ok(shown.includes('An organisation whose name is not recorded (reference org-rz8)'));
  });

  test('two organisations of the same name and kind are told apart by their codes', () => {
    const choices = sharingChoicesFrom(
      undefined,
      new Map([
        ['org-a', { name: 'Whittington Health', kind: 'Acute hospital trust', odsCode: 'RKE' }],
        ['org-b', { name: 'Whittington Health', kind: 'Acute hospital trust' }],
        ['org-c', { name: 'Whittington Health', kind: 'Community health services trust' }],
      ]),
    );
    assert.deepEqual(labels(choices), [
      'Whittington Health (Community health services trust)',
      'Whittington Health (code RKE) (Acute hospital trust)',
      'Whittington Health (reference org-b) (Acute hospital trust)',
    ]);
  });

  test('an exception about an unnamed organisation names it the same way', () => {
    const consent = sharingConsent('pat-1', {
      organisations: [],
      categories: [],
      exceptions: [{ organisationId: 'org-rz9', organisationName: 'x', category: 'mental-health', shared: false }],
    });
    const choices = sharingChoicesFrom(consent, new Map([['org-rz9', { odsCode: 'RZ9', kind: 'hospital' }]]));
    assert.deepEqual(
      choices.exceptions.map((exception) => exception.organisationName),
      ['An organisation with code RZ9'],
    );
  });

  test('loadSharing reads the name, kind and ODS code the hub gives, and never shows two organisations alike', async () => {
    const ods = (value: string) => [{ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value }];
    const found: Record<string, unknown> = {
      'org-rz9': { resourceType: 'Organization', id: 'org-rz9', identifier: ods('RZ9'), type: [{ text: 'hospital' }] },
      'org-rz8': { resourceType: 'Organization', id: 'org-rz8', identifier: ods('RZ8'), type: [{ coding: [{ display: 'hospital' }] }] },
      'org-x': { resourceType: 'Organization', id: 'org-x', name: '  ' },
      'org-y': { resourceType: 'Organization', id: 'org-y' },
      'org-f83999': { resourceType: 'Organization', id: 'org-f83999', name: 'Tufnell Green Surgery', identifier: ods('F83999') },
    };
    const bundle = (resources: unknown[]) => ({
      resourceType: 'Bundle',
      type: 'searchset',
      entry: resources.map((resource) => ({ resource })),
    });
    const hub = {
      baseUrl: 'https://hub.test/fhir/',
      async batch(reads: readonly { template: string; path?: Record<string, unknown> }[]) {
        return reads.map((read) => {
          let resource: unknown = bundle([]);
          if (read.template === '/Patient/{id}')
            resource = { resourceType: 'Patient', id: 'pat-1', generalPractitioner: [{ reference: 'Organization/org-f83999' }] };
          if (read.template === '/EpisodeOfCare')
            resource = bundle(
              ['org-rz9', 'org-rz8', 'org-x', 'org-y'].map((id) => ({
                resourceType: 'EpisodeOfCare',
                managingOrganization: { reference: `Organization/${id}` },
              })),
            );
          if (read.template === '/Organization/{id}') resource = found[String(read.path?.['id'])];
          return { ok: true, resource };
        });
      },
    } as unknown as HubClient;
    const model = await loadSharing(hub, 'pat-1');
    const shown = labels(model.choices);
    assert.deepEqual(shown, [
      'An organisation whose name is not recorded (reference org-x)',
      'An organisation whose name is not recorded (reference org-y)',
      'An organisation with code RZ8 (hospital)',
      'An organisation with code RZ9 (hospital)',
      'Tufnell Green Surgery',
    ]);
    assert.equal(model.choices.organisations.find((organisation) => organisation.id === 'org-f83999')?.odsCode, 'F83999');
  });
});
