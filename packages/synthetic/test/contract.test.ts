/**
 * Everything the generator writes validates against the hub's contract:
 * the directory, and every resource of a sample of residents that includes
 * the fixed cast (long history, child, deceased, newborn, no GP…) and
 * residents from across a full-size borough.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ContractSchemas, loadContract } from '../../hub/src/contract/contract.js';
import { createBorough, LONG_HISTORY_INDEX, type ResidentRecord } from '../src/index.js';
import { NOW, SEED } from './support.js';

const schemas = new ContractSchemas(loadContract());
const borough = createBorough({ seed: SEED, residents: 206_000, now: NOW });

function problems(type: string, resources: readonly { id?: string | undefined }[]): string[] {
  const found: string[] = [];
  for (const resource of resources) {
    const { valid, errors } = schemas.check(type, resource);
    if (!valid) found.push(`${type}/${resource.id ?? '?'}: ${errors.join('; ')}`);
  }
  return found;
}

describe('contract validity', () => {
  test('organizations', () => assert.deepEqual(problems('Organization', borough.organizations), []));
  test('practitioners', () => assert.deepEqual(problems('Practitioner', borough.practitioners), []));
  test('practitioner roles', () => assert.deepEqual(problems('PractitionerRole', borough.practitionerRoles), []));

  test('every resource of 300 residents, including the long-history resident and residents from across 206,000', () => {
    const indexes = [...Array.from({ length: 150 }, (_, index) => index), ...Array.from({ length: 150 }, (_, step) => 150 + step * 1371)];
    const records: ResidentRecord[] = indexes.map((index) => borough.resident(index));
    assert.ok(records.some((record) => record.profile === 'long-history'));
    assert.equal(records[LONG_HISTORY_INDEX]?.profile, 'long-history');
    for (const profile of [
      'child',
      'deceased',
      'no-gp',
      'newborn',
      'frail-older-social-care',
      'adult-mental-health',
      'child-social-care',
    ]) {
      assert.ok(
        records.some((record) => record.profile === profile),
        `the sample has no ${profile} resident`,
      );
    }
    const found: string[] = [];
    let checked = 0;
    for (const record of records) {
      found.push(...problems('Patient', [record.patient]));
      for (const resource of record.resources) {
        found.push(...problems(resource.resourceType, [resource]));
        checked++;
      }
    }
    assert.ok(checked > 10_000, `only ${checked} resources checked`);
    assert.deepEqual(found.slice(0, 20), []);
  });
});
