/**
 * A Patient record that must no longer be used — merged into another
 * (`link.type` `replaced-by`, PDS and PAS merges send this) or marked
 * `active: false` — is told so in the banner. Shown as if current, a
 * clinician would add to, or act on, a record whose history now lives in
 * another: the other record's allergies and medicines are not on this one.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { Patient } from '../../src/fhir.js';
import { bannerViewModel, type AllergyState, type BannerViewModel } from '../../src/record/index.js';

const NOW = '2026-11-28T09:00:00Z';
const notRecorded: AllergyState = { kind: 'not-recorded', label: 'Allergies not recorded', withheld: false, resolved: [] };

function banner(overrides: Record<string, unknown>, audience: 'clinician' | 'resident' = 'clinician'): BannerViewModel {
  const patient = {
    resourceType: 'Patient',
    id: 'pat-1',
    name: [{ use: 'official', family: 'Smith', given: ['John'] }],
    birthDate: '1960-05-01',
    identifier: [{ system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' }],
    ...overrides,
  } as unknown as Patient;
  return bannerViewModel(patient, { audience, now: NOW, organizations: new Map(), allergies: notRecorded });
}

const replacedBy = (type: unknown) => ({ link: [{ other: { reference: 'Patient/pat-2' }, type }] });

describe('banner: a record no longer in use says so', () => {
  test('reported: a PAS merge (link replaced-by) reads as replaced, not as the current record', () => {
    assert.deepEqual(banner(replacedBy('replaced-by')).notInUse, {
      kind: 'replaced',
      text: 'Record replaced by another: use the current record',
    });
    assert.deepEqual(banner(replacedBy('replaced-by'), 'resident').notInUse, {
      kind: 'replaced',
      text: 'This record has been replaced by a newer one',
    });
  });

  // Every link type (and spellings real feeds send) with every `active`: replaced outweighs inactive.
  const LINK_TYPES: [unknown, boolean][] = [
    ['replaced-by', true],
    ['Replaced-By', true],
    [' replaced_by ', true],
    ['replaces', false],
    ['refer', false],
    ['seealso', false],
    [undefined, false],
    [42, false],
  ];
  const ACTIVE: [unknown, boolean][] = [
    [true, false],
    [undefined, false],
    [false, true],
    ['false', false],
  ];
  const cases = LINK_TYPES.flatMap(([type, replaced]) =>
    ACTIVE.flatMap(([active, inactive]) =>
      (['clinician', 'resident'] as const).map((audience) => ({
        type,
        active,
        audience,
        kind: replaced ? 'replaced' : inactive ? 'inactive' : undefined,
      })),
    ),
  );
  for (const { type, active, audience, kind } of cases) {
    test(`link ${JSON.stringify(type)}, active ${JSON.stringify(active)}, ${audience}: ${kind ?? 'in use'}`, () => {
      const model = banner({ ...(type === undefined ? {} : replacedBy(type)), ...(active === undefined ? {} : { active }) }, audience);
      assert.equal(model.notInUse?.kind, kind);
      if (kind) assert.match(model.notInUse?.text ?? '', audience === 'clinician' ? /^Record / : /^This record /);
      // Everything else on the banner is still shown: the record is named, never blanked.
      assert.equal(model.nhsNumber !== 'Not known' && model.nhsNumber.formatted, '943 476 5919');
    });
  }

  test('a link with no type, or a links list that is not a list, does not stop the banner', () => {
    assert.equal(banner({ link: [{ other: { reference: 'Patient/pat-2' } }, null] }).notInUse, undefined);
    assert.equal(banner({ link: 'replaced-by' }).notInUse, undefined);
  });
});
