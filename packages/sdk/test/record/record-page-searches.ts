/** The searches the record page makes on a server without `$summary`, one per type: what a stand-in server answers. */
export const RECORD_PAGE_SEARCHES = [
  'AllergyIntolerance',
  'Condition',
  'MedicationRequest',
  'MedicationStatement',
  'Flag',
  'CarePlan',
  'Goal',
  'EpisodeOfCare',
  'RelatedPerson',
  'Immunization',
  'Procedure',
  'Appointment',
] as const;
