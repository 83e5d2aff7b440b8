/**
 * Laboratory tests (LOINC, UK units) grouped into the panels a pathology
 * laboratory reports, and the vital signs recorded at contacts.
 */
import type { MonitoringPanel } from './conditions.js';

export interface LabTest {
  readonly key: string;
  readonly loinc: string;
  readonly display: string;
  /** The name the laboratory prints. */
  readonly text: string;
  readonly unit: string;
  readonly ucum: string;
  readonly low?: number;
  readonly high?: number;
  /** Typical value and spread in a healthy adult. */
  readonly mean: number;
  readonly spread: number;
  readonly decimals: number;
  /** Limits beyond which the laboratory phones the result through (flagged HH / LL). */
  readonly criticalLow?: number;
  readonly criticalHigh?: number;
}

const lab = (test: LabTest): LabTest => test;

export const labTests = {
  sodium: lab({
    key: 'sodium',
    loinc: '2951-2',
    display: 'Sodium [Moles/volume] in Serum or Plasma',
    text: 'Serum sodium',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 133,
    high: 146,
    mean: 139,
    spread: 2.5,
    decimals: 0,
    criticalLow: 120,
    criticalHigh: 160,
  }),
  potassium: lab({
    key: 'potassium',
    loinc: '2823-3',
    display: 'Potassium [Moles/volume] in Serum or Plasma',
    text: 'Serum potassium',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 3.5,
    high: 5.3,
    mean: 4.3,
    spread: 0.35,
    decimals: 1,
    criticalLow: 2.5,
    criticalHigh: 6.5,
  }),
  urea: lab({
    key: 'urea',
    loinc: '22664-7',
    display: 'Urea [Moles/volume] in Serum or Plasma',
    text: 'Serum urea',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 2.5,
    high: 7.8,
    mean: 5.2,
    spread: 1.3,
    decimals: 1,
  }),
  creatinine: lab({
    key: 'creatinine',
    loinc: '14682-9',
    display: 'Creatinine [Moles/volume] in Serum or Plasma',
    text: 'Serum creatinine',
    unit: 'µmol/L',
    ucum: 'umol/L',
    low: 45,
    high: 104,
    mean: 78,
    spread: 13,
    decimals: 0,
  }),
  egfr: lab({
    key: 'egfr',
    loinc: '62238-1',
    display:
      'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)',
    text: 'eGFR',
    unit: 'mL/min/1.73m²',
    ucum: 'mL/min/{1.73_m2}',
    low: 60,
    mean: 88,
    spread: 12,
    decimals: 0,
  }),
  hba1c: lab({
    key: 'hba1c',
    loinc: '59261-8',
    display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol',
    text: 'HbA1c',
    unit: 'mmol/mol',
    ucum: 'mmol/mol',
    high: 41,
    mean: 36,
    spread: 3,
    decimals: 0,
  }),
  cholesterol: lab({
    key: 'cholesterol',
    loinc: '14647-2',
    display: 'Cholesterol [Moles/volume] in Serum or Plasma',
    text: 'Serum cholesterol',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    high: 5,
    mean: 4.8,
    spread: 0.9,
    decimals: 1,
  }),
  hdl: lab({
    key: 'hdl',
    loinc: '14646-4',
    display: 'Cholesterol in HDL [Moles/volume] in Serum or Plasma',
    text: 'Serum HDL cholesterol',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 1,
    mean: 1.4,
    spread: 0.3,
    decimals: 1,
  }),
  triglyceride: lab({
    key: 'triglyceride',
    loinc: '14927-8',
    display: 'Triglyceride [Moles/volume] in Serum or Plasma',
    text: 'Serum triglycerides',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    high: 1.7,
    mean: 1.4,
    spread: 0.5,
    decimals: 1,
  }),
  haemoglobin: lab({
    key: 'haemoglobin',
    loinc: '718-7',
    display: 'Hemoglobin [Mass/volume] in Blood',
    text: 'Haemoglobin',
    unit: 'g/L',
    ucum: 'g/L',
    low: 115,
    high: 180,
    mean: 138,
    spread: 12,
    decimals: 0,
    criticalLow: 70,
  }),
  whiteCells: lab({
    key: 'white-cells',
    loinc: '6690-2',
    display: 'Leukocytes [#/volume] in Blood by Automated count',
    text: 'White cell count',
    unit: '10⁹/L',
    ucum: '10*9/L',
    low: 4,
    high: 11,
    mean: 6.8,
    spread: 1.6,
    decimals: 1,
  }),
  platelets: lab({
    key: 'platelets',
    loinc: '777-3',
    display: 'Platelets [#/volume] in Blood by Automated count',
    text: 'Platelet count',
    unit: '10⁹/L',
    ucum: '10*9/L',
    low: 150,
    high: 400,
    mean: 260,
    spread: 50,
    decimals: 0,
    criticalLow: 50,
    criticalHigh: 1000,
  }),
  tsh: lab({
    key: 'tsh',
    loinc: '3016-3',
    display: 'Thyrotropin [Units/volume] in Serum or Plasma',
    text: 'Serum TSH',
    unit: 'mU/L',
    ucum: 'm[IU]/L',
    low: 0.27,
    high: 4.2,
    mean: 1.9,
    spread: 0.8,
    decimals: 2,
  }),
  alt: lab({
    key: 'alt',
    loinc: '1742-6',
    display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma',
    text: 'Serum ALT',
    unit: 'U/L',
    ucum: 'U/L',
    high: 40,
    mean: 22,
    spread: 8,
    decimals: 0,
  }),
  crp: lab({
    key: 'crp',
    loinc: '1988-5',
    display: 'C reactive protein [Mass/volume] in Serum or Plasma',
    text: 'Serum CRP',
    unit: 'mg/L',
    ucum: 'mg/L',
    high: 5,
    mean: 2.5,
    spread: 1.5,
    decimals: 0,
  }),
  calcium: lab({
    key: 'calcium',
    loinc: '2000-8',
    display: 'Calcium [Moles/volume] in Serum or Plasma',
    text: 'Serum calcium',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 2.2,
    high: 2.6,
    mean: 2.38,
    spread: 0.08,
    decimals: 2,
  }),
  phosphate: lab({
    key: 'phosphate',
    loinc: '14879-1',
    display: 'Phosphate [Moles/volume] in Serum or Plasma',
    text: 'Serum phosphate',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 0.8,
    high: 1.5,
    mean: 1.1,
    spread: 0.15,
    decimals: 2,
  }),
  lithium: lab({
    key: 'lithium',
    loinc: '14334-7',
    display: 'Lithium [Moles/volume] in Serum or Plasma',
    text: 'Serum lithium',
    unit: 'mmol/L',
    ucum: 'mmol/L',
    low: 0.4,
    high: 1,
    mean: 0.7,
    spread: 0.15,
    decimals: 2,
    criticalHigh: 1.5,
  }),
} as const satisfies Record<string, LabTest>;

export type LabTestKey = keyof typeof labTests;

export interface LabPanel {
  readonly code: string;
  readonly text: string;
  /** v2-0074 diagnostic service section. */
  readonly section: 'CH' | 'HM';
  readonly tests: readonly LabTestKey[];
}

export const labPanels: Record<MonitoringPanel | 'crp', LabPanel> = {
  ue: { code: 'UE', text: 'Urea and electrolytes', section: 'CH', tests: ['sodium', 'potassium', 'urea', 'creatinine', 'egfr'] },
  fbc: { code: 'FBC', text: 'Full blood count', section: 'HM', tests: ['haemoglobin', 'whiteCells', 'platelets'] },
  lipids: { code: 'LIPID', text: 'Lipid profile', section: 'CH', tests: ['cholesterol', 'hdl', 'triglyceride'] },
  hba1c: { code: 'HBA1C', text: 'HbA1c', section: 'CH', tests: ['hba1c'] },
  tft: { code: 'TFT', text: 'Thyroid function', section: 'CH', tests: ['tsh'] },
  lft: { code: 'LFT', text: 'Liver function', section: 'CH', tests: ['alt'] },
  lithium: { code: 'LITH', text: 'Lithium level', section: 'CH', tests: ['lithium'] },
  bone: { code: 'BONE', text: 'Bone profile', section: 'CH', tests: ['calcium', 'phosphate'] },
  crp: { code: 'CRP', text: 'C-reactive protein', section: 'CH', tests: ['crp'] },
};

export const sectionDisplay: Record<LabPanel['section'], string> = { CH: 'Chemistry', HM: 'Hematology' };

export type VitalSign =
  'blood-pressure' | 'weight' | 'heart-rate' | 'height' | 'bmi' | 'temperature' | 'oxygen-saturation' | 'respiratory-rate';

export interface VitalDefinition {
  readonly loinc: readonly [code: string, display: string];
  readonly snomed: readonly [code: string, display: string];
  readonly text: string;
  readonly unit: string;
  readonly ucum: string;
}

export const vitals: Record<Exclude<VitalSign, 'blood-pressure'>, VitalDefinition> = {
  weight: { loinc: ['29463-7', 'Body weight'], snomed: ['27113001', 'Body weight'], text: 'Weight', unit: 'kg', ucum: 'kg' },
  'heart-rate': {
    loinc: ['8867-4', 'Heart rate'],
    snomed: ['364075005', 'Heart rate'],
    text: 'Pulse rate',
    unit: 'beats/minute',
    ucum: '/min',
  },
  height: { loinc: ['8302-2', 'Body height'], snomed: ['50373000', 'Body height measure'], text: 'Height', unit: 'cm', ucum: 'cm' },
  bmi: {
    loinc: ['39156-5', 'Body mass index (BMI) [Ratio]'],
    snomed: ['60621009', 'Body mass index'],
    text: 'Body mass index',
    unit: 'kg/m²',
    ucum: 'kg/m2',
  },
  temperature: {
    loinc: ['8310-5', 'Body temperature'],
    snomed: ['386725007', 'Body temperature'],
    text: 'Temperature',
    unit: '°C',
    ucum: 'Cel',
  },
  'oxygen-saturation': {
    loinc: ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry'],
    snomed: ['431314004', 'Peripheral oxygen saturation'],
    text: 'Oxygen saturation',
    unit: '%',
    ucum: '%',
  },
  'respiratory-rate': {
    loinc: ['9279-1', 'Respiratory rate'],
    snomed: ['86290005', 'Respiratory rate'],
    text: 'Respiratory rate',
    unit: 'breaths/minute',
    ucum: '/min',
  },
};
