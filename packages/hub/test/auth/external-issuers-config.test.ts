/**
 * The `--trust-issuers` file: a configuration that could make the hub trust
 * more than was meant — a key address anyone on the network could answer, a
 * role the policy does not know, an issuer listed twice, a misspelt field
 * silently ignored — is refused at start, naming what is wrong.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseExternalIssuers } from '../../src/index.js';

const good = {
  issuer: 'https://auth.example.nhs.uk',
  jwksUri: 'https://auth.example.nhs.uk/jwks',
  audience: 'https://hub.example/fhir',
};

describe('the trusted issuers file', () => {
  test('a complete entry is read as written; defaults are left to the verifier', () => {
    const full = {
      ...good,
      roles: { R8000: 'gp', R8001: 'nurse', R8002: 'receptionist' },
      claims: { role: 'selected_role', organization: 'org_code', fhirUser: 'fhirUser', scope: 'scp' },
      maxTokenLifetimeSeconds: 600,
    };
    const resident = {
      ...good,
      issuer: 'https://login.example.nhs.uk',
      role: 'resident',
      claims: { nhsNumber: 'nhs_number' },
      requiredClaims: { identity_proofing_level: ['P9'] },
    };
    assert.deepEqual(parseExternalIssuers({ issuers: [full, resident] }), [full, resident]);
    assert.deepEqual(parseExternalIssuers({ issuers: [good] }), [good]);
    // Keys on this machine may be fetched over http (a provider beside the hub in development and tests).
    assert.equal(parseExternalIssuers({ issuers: [{ ...good, jwksUri: 'http://127.0.0.1:9000/jwks' }] }).length, 1);
  });

  const refused: [string, unknown, RegExp][] = [
    ['not an object', [good], /must be \{"issuers"/],
    ['no list', { issuers: good }, /must be \{"issuers"/],
    ['a field beside issuers', { issuers: [good], trustAll: true }, /fields other than/],
    ['an entry that is not an object', { issuers: ['https://auth.example'] }, /not an object/],
    ['issuer missing', { issuers: [{ ...good, issuer: undefined }] }, /"issuer"/],
    ['issuer empty', { issuers: [{ ...good, issuer: '' }] }, /"issuer"/],
    ['audience missing', { issuers: [{ ...good, audience: undefined }] }, /"audience"/],
    ['jwksUri missing', { issuers: [{ ...good, jwksUri: undefined }] }, /"jwksUri"/],
    ['jwksUri over http elsewhere', { issuers: [{ ...good, jwksUri: 'http://auth.example.nhs.uk/jwks' }] }, /https/],
    ['jwksUri not a URL', { issuers: [{ ...good, jwksUri: 'auth.example.nhs.uk/jwks' }] }, /https/],
    ['jwksUri a file', { issuers: [{ ...good, jwksUri: 'file:///etc/keys.json' }] }, /https/],
    ['an issuer listed twice', { issuers: [good, { ...good, audience: 'https://other.example/fhir' }] }, /listed twice/],
    ['an unknown role', { issuers: [{ ...good, role: 'surgeon' }] }, /"role" must be one of/],
    ['a role in another case', { issuers: [{ ...good, role: 'GP' }] }, /"role" must be one of/],
    ['an inherited property as a role', { issuers: [{ ...good, role: 'toString' }] }, /"role" must be one of/],
    ['a mapping to an unknown role', { issuers: [{ ...good, roles: { R8000: 'doctor' } }] }, /roles\.R8000/],
    ['role and roles both', { issuers: [{ ...good, role: 'resident', roles: { R8000: 'gp' } }] }, /not both/],
    ['a misspelt field', { issuers: [{ ...good, audiance: 'https://hub.example/fhir' }] }, /unknown field "audiance"/],
    ['a misspelt claim', { issuers: [{ ...good, claims: { organisation: 'org' } }] }, /unknown field "organisation"/],
    ['a claim name that is not text', { issuers: [{ ...good, claims: { role: 7 } }] }, /claims\.role/],
    ['required claim values not a list', { issuers: [{ ...good, requiredClaims: { identity_proofing_level: 'P9' } }] }, /requiredClaims/],
    [
      'required claim with no accepted value',
      { issuers: [{ ...good, requiredClaims: { identity_proofing_level: [] } }] },
      /requiredClaims/,
    ],
    ['required claims not an object', { issuers: [{ ...good, requiredClaims: ['identity_proofing_level'] }] }, /requiredClaims/],
    ['a lifetime of zero', { issuers: [{ ...good, maxTokenLifetimeSeconds: 0 }] }, /maxTokenLifetimeSeconds/],
    ['a lifetime over a day', { issuers: [{ ...good, maxTokenLifetimeSeconds: 86_401 }] }, /maxTokenLifetimeSeconds/],
    ['a lifetime as text', { issuers: [{ ...good, maxTokenLifetimeSeconds: '600' }] }, /maxTokenLifetimeSeconds/],
  ];
  for (const [name, json, message] of refused) {
    test(`refused: ${name}`, () => {
      assert.throws(() => parseExternalIssuers(json), message);
    });
  }
});
