/**
 * Medicines as products, each in one way a Medication says it is sensitive (R11) — words in its code's text or a
 * coding's display, a SNOMED CT code, its narrative, a label its source put on it — and an ordinary one, with the same
 * medicine written in an item instead: a concept carrying its words, or, for a label (which a concept cannot carry),
 * the item carrying the label itself. An item naming the Medication by reference is answered as that item is.
 */
type Json = Record<string, unknown>;

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const CONFIDENTIALITY = 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality';
const dmd = (code: string, display?: string) => ({ system: 'https://dmd.nhs.uk', code, ...(display ? { display } : {}) });

/**
 * Each way a Medication says what it is, with the same written inline: a concept carrying its words, or, for a label
 * (which a concept cannot carry), the item carrying the label itself.
 */
export const MEDICINES: Record<string, { medication: Json; inline: Json }> = {
  prep: {
    medication: { code: { coding: [dmd('9990000012')], text: 'Emtricitabine/tenofovir (HIV PrEP)' } },
    inline: { medicationCodeableConcept: { coding: [dmd('9990000012')], text: 'Emtricitabine/tenofovir (HIV PrEP)' } },
  },
  display: {
    medication: { code: { coding: [dmd('9990000013', 'Mifepristone for termination of pregnancy')] } },
    inline: { medicationCodeableConcept: { coding: [dmd('9990000013', 'Mifepristone for termination of pregnancy')] } },
  },
  snomed: {
    medication: { code: { coding: [{ system: 'http://snomed.info/sct', code: '105629000' }, dmd('9990000014')] } },
    inline: { medicationCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '105629000' }, dmd('9990000014')] } },
  },
  narrative: {
    medication: {
      text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Estradiol for gender reassignment</div>' },
      code: { coding: [dmd('9990000015')] },
    },
    inline: { medicationCodeableConcept: { coding: [dmd('9990000015')], text: 'Estradiol for gender reassignment' } },
  },
  restricted: {
    medication: { meta: { security: [{ system: CONFIDENTIALITY, code: 'R' }] }, code: { coding: [dmd('9990000016')], text: 'Methadone' } },
    inline: { meta: { security: [{ system: CONFIDENTIALITY, code: 'R' }] }, medicationCodeableConcept: { text: 'Methadone' } },
  },
  nopat: {
    medication: { meta: { security: [{ system: ACT_CODE, code: 'NOPAT' }] }, code: { coding: [dmd('9990000017')], text: 'Trial drug' } },
    inline: { meta: { security: [{ system: ACT_CODE, code: 'NOPAT' }] }, medicationCodeableConcept: { text: 'Trial drug' } },
  },
  'mental-health': {
    medication: { meta: { security: [{ system: ACT_CODE, code: 'PSY' }] }, code: { coding: [dmd('9990000018')], text: 'Clozapine' } },
    inline: { meta: { security: [{ system: ACT_CODE, code: 'PSY' }] }, medicationCodeableConcept: { text: 'Clozapine' } },
  },
  warfarin: {
    medication: { code: { coding: [dmd('9990000011')], text: 'Warfarin 1mg tablets' } },
    inline: { medicationCodeableConcept: { coding: [dmd('9990000011')], text: 'Warfarin 1mg tablets' } },
  },
};
export type Medicine = keyof typeof MEDICINES;
