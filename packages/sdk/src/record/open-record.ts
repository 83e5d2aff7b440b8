/**
 * The whole record for callers who want everything: the record page (banner
 * and summary), the medicines and the timeline. A module of its own, so that
 * the modules it brings together do not depend on one another.
 */
import type { HubClient } from '../client/hub-client.js';
import type { PatientRecord } from './patient-record.js';
import { readTimeline } from './patient-record.js';
import { readMedications } from './read-medications.js';
import { openRecordReader, pageBanner, pageSummary, type PatientRecordOptions } from './record-reader.js';

/** The whole record: page (banner and summary), medicines and timeline. Brings every view model; see `openRecordReader` for one at a time. */
export function openRecord(hub: HubClient, patientId: string, options: PatientRecordOptions): PatientRecord {
  const reader = openRecordReader(hub, patientId, options);
  return {
    patientId,
    async page() {
      const page = await reader.page();
      return { patient: page.patient, banner: pageBanner(page, options), summary: pageSummary(page, options), roundTrips: page.roundTrips };
    },
    medications: () => readMedications(reader),
    timeline: () => readTimeline(reader),
  };
}
