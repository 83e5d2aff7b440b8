/**
 * An item the viewer cannot fully show (a modifier extension it does not
 * understand) is said, never lost. A clinician is told to see the source
 * system; a resident cannot, so the resident's line (and a carer's, who sees
 * the resident's view) says whom to ask: the service that recorded it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import fc from 'fast-check';

import {
  createTimeline,
  summaryViewModel,
  unreadableNotice,
  unreadableNotices,
  type RecordAudience,
  type UnreadableItem,
} from '../../src/record/index.js';
import { NOT_KNOWN } from '../../src/format/placeholders.js';
import { seedOr } from './property-runs.js';

const PATIENT = 'pat-0001';
const NOW = '2026-11-28T09:30:00Z';
const subject = { reference: `Patient/${PATIENT}` };
const ORGANIZATIONS: ReadonlyMap<string, string> = new Map([['F83999', 'Tufnell Green Surgery']]);
const FAMILY_HISTORY = [{ url: 'https://fhir.example.org/StructureDefinition/family-history', valueBoolean: true }];

const condition = (id: string, ods: string | undefined) => ({
  resourceType: 'Condition',
  id,
  ...(ods ? { meta: { source: `https://care-record.example/source/${ods}` } } : {}),
  subject,
  clinicalStatus: { coding: [{ code: 'active' }] },
  code: { text: 'Epilepsy' },
  onsetDateTime: '2020-01-01',
  modifierExtension: FAMILY_HISTORY,
});

const problemsNotices = (audience: RecordAudience, conditions: Record<string, unknown>[]) =>
  summaryViewModel([{ resourceType: 'Patient', id: PATIENT }, ...conditions] as never, {
    audience,
    now: NOW,
    patientId: PATIENT,
    organizations: ORGANIZATIONS,
  }).sections.problems.notices;

const timelineTitles = (audience: RecordAudience, conditions: Record<string, unknown>[]) => {
  const timeline = createTimeline({ patientId: PATIENT, organizations: ORGANIZATIONS, audience, now: new Date(NOW) });
  timeline.add(conditions as never);
  while (timeline.read(1_000) > 0);
  return timeline.view({}).days.flatMap((day) => day.events.filter((event) => event.unreadable).map((event) => event.title));
};

/** What a resident can act on: whom to ask, never a system she cannot open or "this viewer". */
const residentCanAct = (line: string, name: string | undefined) =>
  !/source system|viewer/i.test(line) && line.includes(name ? `ask ${name}` : 'ask the service that recorded');

describe('an item not fully shown: words for whoever is looking', () => {
  test("reported: the resident's summary does not send her to the source system", () => {
    const [line = ''] = problemsNotices('resident', [condition('c1', 'F83999')]);
    assert.ok(residentCanAct(line, 'Tufnell Green Surgery'), line);
    assert.match(line, /Tufnell Green Surgery/);
    const [clinician = ''] = problemsNotices('clinician', [condition('c1', 'F83999')]);
    assert.match(clinician, /see the source system$/);
  });

  test(`property: every place says it for the audience, for one or more items, from a service named or not`, () => {
    const source = fc.constantFrom<[string | undefined, string | undefined]>(
      ['F83999', 'Tufnell Green Surgery'],
      ['RZ9', undefined],
      [undefined, undefined],
    );
    fc.assert(
      fc.property(
        fc.constantFrom<RecordAudience>('clinician', 'resident'),
        source,
        fc.integer({ min: 1, max: 4 }),
        (audience, [ods, name], count) => {
          const conditions = Array.from({ length: count }, (_, index) => condition(`c${index}`, ods));
          const items: UnreadableItem[] = conditions.map((_, index) => ({
            resource: `Condition/c${index}`,
            source: { odsCode: ods ?? NOT_KNOWN, name: name ?? NOT_KNOWN },
            notFullyShown: true,
          }));
          const lines = [
            ...problemsNotices(audience, conditions),
            ...timelineTitles(audience, conditions),
            ...unreadableNotices(items, audience),
            ...items.map((item) => unreadableNotice({ ...item.source, notFullyShown: true }, audience)),
          ];
          assert.ok(lines.length >= 1 + count + 1 + count, JSON.stringify(lines));
          for (const line of lines)
            if (audience === 'resident') assert.ok(residentCanAct(line, name), line);
            else assert.match(line, /see the source system$/, line);
        },
      ),
      { numRuns: 60, seed: seedOr(20261207 + 4) },
    );
  });
});
