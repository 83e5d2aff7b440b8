/**
 * Medicines the synthetic borough prescribes. `name` is the drug name as the
 * prescribing system records it (shown verbatim); `dmd` is the dm+d concept id
 * where the product has one we are sure of, otherwise the item carries text
 * only, as a record without a dm+d code does. `dose` is the usual GP dosage
 * text; `hospitalDose`, where present, is how the hospital wrote the same
 * medicine differently (the disagreement the record view must flag).
 */

export interface MedicineDefinition {
  readonly key: string;
  readonly name: string;
  readonly dmd?: string;
  readonly dose: string;
  readonly hospitalDose?: string;
  readonly quantity: number;
  readonly unit: string;
  /** Days one issue lasts. */
  readonly supplyDays: number;
}

const medicineList: readonly MedicineDefinition[] = [
  {
    key: 'amlodipine',
    name: 'Amlodipine 5mg tablets',
    dmd: '319283006',
    dose: 'Take ONE tablet each morning',
    hospitalDose: '5mg once daily',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'ramipril',
    name: 'Ramipril 10mg capsules',
    dmd: '318906001',
    dose: 'Take ONE capsule once a day',
    quantity: 28,
    unit: 'capsule',
    supplyDays: 28,
  },
  {
    key: 'metformin',
    name: 'Metformin 500mg tablets',
    dmd: '325278007',
    dose: 'Take ONE tablet twice a day with meals',
    hospitalDose: 'Take ONE tablet three times a day with meals',
    quantity: 56,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'simvastatin',
    name: 'Simvastatin 40mg tablets',
    dmd: '320000009',
    dose: 'Take ONE tablet at night',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'atorvastatin',
    name: 'Atorvastatin 20mg tablets',
    dose: 'Take ONE tablet at night',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'furosemide',
    name: 'Furosemide 40mg tablets',
    dmd: '317972000',
    dose: 'Take ONE tablet each morning',
    hospitalDose: 'Take TWO tablets (80mg) each morning',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'bisoprolol',
    name: 'Bisoprolol 2.5mg tablets',
    dose: 'Take ONE tablet each morning',
    hospitalDose: '1.25mg once daily',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'apixaban',
    name: 'Apixaban 5mg tablets',
    dose: 'Take ONE tablet twice a day',
    hospitalDose: '2.5mg twice daily (dose reduced for kidney function)',
    quantity: 56,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'aspirin',
    name: 'Aspirin 75mg dispersible tablets',
    dose: 'Take ONE tablet once a day',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'salbutamol',
    name: 'Salbutamol 100micrograms/dose inhaler CFC free',
    dose: 'Inhale TWO puffs when needed for wheeze or breathlessness',
    quantity: 200,
    unit: 'dose',
    supplyDays: 60,
  },
  {
    key: 'beclometasone',
    name: 'Beclometasone 100micrograms/dose inhaler CFC free',
    dmd: '408063002',
    dose: 'Inhale TWO puffs twice a day',
    quantity: 200,
    unit: 'dose',
    supplyDays: 50,
  },
  {
    key: 'citalopram',
    name: 'Citalopram 20mg tablets',
    dmd: '321987003',
    dose: 'Take ONE tablet once a day',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  { key: 'sertraline', name: 'Sertraline 50mg tablets', dose: 'Take ONE tablet once a day', quantity: 28, unit: 'tablet', supplyDays: 28 },
  {
    key: 'olanzapine',
    name: 'Olanzapine 10mg tablets',
    dose: 'Take ONE tablet at night',
    hospitalDose: '15mg at night',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'lithium',
    name: 'Lithium carbonate 400mg modified-release tablets',
    dose: 'Take ONE tablet at night. Brand: Priadel',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  { key: 'donepezil', name: 'Donepezil 10mg tablets', dose: 'Take ONE tablet at night', quantity: 28, unit: 'tablet', supplyDays: 28 },
  {
    key: 'levothyroxine',
    name: 'Levothyroxine sodium 50microgram tablets',
    dose: 'Take ONE tablet each morning before breakfast',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'omeprazole',
    name: 'Omeprazole 20mg gastro-resistant capsules',
    dose: 'Take ONE capsule each morning',
    quantity: 28,
    unit: 'capsule',
    supplyDays: 28,
  },
  {
    key: 'paracetamol',
    name: 'Paracetamol 500mg tablets',
    dmd: '322236009',
    dose: 'Take ONE or TWO tablets up to four times a day when needed. Maximum 8 tablets in 24 hours',
    quantity: 100,
    unit: 'tablet',
    supplyDays: 25,
  },
  {
    key: 'co-codamol',
    name: 'Co-codamol 30mg/500mg tablets',
    dose: 'Take ONE or TWO tablets up to four times a day when needed for pain',
    quantity: 100,
    unit: 'tablet',
    supplyDays: 25,
  },
  {
    key: 'morphine-mr',
    name: 'Morphine 10mg modified-release tablets',
    dmd: '36126511000001106',
    dose: 'Take ONE tablet twice a day',
    quantity: 56,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'alendronic-acid',
    name: 'Alendronic acid 70mg tablets',
    dose: 'Take ONE tablet once a WEEK, on the same day, with a full glass of water, 30 minutes before breakfast',
    quantity: 4,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'colecalciferol',
    name: 'Colecalciferol 800unit capsules',
    dose: 'Take ONE capsule once a day',
    quantity: 28,
    unit: 'capsule',
    supplyDays: 28,
  },
  { key: 'emollient', name: 'Emollient cream', dose: 'Apply to the skin as often as needed', quantity: 500, unit: 'gram', supplyDays: 60 },
  {
    key: 'hydrocortisone-cream',
    name: 'Hydrocortisone 1% cream',
    dose: 'Apply thinly twice a day to the affected areas for up to 7 days',
    quantity: 30,
    unit: 'gram',
    supplyDays: 14,
  },
  {
    key: 'montelukast',
    name: 'Montelukast 5mg chewable tablets',
    dose: 'Chew ONE tablet at night',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'methylphenidate',
    name: 'Methylphenidate 18mg modified-release tablets',
    dose: 'Take ONE tablet each morning',
    quantity: 30,
    unit: 'tablet',
    supplyDays: 30,
  },
  {
    key: 'levetiracetam',
    name: 'Levetiracetam 500mg tablets',
    dose: 'Take ONE tablet twice a day',
    hospitalDose: '750mg twice daily',
    quantity: 56,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'allopurinol',
    name: 'Allopurinol 100mg tablets',
    dose: 'Take ONE tablet once a day after food',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'tiotropium',
    name: 'Tiotropium 2.5micrograms/dose inhalation solution cartridge with device',
    dose: 'Inhale TWO puffs once a day',
    quantity: 60,
    unit: 'dose',
    supplyDays: 30,
  },
  {
    key: 'sevelamer',
    name: 'Sevelamer carbonate 800mg tablets',
    dose: 'Take TWO tablets three times a day with meals',
    quantity: 168,
    unit: 'tablet',
    supplyDays: 28,
  },
  {
    key: 'insulin-glargine',
    name: 'Insulin glargine 100units/ml solution for injection 3ml pre-filled pens',
    dose: 'Inject 18 units once a day at bedtime, adjust as advised by the diabetes team',
    hospitalDose: '22 units at 22:00',
    quantity: 5,
    unit: 'pre-filled disposable injection',
    supplyDays: 30,
  },
  {
    key: 'amoxicillin',
    name: 'Amoxicillin 500mg capsules',
    dmd: '323510009',
    dose: 'Take ONE capsule three times a day for 5 days',
    quantity: 15,
    unit: 'capsule',
    supplyDays: 5,
  },
  {
    key: 'amoxicillin-suspension',
    name: 'Amoxicillin 250mg/5ml oral suspension',
    dose: 'Give 5ml three times a day for 5 days',
    quantity: 100,
    unit: 'ml',
    supplyDays: 5,
  },
  {
    key: 'nitrofurantoin',
    name: 'Nitrofurantoin 100mg modified-release capsules',
    dose: 'Take ONE capsule twice a day for 3 days',
    quantity: 6,
    unit: 'capsule',
    supplyDays: 3,
  },
  {
    key: 'doxycycline',
    name: 'Doxycycline 100mg capsules',
    dose: 'Take ONE capsule twice a day for 7 days',
    quantity: 14,
    unit: 'capsule',
    supplyDays: 7,
  },
  {
    key: 'naproxen',
    name: 'Naproxen 250mg tablets',
    dose: 'Take ONE tablet twice a day with food',
    quantity: 28,
    unit: 'tablet',
    supplyDays: 14,
  },
  {
    key: 'prednisolone',
    name: 'Prednisolone 5mg tablets',
    dose: 'Take EIGHT tablets (40mg) each morning for 5 days',
    quantity: 40,
    unit: 'tablet',
    supplyDays: 5,
  },
  {
    key: 'paracetamol-suspension',
    name: 'Paracetamol 120mg/5ml oral suspension sugar free',
    dose: 'Give 5ml up to four times a day when needed',
    quantity: 100,
    unit: 'ml',
    supplyDays: 10,
  },
  {
    key: 'diazepam',
    name: 'Diazepam 2mg tablets',
    dmd: '321196004',
    dose: 'Take ONE tablet up to three times a day when needed',
    quantity: 15,
    unit: 'tablet',
    supplyDays: 5,
  },
];

export const medicines: ReadonlyMap<string, MedicineDefinition> = new Map(medicineList.map((medicine) => [medicine.key, medicine]));

export function medicine(key: string): MedicineDefinition {
  const found = medicines.get(key);
  if (!found) throw new Error(`Unknown medicine ${key}`);
  return found;
}

/** What residents say they buy over the counter, as they typed it; some give no dose. */
export const overTheCounter: readonly { readonly name: string; readonly dose?: string }[] = [
  { name: 'Senna tablets (from the pharmacy)', dose: 'Two at night when needed' },
  { name: 'Cetirizine hay fever tablets', dose: 'One a day in summer' },
  { name: 'Ibuprofen 200mg', dose: 'One or two when my back is bad' },
  { name: 'Vitamin D 10 micrograms', dose: 'One a day' },
  { name: 'Omega-3 fish oil capsules' },
  { name: 'Gaviscon liquid', dose: '10ml after meals when needed' },
  { name: 'Paracetamol (supermarket)', dose: 'Two tablets when needed' },
  { name: "St John's wort" },
  { name: 'Multivitamin' },
  { name: 'Nytol one-a-night', dose: 'One at bedtime sometimes' },
];
