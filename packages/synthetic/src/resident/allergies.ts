/**
 * Allergies, kept in the four states screens must never confuse: known
 * allergies; a positive "no known allergies" entry (SNOMED 716186003); not
 * recorded (no AllergyIntolerance at all); and unavailable (a source that did
 * not answer — the hub's business, not the data's).
 */
import type { AllergyIntolerance } from '@care-record/sdk';
import { coding, concept, SNOMED, type CodeableConcept } from '../fhir.js';
import type { Random } from '../random.js';
import { fhirDateTime, YEAR } from '../time.js';
import type { ResidentContext } from './context.js';

interface AllergyDefinition {
  readonly code?: readonly [code: string, display: string];
  readonly text: string;
  readonly type: 'allergy' | 'intolerance';
  readonly category: 'food' | 'medication' | 'environment';
  readonly criticality: 'low' | 'high' | 'unable-to-assess';
  readonly reactions: readonly {
    readonly code: readonly [string, string];
    readonly text: string;
    readonly severity: 'mild' | 'moderate' | 'severe';
  }[];
  /** Mostly a childhood allergy that is outgrown. */
  readonly outgrown?: boolean;
  readonly weight: number;
}

const rash = { code: ['271807003', 'Eruption of skin'], text: 'Rash', severity: 'moderate' } as const;
const anaphylaxis = { code: ['39579001', 'Anaphylaxis'], text: 'Anaphylaxis', severity: 'severe' } as const;
const hives = { code: ['126485001', 'Urticaria'], text: 'Hives', severity: 'mild' } as const;
const swelling = { code: ['41291007', 'Angioedema'], text: 'Swelling of lips and tongue', severity: 'severe' } as const;
const nausea = { code: ['422587007', 'Nausea'], text: 'Nausea and vomiting', severity: 'mild' } as const;
const rhinitis = { code: ['61582004', 'Allergic rhinitis'], text: 'Sneezing and itchy eyes', severity: 'mild' } as const;

const allergyDefinitions: readonly AllergyDefinition[] = [
  {
    code: ['91936005', 'Allergy to penicillin'],
    text: 'Penicillin allergy',
    type: 'allergy',
    category: 'medication',
    criticality: 'high',
    reactions: [rash, anaphylaxis, hives],
    weight: 5,
  },
  {
    code: ['91935009', 'Allergy to peanut'],
    text: 'Peanut allergy',
    type: 'allergy',
    category: 'food',
    criticality: 'high',
    reactions: [anaphylaxis, hives, swelling],
    weight: 2,
  },
  {
    code: ['300916003', 'Latex allergy'],
    text: 'Latex allergy',
    type: 'allergy',
    category: 'environment',
    criticality: 'low',
    reactions: [hives],
    weight: 1,
  },
  {
    code: ['418689008', 'Allergy to grass pollen'],
    text: 'Grass pollen allergy',
    type: 'allergy',
    category: 'environment',
    criticality: 'low',
    reactions: [rhinitis],
    weight: 2,
  },
  {
    code: ['300913006', 'Shellfish allergy'],
    text: 'Shellfish allergy',
    type: 'allergy',
    category: 'food',
    criticality: 'high',
    reactions: [swelling, hives],
    weight: 1,
  },
  {
    code: ['91930004', 'Allergy to eggs'],
    text: 'Egg allergy',
    type: 'allergy',
    category: 'food',
    criticality: 'low',
    reactions: [hives, rash],
    outgrown: true,
    weight: 1,
  },
  { text: 'Codeine intolerance', type: 'intolerance', category: 'medication', criticality: 'low', reactions: [nausea], weight: 1.5 },
];

const clinicalStatus = (code: 'active' | 'resolved'): NonNullable<AllergyIntolerance['clinicalStatus']> => ({
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
      code,
      display: code === 'active' ? 'Active' : 'Resolved',
    },
  ],
});
const verificationStatus = (code: 'confirmed' | 'unconfirmed'): NonNullable<AllergyIntolerance['verificationStatus']> => ({
  coding: [
    {
      system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
      code,
      display: code === 'confirmed' ? 'Confirmed' : 'Unconfirmed',
    },
  ],
});

export function writeAllergies(context: ResidentContext, rng: Random): void {
  const { plan } = context;
  const practice = plan.practice;
  if (plan.allergies === 'not-recorded' || !practice) return;
  const recorder = context.staff(practice, 'gp', rng);
  const recorded = context.officeTime(rng, Math.max(context.historyStart, context.end - 5 * YEAR), context.end);

  if (plan.allergies === 'none-known') {
    context.add<AllergyIntolerance>({
      resourceType: 'AllergyIntolerance',
      id: context.id('alg'),
      meta: context.meta(practice, 'AllergyIntolerance', recorded),
      clinicalStatus: clinicalStatus('active'),
      verificationStatus: verificationStatus('confirmed'),
      code: concept('No known allergies', coding(SNOMED, '716186003', 'No known allergy')),
      patient: context.patient(),
      recordedDate: fhirDateTime(recorded),
      recorder: recorder.reference(),
    });
    return;
  }

  const age = (context.end - plan.birth) / YEAR;
  const count = rng.weighted([
    [1, 0.7],
    [2, 0.25],
    [3, 0.05],
  ]);
  const chosen = new Set<AllergyDefinition>();
  while (chosen.size < count) chosen.add(rng.weighted(allergyDefinitions.map((definition) => [definition, definition.weight] as const)));
  for (const definition of chosen) {
    const onsetAge = definition.outgrown ? rng.between(0.5, Math.min(3, age)) : rng.between(Math.min(1, age), age);
    const onset = plan.birth + onsetAge * YEAR;
    const resolved = definition.outgrown === true && age > 6;
    // A hospital sometimes records an allergy it found during a stay.
    const recordedByHospital = !resolved && plan.features.emergencyAttendances > 0 && rng.chance(0.2);
    const source = recordedByHospital ? context.directory.organizations.hospital : practice;
    const by = recordedByHospital ? context.staff(source, 'hospital-nurse', rng) : recorder;
    const when = Math.max(onset, recorded - rng.int(0, 3) * YEAR);
    const reaction = rng.pick(definition.reactions);
    const manifestation: CodeableConcept = concept(reaction.text, coding(SNOMED, reaction.code[0], reaction.code[1]));
    const onsetText = new Date(onset).getUTCFullYear().toString();
    context.add<AllergyIntolerance>({
      resourceType: 'AllergyIntolerance',
      id: context.id('alg'),
      meta: context.meta(source, 'AllergyIntolerance', when),
      clinicalStatus: clinicalStatus(resolved ? 'resolved' : 'active'),
      verificationStatus: verificationStatus(rng.chance(0.85) ? 'confirmed' : 'unconfirmed'),
      type: definition.type,
      category: [definition.category],
      criticality: definition.criticality,
      code: definition.code ? concept(definition.text, coding(SNOMED, definition.code[0], definition.code[1])) : concept(definition.text),
      patient: context.patient(),
      // Sources often know only the year a reaction began.
      onsetDateTime: onsetText,
      recordedDate: fhirDateTime(context.past(when)),
      recorder: by.reference(),
      ...(rng.chance(0.3) ? { asserter: context.patient() } : {}),
      ...(resolved ? { note: [{ text: 'Outgrown: eats egg in baked foods and on its own without reaction.' }] } : {}),
      reaction: [{ manifestation: [manifestation], severity: reaction.severity }],
    });
  }
}
