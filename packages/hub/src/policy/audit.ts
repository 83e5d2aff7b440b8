/**
 * Every request about a resident's record writes one AuditEvent, allowed or
 * refused, and so does every refused request of any kind: who (person, role,
 * organisation), whose record (every resident the answer named), what was
 * asked, when, why — whether it was break-glass access, with the reason given
 * — and the outcome (`0` allowed; `4` refused, with the status and hub code
 * in `outcomeDesc`). Residents list the allowed ones ("who looked at my
 * record") with `GET /AuditEvent?patient=…`; refused attempts are for the
 * hub's information governance (docs/access-policy.md).
 */
import { randomUUID } from 'node:crypto';
import type { HubStore } from '../store/store.js';
import type { Viewer } from './access-policy.js';

/** The source the hub gives the looks it writes itself (`meta.source`), as against one another system sent. */
export const HUB_AUDIT_SOURCE = 'https://care-record.example/source/hub';

export type AuditedInteraction = 'read' | 'search-type' | 'operation' | 'create' | 'update' | 'batch';

export interface AuditRecord {
  viewer: Viewer;
  /** The residents the request was about or found (none when it was refused before a resident was known). */
  patients: string[];
  interaction: AuditedInteraction;
  /** What was looked at, e.g. `Observation search` or `Record summary` — types, never values. */
  description: string;
  breakGlass: boolean;
  at: number;
  /** Set when the request was refused: its status and hub error code. */
  refused?: { status: number; code: string };
  /** A carer's RelatedPerson on this resident's record, when they acted for them: the agent the resident sees. */
  actingAs?: { id: string; name: string | undefined } | undefined;
}

const actReason = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

export async function writeAuditEvent(store: HubStore, record: AuditRecord): Promise<void> {
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
            code: viewer.kind === 'resident' ? 'PATADMIN' : viewer.kind === 'carer' ? 'FAMRQT' : 'TREAT',
            display: viewer.kind === 'resident' ? 'patient administration' : viewer.kind === 'carer' ? 'family requested' : 'treatment',
          },
        ],
      };
  await store.put(
    {
      resourceType: 'AuditEvent',
      id: `ae-${randomUUID()}`,
      meta: {
        source: HUB_AUDIT_SOURCE,
        profile: ['https://fhir.hl7.org.uk/StructureDefinition/UKCore-AuditEvent'],
      },
      type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest', display: 'RESTful Operation' },
      subtype: [{ system: 'http://hl7.org/fhir/restful-interaction', code: record.interaction, display: record.interaction }],
      action: record.interaction === 'create' ? 'C' : record.interaction === 'update' ? 'U' : record.interaction === 'batch' ? 'E' : 'R',
      recorded,
      outcome: record.refused ? '4' : '0',
      ...(record.refused ? { outcomeDesc: `Refused: ${record.refused.status} ${record.refused.code}` } : {}),
      purposeOfEvent: [purpose],
      agent: [
        record.actingAs
          ? {
              // The carer as this resident's record names them (never their RelatedPerson on someone else's record).
              who: { reference: `RelatedPerson/${record.actingAs.id}`, ...(record.actingAs.name ? { display: record.actingAs.name } : {}) },
              requestor: true,
              role: [{ text: 'carer' }],
            }
          : {
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
      entity:
        record.patients.length === 0
          ? [{ description: record.description }]
          : record.patients.map((patientId) => ({
              what: { reference: `Patient/${patientId}` },
              type: { system: 'http://terminology.hl7.org/CodeSystem/audit-entity-type', code: '1', display: 'Person' },
              role: { system: 'http://terminology.hl7.org/CodeSystem/object-role', code: '1', display: 'Patient' },
              description: record.description,
            })),
    },
    record.at,
  );
}
