/**
 * Long-term conditions and the everyday problems people see their GP about,
 * with SNOMED CT codes and displays, how common they are by age, the
 * medicines that usually follow, and the monitoring they bring.
 */
import type { Specialty } from '../directory/staff.js';

type Sex = 'male' | 'female';

/** Chance of having the condition at an age: straight lines between (age, chance) points. */
function byAge(points: readonly (readonly [age: number, chance: number])[]): (age: number) => number {
  return (age) => {
    const first = points[0];
    if (!first || age <= first[0]) return 0;
    for (let index = 1; index < points.length; index++) {
      const [toAge, toChance] = points[index] ?? first;
      const [fromAge, fromChance] = points[index - 1] ?? first;
      if (age <= toAge) return fromChance + ((toChance - fromChance) * (age - fromAge)) / (toAge - fromAge);
    }
    return points[points.length - 1]?.[1] ?? 0;
  };
}

export type MonitoringPanel = 'ue' | 'fbc' | 'lipids' | 'hba1c' | 'tft' | 'lft' | 'lithium' | 'bone';

export interface ConditionDefinition {
  readonly key: string;
  readonly snomed: string;
  readonly display: string;
  /** The problem as the clinician wrote it. */
  readonly text: string;
  readonly chance: (age: number, sex: Sex) => number;
  readonly minimumOnsetAge: number;
  /** Alternative repeat-medicine regimens; one is chosen. */
  readonly regimens: readonly (readonly string[])[];
  /** A medicine tried earlier and stopped, with the reason recorded. */
  readonly stopped?: { readonly medicine: string; readonly reason: string };
  readonly monitoring: readonly MonitoringPanel[];
  /** Months between reviews. */
  readonly reviewMonths: number;
  readonly clinic?: Specialty;
  /** Chance the resident is also seen in the hospital clinic. */
  readonly clinicChance?: number;
  /** Managed by the mental health trust; its entries there carry the `PSY` label. */
  readonly mentalHealthService?: boolean;
  /** `inactive` on the problem list (a past event rather than an ongoing condition). */
  readonly past?: boolean;
}

const define = (definition: ConditionDefinition): ConditionDefinition => definition;
const bothSexes = (curve: (age: number) => number) => (age: number) => curve(age);
const femaleMostly =
  (curve: (age: number) => number, maleShare: number) =>
  (age: number, sex: Sex): number =>
    sex === 'female' ? curve(age) : curve(age) * maleShare;

export const conditions: readonly ConditionDefinition[] = [
  define({
    key: 'hypertension',
    snomed: '38341003',
    display: 'Hypertensive disorder',
    text: 'Hypertension',
    chance: bothSexes(
      byAge([
        [25, 0],
        [40, 0.06],
        [55, 0.2],
        [65, 0.35],
        [80, 0.55],
      ]),
    ),
    minimumOnsetAge: 30,
    regimens: [['amlodipine'], ['ramipril'], ['amlodipine', 'ramipril']],
    stopped: { medicine: 'ramipril', reason: 'Persistent dry cough' },
    monitoring: ['ue'],
    reviewMonths: 12,
  }),
  define({
    key: 'type-2-diabetes',
    snomed: '44054006',
    display: 'Diabetes mellitus type 2',
    text: 'Type 2 diabetes mellitus',
    chance: bothSexes(
      byAge([
        [30, 0],
        [40, 0.04],
        [55, 0.1],
        [65, 0.15],
        [80, 0.17],
      ]),
    ),
    minimumOnsetAge: 30,
    regimens: [['metformin', 'atorvastatin'], ['metformin']],
    monitoring: ['hba1c', 'ue', 'lipids'],
    reviewMonths: 6,
    clinic: 'diabetes',
    clinicChance: 0.3,
  }),
  define({
    key: 'type-1-diabetes',
    snomed: '46635009',
    display: 'Diabetes mellitus type 1',
    text: 'Type 1 diabetes mellitus',
    chance: bothSexes(
      byAge([
        [4, 0],
        [12, 0.003],
        [80, 0.004],
      ]),
    ),
    minimumOnsetAge: 3,
    regimens: [['insulin-glargine']],
    monitoring: ['hba1c', 'ue', 'tft'],
    reviewMonths: 6,
    clinic: 'diabetes',
    clinicChance: 0.9,
  }),
  define({
    key: 'asthma',
    snomed: '195967001',
    display: 'Asthma',
    text: 'Asthma',
    chance: bothSexes(
      byAge([
        [2, 0],
        [5, 0.06],
        [12, 0.1],
        [30, 0.08],
        [80, 0.06],
      ]),
    ),
    minimumOnsetAge: 3,
    regimens: [['salbutamol', 'beclometasone'], ['salbutamol']],
    monitoring: [],
    reviewMonths: 12,
    clinic: 'respiratory',
    clinicChance: 0.08,
  }),
  define({
    key: 'copd',
    snomed: '13645005',
    display: 'Chronic obstructive lung disease',
    text: 'COPD',
    chance: bothSexes(
      byAge([
        [40, 0],
        [55, 0.04],
        [70, 0.08],
        [85, 0.1],
      ]),
    ),
    minimumOnsetAge: 45,
    regimens: [['salbutamol', 'tiotropium']],
    monitoring: ['fbc'],
    reviewMonths: 12,
    clinic: 'respiratory',
    clinicChance: 0.3,
  }),
  define({
    key: 'coronary-heart-disease',
    snomed: '53741008',
    display: 'Coronary arteriosclerosis',
    text: 'Coronary heart disease',
    chance: (age, sex) =>
      byAge([
        [45, 0],
        [60, 0.05],
        [75, 0.12],
        [85, 0.15],
      ])(age) * (sex === 'male' ? 1.3 : 0.7),
    minimumOnsetAge: 40,
    regimens: [['aspirin', 'simvastatin', 'bisoprolol']],
    monitoring: ['lipids', 'ue'],
    reviewMonths: 12,
    clinic: 'cardiology',
    clinicChance: 0.5,
  }),
  define({
    key: 'atrial-fibrillation',
    snomed: '49436004',
    display: 'Atrial fibrillation',
    text: 'Atrial fibrillation',
    chance: bothSexes(
      byAge([
        [55, 0],
        [65, 0.03],
        [75, 0.08],
        [85, 0.12],
      ]),
    ),
    minimumOnsetAge: 50,
    regimens: [['apixaban', 'bisoprolol']],
    monitoring: ['ue', 'fbc'],
    reviewMonths: 12,
    clinic: 'cardiology',
    clinicChance: 0.4,
  }),
  define({
    key: 'heart-failure',
    snomed: '84114007',
    display: 'Heart failure',
    text: 'Heart failure',
    chance: bothSexes(
      byAge([
        [60, 0],
        [70, 0.02],
        [80, 0.06],
        [90, 0.1],
      ]),
    ),
    minimumOnsetAge: 55,
    regimens: [['furosemide', 'bisoprolol', 'ramipril']],
    monitoring: ['ue'],
    reviewMonths: 6,
    clinic: 'cardiology',
    clinicChance: 0.7,
  }),
  define({
    key: 'chronic-kidney-disease',
    snomed: '709044004',
    display: 'Chronic kidney disease',
    text: 'Chronic kidney disease stage 3',
    chance: bothSexes(
      byAge([
        [50, 0],
        [65, 0.05],
        [80, 0.15],
      ]),
    ),
    minimumOnsetAge: 45,
    regimens: [[]],
    monitoring: ['ue', 'fbc'],
    reviewMonths: 12,
    clinic: 'renal',
    clinicChance: 0.2,
  }),
  define({
    key: 'depression',
    snomed: '35489007',
    display: 'Depressive disorder',
    text: 'Depression',
    chance: bothSexes(
      byAge([
        [14, 0],
        [18, 0.06],
        [40, 0.1],
        [80, 0.08],
      ]),
    ),
    minimumOnsetAge: 14,
    regimens: [['sertraline'], ['citalopram'], []],
    stopped: { medicine: 'citalopram', reason: 'Nausea and poor sleep' },
    monitoring: [],
    reviewMonths: 12,
  }),
  define({
    key: 'anxiety',
    snomed: '197480006',
    display: 'Anxiety disorder',
    text: 'Generalised anxiety disorder',
    chance: bothSexes(
      byAge([
        [14, 0],
        [20, 0.05],
        [60, 0.04],
      ]),
    ),
    minimumOnsetAge: 14,
    regimens: [[], ['sertraline']],
    monitoring: [],
    reviewMonths: 12,
  }),
  define({
    key: 'schizophrenia',
    snomed: '58214004',
    display: 'Schizophrenia',
    text: 'Paranoid schizophrenia',
    chance: () => 0,
    minimumOnsetAge: 17,
    regimens: [['olanzapine']],
    monitoring: ['lipids', 'hba1c', 'fbc'],
    reviewMonths: 6,
    mentalHealthService: true,
  }),
  define({
    key: 'bipolar',
    snomed: '13746004',
    display: 'Bipolar disorder',
    text: 'Bipolar affective disorder',
    chance: () => 0,
    minimumOnsetAge: 17,
    regimens: [['lithium']],
    monitoring: ['lithium', 'ue', 'tft'],
    reviewMonths: 3,
    mentalHealthService: true,
  }),
  define({
    key: 'alzheimers',
    snomed: '26929004',
    display: "Alzheimer's disease",
    text: "Alzheimer's disease",
    chance: bothSexes(
      byAge([
        [65, 0],
        [75, 0.03],
        [85, 0.12],
        [95, 0.25],
      ]),
    ),
    minimumOnsetAge: 62,
    regimens: [['donepezil']],
    monitoring: [],
    reviewMonths: 12,
    clinic: 'older-people',
    clinicChance: 0.8,
  }),
  define({
    key: 'osteoarthritis',
    snomed: '396275006',
    display: 'Osteoarthritis',
    text: 'Osteoarthritis of knee',
    chance: bothSexes(
      byAge([
        [45, 0],
        [60, 0.1],
        [80, 0.25],
      ]),
    ),
    minimumOnsetAge: 45,
    regimens: [['paracetamol'], ['co-codamol'], []],
    stopped: { medicine: 'naproxen', reason: 'Indigestion' },
    monitoring: [],
    reviewMonths: 12,
    clinic: 'orthopaedics',
    clinicChance: 0.15,
  }),
  define({
    key: 'osteoporosis',
    snomed: '64859006',
    display: 'Osteoporosis',
    text: 'Osteoporosis',
    chance: femaleMostly(
      byAge([
        [55, 0],
        [70, 0.08],
        [85, 0.2],
      ]),
      0.25,
    ),
    minimumOnsetAge: 55,
    regimens: [['alendronic-acid', 'colecalciferol']],
    monitoring: ['bone'],
    reviewMonths: 12,
  }),
  define({
    key: 'stroke',
    snomed: '230690007',
    display: 'Cerebrovascular accident',
    text: 'Stroke',
    chance: bothSexes(
      byAge([
        [55, 0],
        [70, 0.03],
        [85, 0.06],
      ]),
    ),
    minimumOnsetAge: 50,
    regimens: [['aspirin', 'atorvastatin']],
    monitoring: ['lipids'],
    reviewMonths: 12,
    past: true,
  }),
  define({
    key: 'hypothyroidism',
    snomed: '40930008',
    display: 'Hypothyroidism',
    text: 'Hypothyroidism',
    chance: femaleMostly(
      byAge([
        [20, 0],
        [30, 0.01],
        [50, 0.04],
        [80, 0.08],
      ]),
      0.2,
    ),
    minimumOnsetAge: 20,
    regimens: [['levothyroxine']],
    monitoring: ['tft'],
    reviewMonths: 12,
  }),
  define({
    key: 'eczema',
    snomed: '24079001',
    display: 'Atopic dermatitis',
    text: 'Eczema',
    chance: bothSexes(
      byAge([
        [0.2, 0],
        [1, 0.12],
        [10, 0.1],
        [30, 0.04],
        [60, 0.02],
      ]),
    ),
    minimumOnsetAge: 0.2,
    regimens: [['emollient']],
    monitoring: [],
    reviewMonths: 12,
    clinic: 'dermatology',
    clinicChance: 0.05,
  }),
  define({
    key: 'adhd',
    snomed: '406506008',
    display: 'Attention deficit hyperactivity disorder',
    text: 'ADHD',
    chance: (age, sex) =>
      byAge([
        [5, 0],
        [8, 0.03],
        [18, 0.04],
        [40, 0.01],
      ])(age) * (sex === 'male' ? 1.5 : 0.6),
    minimumOnsetAge: 6,
    regimens: [['methylphenidate'], []],
    monitoring: [],
    reviewMonths: 6,
    clinic: 'paediatrics',
    clinicChance: 0.6,
  }),
  define({
    key: 'hay-fever',
    snomed: '61582004',
    display: 'Allergic rhinitis',
    text: 'Hay fever',
    chance: bothSexes(
      byAge([
        [4, 0],
        [10, 0.08],
        [25, 0.12],
        [60, 0.06],
      ]),
    ),
    minimumOnsetAge: 4,
    regimens: [[]],
    monitoring: [],
    reviewMonths: 0,
  }),
  define({
    key: 'epilepsy',
    snomed: '84757009',
    display: 'Epilepsy',
    text: 'Epilepsy',
    chance: bothSexes(
      byAge([
        [2, 0],
        [10, 0.006],
        [80, 0.009],
      ]),
    ),
    minimumOnsetAge: 2,
    regimens: [['levetiracetam']],
    monitoring: [],
    reviewMonths: 12,
    clinic: 'neurology',
    clinicChance: 0.7,
  }),
  define({
    key: 'reflux',
    snomed: '235595009',
    display: 'Gastroesophageal reflux disease',
    text: 'Gastro-oesophageal reflux',
    chance: bothSexes(
      byAge([
        [20, 0],
        [30, 0.02],
        [60, 0.08],
      ]),
    ),
    minimumOnsetAge: 20,
    regimens: [['omeprazole']],
    monitoring: [],
    reviewMonths: 0,
  }),
  define({
    key: 'gout',
    snomed: '90560007',
    display: 'Gout',
    text: 'Gout',
    chance: (age, sex) =>
      byAge([
        [30, 0],
        [60, 0.04],
        [80, 0.06],
      ])(age) * (sex === 'male' ? 1 : 0.25),
    minimumOnsetAge: 30,
    regimens: [['allopurinol'], []],
    monitoring: ['ue'],
    reviewMonths: 12,
  }),
];

export const conditionsByKey: ReadonlyMap<string, ConditionDefinition> = new Map(
  conditions.map((definition) => [definition.key, definition]),
);

/** A short illness someone sees the GP or urgent care about, with what (if anything) is prescribed. */
export interface Complaint {
  readonly snomed: string;
  readonly display: string;
  readonly text: string;
  readonly adultMedicine?: string;
  readonly childMedicine?: string;
  readonly children: boolean;
  readonly adults: boolean;
}

export const complaints: readonly Complaint[] = [
  { snomed: '82272006', display: 'Common cold', text: 'Cold symptoms', children: true, adults: true },
  {
    snomed: '65363002',
    display: 'Otitis media',
    text: 'Ear infection',
    childMedicine: 'amoxicillin-suspension',
    children: true,
    adults: false,
  },
  {
    snomed: '10509002',
    display: 'Acute bronchitis',
    text: 'Chest infection',
    adultMedicine: 'amoxicillin',
    childMedicine: 'amoxicillin-suspension',
    children: true,
    adults: true,
  },
  {
    snomed: '68566005',
    display: 'Urinary tract infectious disease',
    text: 'Urine infection',
    adultMedicine: 'nitrofurantoin',
    children: false,
    adults: true,
  },
  { snomed: '279039007', display: 'Low back pain', text: 'Low back pain', adultMedicine: 'naproxen', children: false, adults: true },
  { snomed: '25064002', display: 'Headache', text: 'Headaches', children: true, adults: true },
  { snomed: '267102003', display: 'Sore throat', text: 'Sore throat', children: true, adults: true },
  { snomed: '25374005', display: 'Gastroenteritis', text: 'Diarrhoea and vomiting', children: true, adults: true },
  { snomed: '271807003', display: 'Eruption of skin', text: 'Rash', childMedicine: 'hydrocortisone-cream', children: true, adults: true },
  {
    snomed: '386661006',
    display: 'Fever',
    text: 'High temperature',
    childMedicine: 'paracetamol-suspension',
    children: true,
    adults: false,
  },
  { snomed: '49727002', display: 'Cough', text: 'Cough', children: true, adults: true },
  { snomed: '84229001', display: 'Fatigue', text: 'Tiredness', children: false, adults: true },
  { snomed: '57676002', display: 'Pain of joint', text: 'Joint pain', adultMedicine: 'naproxen', children: false, adults: true },
];

/** Why people come to the emergency department, and whether they usually stay in. */
export interface EmergencyReason {
  readonly snomed: string;
  readonly display: string;
  readonly text: string;
  readonly admitChance: number;
  readonly specialty: Specialty;
  readonly children: boolean;
  readonly adults: boolean;
  readonly olderPeople: boolean;
}

export const emergencyReasons: readonly EmergencyReason[] = [
  {
    snomed: '1912002',
    display: 'Fall',
    text: 'Fall at home',
    admitChance: 0.35,
    specialty: 'older-people',
    children: false,
    adults: false,
    olderPeople: true,
  },
  {
    snomed: '29857009',
    display: 'Chest pain',
    text: 'Chest pain',
    admitChance: 0.3,
    specialty: 'cardiology',
    children: false,
    adults: true,
    olderPeople: true,
  },
  {
    snomed: '267036007',
    display: 'Dyspnea',
    text: 'Shortness of breath',
    admitChance: 0.45,
    specialty: 'respiratory',
    children: false,
    adults: true,
    olderPeople: true,
  },
  {
    snomed: '82271004',
    display: 'Injury of head',
    text: 'Head injury',
    admitChance: 0.1,
    specialty: 'emergency',
    children: true,
    adults: true,
    olderPeople: true,
  },
  {
    snomed: '21522001',
    display: 'Abdominal pain',
    text: 'Abdominal pain',
    admitChance: 0.25,
    specialty: 'gastroenterology',
    children: true,
    adults: true,
    olderPeople: true,
  },
  {
    snomed: '44465007',
    display: 'Sprain of ankle',
    text: 'Twisted ankle',
    admitChance: 0,
    specialty: 'orthopaedics',
    children: true,
    adults: true,
    olderPeople: false,
  },
  {
    snomed: '386661006',
    display: 'Fever',
    text: 'High temperature',
    admitChance: 0.1,
    specialty: 'paediatrics',
    children: true,
    adults: false,
    olderPeople: false,
  },
  {
    snomed: '4120002',
    display: 'Bronchiolitis',
    text: 'Bronchiolitis',
    admitChance: 0.3,
    specialty: 'paediatrics',
    children: true,
    adults: false,
    olderPeople: false,
  },
  {
    snomed: '2776000',
    display: 'Delirium',
    text: 'Acute confusion',
    admitChance: 0.8,
    specialty: 'older-people',
    children: false,
    adults: false,
    olderPeople: true,
  },
  {
    snomed: '128045006',
    display: 'Cellulitis',
    text: 'Cellulitis of leg',
    admitChance: 0.4,
    specialty: 'general-medicine',
    children: false,
    adults: true,
    olderPeople: true,
  },
  {
    snomed: '233604007',
    display: 'Pneumonia',
    text: 'Pneumonia',
    admitChance: 0.7,
    specialty: 'respiratory',
    children: false,
    adults: true,
    olderPeople: true,
  },
];
