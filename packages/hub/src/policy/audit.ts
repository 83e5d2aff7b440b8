/**
 * Every read of a resident's record writes an AuditEvent: who (person, role,
 * organisation), whose record, what was looked at, when, why — and whether it
 * was break-glass access, with the reason given. Residents list these
 * ("who looked at my record") with `GET /AuditEvent?patient=…`. A resident's
 * changes to their sharing choice are audited too (action `C` or `U`).
 */
import { randomUUID } from 'node:crypto';
import type { HubStore } from '../store/store.js';
import type { Viewer } from './access-policy.js';

export type AuditedInteraction = 'read' | 'search-type' | 'operation' | 'create' | 'update';

export interface AuditRecord {
  viewer: Viewer;
  patientId: string;
  interaction: AuditedInteraction;
  /** What was looked at, e.g. `Observation search` or `Record summary` — types, never values. */
  description: string;
  breakGlass: boolean;
  at: number;
}

const actReason = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

export function writeAuditEvent(store: HubStore, record: AuditRecord): void {
  const { viewer } = record;
  const recorded = new Date(record.at).toISOString();
  const purpose = record.breakGlass
    ? {
        coding: [{ system: actReason, code: 'ETREAT', display: 'Emergency Treatment' }],
        text: `Emergency access: ${viewer.breakGlassReason ?? ''}`.trim(),
      }
    : {
        coding: [
          {
            system: actReason,
            code: viewer.kind === 'resident' ? 'PATADMIN' : 'TREAT',
            display: viewer.kind === 'resident' ? 'patient administration' : 'treatment',
          },
        ],
      };
  store.put(
    {
      resourceType: 'AuditEvent',
      id: `ae-${randomUUID()}`,
      meta: {
        source: 'https://care-record.example/source/hub',
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AuditEvent'],
      },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: record.interaction, display: record.interaction }],
      action: record.interaction === 'create' ? 'C' : record.interaction === 'update' ? 'U' : 'R',
      recorded,
      outcome: '0',
      purposeOfEvent: [purpose],
      agent: [
        {
          who: { reference: viewer.fhirUser, ...(viewer.name ? { display: viewer.name } : {}) },
          requestor: true,
          role: [{ text: viewer.role }],
        },
        ...(viewer.organizationId
          ? [
              {
                who: {
                  reference: `Organization/${viewer.organizationId}`,
                  ...(viewer.organizationName ? { display: viewer.organizationName } : {}),
                },
                requestor: false,
              },
            ]
          : []),
      ],
      source: { site: 'care-record hub', observer: { display: 'care-record hub' } },
      entity: [
        {
          what: { reference: `Patient/${record.patientId}` },
          type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
          role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
          description: record.description,
        },
      ],
    },
    record.at,
  );
}
