import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  formatClinicalName,
  formatResidentName,
  selectOfficialName,
  selectPreferredName,
  type HumanNameLike,
} from '../../src/format/index.js';

const JOHN_SMITH = { family: 'Smith', given: ['John'], prefix: ['Mr'] };

describe('formatClinicalName', () => {
  const cases: { name: string; input: HumanNameLike | undefined; expected: string }[] = [
    { name: 'family, given and title', input: JOHN_SMITH, expected: 'SMITH, John (Mr)' },
    { name: 'several given names', input: { family: 'Smith', given: ['John', 'Paul'], prefix: ['Mr'] }, expected: 'SMITH, John Paul (Mr)' },
    { name: 'no title', input: { family: 'Smith', given: ['John'] }, expected: 'SMITH, John' },
    { name: 'first title only', input: { family: 'Jones', given: ['Ann'], prefix: ['Dr', 'Prof'] }, expected: 'JONES, Ann (Dr)' },
    { name: 'blank first title skipped', input: { family: 'Jones', given: ['Ann'], prefix: [' ', 'Ms'] }, expected: 'JONES, Ann (Ms)' },
    {
      name: 'extra spaces trimmed and collapsed',
      input: { family: '  van  der Berg ', given: ['  Anna ', '', ' Maria \t Luisa'], prefix: ['  Dr '] },
      expected: 'VAN DER BERG, Anna Maria Luisa (Dr)',
    },
    { name: 'apostrophe and hyphen kept', input: { family: "O'Brien-Smith", given: ['Siobhan'] }, expected: "O'BRIEN-SMITH, Siobhan" },
    { name: 'family only', input: { family: 'Smith', prefix: ['Mr'] }, expected: 'SMITH (Mr)' },
    { name: 'missing family', input: { given: ['John'], prefix: ['Mr'] }, expected: 'John (Mr)' },
    { name: 'blank family', input: { family: '   ', given: ['John'] }, expected: 'John' },
    { name: 'structured parts win over text', input: { ...JOHN_SMITH, text: 'Johnny' }, expected: 'SMITH, John (Mr)' },
    { name: 'text only', input: { text: '  John   Smith ' }, expected: 'John Smith' },
    { name: 'title and text only', input: { prefix: ['Mr'], text: 'John Smith' }, expected: 'John Smith' },
    { name: 'title only', input: { prefix: ['Mr'] }, expected: 'Not known' },
    { name: 'blank parts only', input: { family: ' ', given: [' '], text: ' ' }, expected: 'Not known' },
    { name: 'empty name', input: {}, expected: 'Not known' },
    { name: 'no name', input: undefined, expected: 'Not known' },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(formatClinicalName(input), expected));
  }
});

describe('formatResidentName', () => {
  const cases: { name: string; input: HumanNameLike | undefined; expected: string }[] = [
    { name: 'given then family, no title', input: JOHN_SMITH, expected: 'John Smith' },
    { name: 'several given names', input: { family: 'Smith', given: ['John', 'Paul'] }, expected: 'John Paul Smith' },
    { name: 'extra spaces', input: { family: ' Smith  ', given: ['  John '] }, expected: 'John Smith' },
    { name: 'family only', input: { family: 'Smith' }, expected: 'Smith' },
    { name: 'given only', input: { given: ['John'] }, expected: 'John' },
    { name: 'text only', input: { text: ' John  Smith ' }, expected: 'John Smith' },
    { name: 'nothing', input: {}, expected: 'Not known' },
    { name: 'no name', input: undefined, expected: 'Not known' },
  ];
  for (const { name, input, expected } of cases) {
    test(name, () => assert.equal(formatResidentName(input), expected));
  }
});

const AT = '2026-06-01T12:00:00+01:00';

describe('selectOfficialName', () => {
  const cases: { name: string; names: HumanNameLike[] | undefined; at?: string; expected: number | undefined }[] = [
    {
      name: 'official over usual',
      names: [
        { use: 'usual', given: ['Johnny'] },
        { use: 'official', given: ['John'] },
      ],
      expected: 1,
    },
    { name: 'usual when no official', names: [{ use: 'nickname' }, { use: 'usual' }], expected: 1 },
    { name: 'first when neither', names: [{ use: 'nickname' }, { use: 'temp' }], expected: 0 },
    { name: 'no use given', names: [{ family: 'Smith' }], expected: 0 },
    { name: 'ended official skipped', names: [{ use: 'official', period: { end: '2010-01-01' } }, { use: 'usual' }], expected: 1 },
    { name: 'old official skipped', names: [{ use: 'old' }, { use: 'official' }], expected: 1 },
    { name: 'ended first skipped', names: [{ use: 'maiden', period: { end: '1990-05-04' } }, { use: 'nickname' }], expected: 1 },
    { name: 'end in the future is current', names: [{ use: 'usual' }, { use: 'official', period: { end: '2030-01-01' } }], expected: 1 },
    { name: 'ending today is current', names: [{ use: 'official', period: { end: '2026-06-01' } }, { use: 'usual' }], expected: 0 },
    { name: 'ended yesterday', names: [{ use: 'official', period: { end: '2026-05-31' } }, { use: 'usual' }], expected: 1 },
    { name: 'ending this year is current', names: [{ use: 'official', period: { end: '2026' } }, { use: 'usual' }], expected: 0 },
    { name: 'ended last year', names: [{ use: 'official', period: { end: '2026' } }, { use: 'usual' }], at: '2027-01-01', expected: 1 },
    { name: 'ending later today is current', names: [{ use: 'official', period: { end: '2026-06-01T13:00:00+01:00' } }, {}], expected: 0 },
    { name: 'ended earlier today', names: [{ use: 'official', period: { end: '2026-06-01T11:00:00+01:00' } }, {}], expected: 1 },
    { name: 'unreadable end kept', names: [{ use: 'official', period: { end: 'soon' } }, {}], expected: 0 },
    // With nothing current, the best of the rest: a record is never left nameless while it has names.
    { name: 'all ended', names: [{ use: 'official', period: { end: '2000-01-01' } }, { use: 'old' }], expected: 0 },
    { name: 'empty list', names: [], expected: undefined },
    { name: 'no list', names: undefined, expected: undefined },
  ];
  for (const { name, names, at, expected } of cases) {
    test(name, () => {
      const selected = selectOfficialName(names, at ?? AT);
      assert.equal(selected, expected === undefined ? undefined : names?.[expected]);
    });
  }
});

describe('selectPreferredName', () => {
  const official = { use: 'official', family: 'Smith', given: ['John'] };
  const cases: { name: string; names: HumanNameLike[] | undefined; expected: number | undefined }[] = [
    { name: 'usual differing from official', names: [official, { use: 'usual', family: 'Smith', given: ['Johnny'] }], expected: 1 },
    { name: 'usual listed first', names: [{ use: 'usual', given: ['Jack'] }, official], expected: 0 },
    {
      name: 'usual reading the same as official',
      names: [official, { use: 'usual', family: ' Smith', given: ['John '] }],
      expected: undefined,
    },
    { name: 'usual that is the only name', names: [{ use: 'usual', given: ['Johnny'] }], expected: undefined },
    {
      name: 'usual that has ended',
      names: [official, { use: 'usual', given: ['Johnny'], period: { end: '2001-01-01' } }],
      expected: undefined,
    },
    { name: 'no usual name', names: [official, { use: 'nickname', given: ['Jonno'] }], expected: undefined },
    { name: 'no list', names: undefined, expected: undefined },
  ];
  for (const { name, names, expected } of cases) {
    test(name, () => {
      const selected = selectPreferredName(names, AT);
      assert.equal(selected, expected === undefined ? undefined : names?.[expected]);
    });
  }
});
