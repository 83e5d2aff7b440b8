/**
 * Errors as the contract returns them: an OperationOutcome with a FHIR issue
 * type and a coded detail from the hub's code system. Diagnostics never name
 * a patient or echo a token.
 */
export const hubErrorSystem = 'https://care-record.example/CodeSystem/hub-error';

export type HubErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_SEARCH_PARAMETER'
  | 'INVALID_RESOURCE'
  | 'RESOURCE_NOT_FOUND'
  | 'ACCESS_DENIED'
  | 'NO_LEGITIMATE_RELATIONSHIP'
  | 'SHARING_DECLINED'
  | 'NO_PROXY_ACCESS'
  | 'PROXY_RESTRICTED'
  | 'SHARING_CHOICE_EXISTS'
  | 'INVITATION_NOT_VALID'
  | 'ALREADY_ACTING_FOR'
  | 'ROLE_RESTRICTED'
  | 'SCOPE_RESTRICTED'
  | 'TOO_MANY_REQUESTS'
  | 'DUPLICATE_REQUEST'
  | 'PRECONDITION_FAILED'
  | 'SOURCE_UNAVAILABLE'
  | 'INFORMATION_WITHHELD'
  | 'BREAK_GLASS_AVAILABLE'
  | 'SUMMARY_INCOMPLETE'
  | 'SERVER_ERROR';

export interface OperationOutcomeJson {
  resourceType: 'OperationOutcome';
  issue: {
    severity: 'fatal' | 'error' | 'warning' | 'information';
    code: string;
    details?: { coding: { system: string; code: string; display?: string }[]; text?: string };
    diagnostics?: string;
    expression?: string[];
  }[];
}

export function operationOutcome(
  severity: OperationOutcomeJson['issue'][number]['severity'],
  code: string,
  detail: HubErrorCode,
  diagnostics?: string,
  expression?: string[],
): OperationOutcomeJson {
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity,
        code,
        details: { coding: [{ system: hubErrorSystem, code: detail }] },
        ...(diagnostics ? { diagnostics } : {}),
        ...(expression ? { expression } : {}),
      },
    ],
  };
}

/** Thrown by handlers; the error handler turns it into the HTTP answer. */
export class FhirHttpError extends Error {
  readonly outcome: OperationOutcomeJson;
  constructor(
    readonly status: number,
    code: string,
    readonly detail: HubErrorCode,
    diagnostics: string,
    readonly headers: Record<string, string> = {},
    expression?: string[],
    /** A sentence a screen may show (`details.text`). */
    text?: string,
  ) {
    super(diagnostics);
    this.outcome = operationOutcome(status >= 500 ? 'fatal' : 'error', code, detail, diagnostics, expression);
    const details = this.outcome.issue[0]?.details;
    if (text && details) details.text = text;
  }
}

export const invalidSearch = (diagnostics: string, parameter: string) =>
  new FhirHttpError(400, 'invalid', 'INVALID_SEARCH_PARAMETER', diagnostics, {}, [parameter]);
export const notFound = (type: string) => new FhirHttpError(404, 'not-found', 'RESOURCE_NOT_FOUND', `No ${type} with that id`);
export const forbidden = (diagnostics: string, detail: HubErrorCode = 'ACCESS_DENIED') =>
  new FhirHttpError(403, 'forbidden', detail, diagnostics);
