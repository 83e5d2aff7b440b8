/**
 * Search parameters whose values are sent comma-separated (FHIR OR); other arrays repeat the parameter (FHIR AND).
 * Generated from openapi/ by `npm run generate` — do not edit; `npm test` fails when it is stale.
 */
export const commaJoinedParameters: ReadonlySet<string> = new Set(["_id","action","category","class","clinical-status","code","criticality","intent","lifecycle-status","purpose","relationship","service-type","status","type","vaccine-code","verification-status"]);
