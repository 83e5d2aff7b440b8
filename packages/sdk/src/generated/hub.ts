/**
 * Types of the hub contract.
 * Generated from openapi/ by `npm run generate` — do not edit; `npm test` fails when it is stale.
 */
export interface paths {
    "/metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the hub's capabilities
         * @description Returns the CapabilityStatement: FHIR version (4.0.1), formats, the resource types with their interactions, search
         *     parameters and operations (including `Patient/$summary`), and the SMART authorisation endpoints. No access token
         *     is needed. Clients use it to decide whether to call `$summary` or fall back to plain searches on another FHIR server.
         */
        get: operations["getCapabilityStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/smart-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the SMART configuration
         * @description SMART App Launch 2.x discovery: the authorisation and token endpoints, supported scopes, launch modes and PKCE
         *     methods (`S256` only). No access token is needed. The SDK reads it before an EHR or standalone launch.
         */
        get: operations["getSmartConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/$wellbeing-advice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Well-being information
         * @description A small library of general information for staying well — healthy eating, getting active, sleep, alcohol,
         *     smoking, mental wellbeing, living with a long-term condition — written for residents in plain English. It is
         *     general information, not advice about anyone's care. Each page says which conditions and goals it helps with
         *     (`helpsWith`: SNOMED CT conditions, and `https://care-record.example/CodeSystem/care-plan-type` codes of plans
         *     and goals), so that an app can offer the pages that fit a resident's record first. The same library is served
         *     to everyone and no access token is needed, so the hub never learns which pages fit whom: the matching is done by
         *     the app, from the record it already holds.
         */
        get: operations["getWellbeingAdvice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/$accept-invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an invitation to act for someone
         * @description A carer, signed in with their own account (`fhirUser` `RelatedPerson/…`), sends the code someone gave them. The
         *     hub links their account to that person's entry for them (`RelatedPerson.identifier`,
         *     `https://care-record.example/Id/carer-account`) and puts the proposed proxy permission in force; from the next
         *     request they can act for the person as it allows, and the person's access log shows it.
         *
         *     A code that is unknown, used by someone else, replaced, cancelled or more than 7 days old gets one answer, `422`
         *     `INVITATION_NOT_VALID`; after five such answers within an hour the carer gets `429` for the rest of that hour.
         *     A carer already on the person's record gets `409` `ALREADY_ACTING_FOR`. Audited on the person's record.
         *
         *     Safe to repeat: the carer who accepted a code may send it again (for example after an answer was lost) while
         *     the permission is not stopped and the code is less than 7 days old, and gets the same `200`; nothing changes and
         *     it does not count toward the limit.
         *
         *     A carer with no account on any record yet accepts the code while signing in (the development sign-in page asks for
         *     it); this operation is for a carer adding another person.
         */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/OperationDefinition/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the definition of an operation the hub offers
         * @description The OperationDefinition that the CapabilityStatement names for an operation, so that a client can tell this
         *     hub's `$summary` (`https://care-record.example/fhir/OperationDefinition/care-record-summary`: the PRSB-ordered
         *     record summary as a `collection` Bundle, with notices for what was withheld, not answered or not available to
         *     the role) from another server's operation of the same name (e.g. HL7's International Patient Summary). No
         *     access token is needed.
         */
        get: operations["readOperationDefinition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run several reads and searches at once
         * @description Sends up to 20 `GET` requests (reads, searches, `$summary`) in one round trip, so a record page needs one call.
         *     Each entry succeeds or fails on its own and is authorised on its own against the token's scopes: the response
         *     is `200` with one entry per request, in order, whose `response.status` is that entry's status (`200 OK`,
         *     `404 Not Found`, `403 Forbidden`); a failed entry has `response.outcome` and no `resource`. An entry refused
         *     for its resource type names that type in the issue's `expression`, with hub code `ROLE_RESTRICTED` (the role),
         *     `PROXY_RESTRICTED` (a carer's permission) or `SCOPE_RESTRICTED` (the token lacks the type's scope: the entry has
         *     no `WWW-Authenticate` challenge to say so); any other refusal, of the whole record included, is the same
         *     request's on its own, and names no type. Withheld items and
         *     unavailable sources are reported inside each entry's searchset as for a plain search. Only a malformed batch as
         *     a whole fails with `400`.
         *
         *     A batch only reads, so it is safe to retry.
         */
        post: operations["batch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Patient": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find a patient
         * @description Finds residents, usually by NHS number (`identifier=https://fhir.nhs.uk/Id/nhs-number|9990123454`), or by
         *     family name and date of birth together. At least one of `identifier`, `_id`, or `family` with `birthdate` is required
         *     (400 otherwise), except from a carer, who may ask with none for everyone they act for today (their portal's list
         *     of people: a permission in force, whatever they may read of their own entry on each record). `_include=Patient:general-practitioner` adds the GP practice for the banner.
         *
         *     The access policy narrows what is found: a resident finds only themself, a `patient/`-scoped token only its
         *     launch patient, and a professional only residents their organisation cares for who have not chosen to exclude
         *     it — or, with `X-Break-Glass-Reason`, the one person the search names exactly (audited as emergency access): an
         *     identifier with its value (`400` for a system alone), one `_id`, or a whole family name with a date of birth of
         *     one day; the first letters of a name find nobody. Finding nobody is
         *     an empty Bundle whether or not such a resident exists. Every search is audited with the residents it found.
         *
         *     When a clinical professional's search finds nobody they may open, and the same search may be made with
         *     `X-Break-Glass-Reason` (it names one person), the Bundle carries an OperationOutcome entry (`search.mode: outcome`)
         *     with hub code `BREAK_GLASS_AVAILABLE`: nobody they may open was found, which does not mean there is nobody, and a
         *     search with a reason is open to them. It is given whether or not anyone has that number, so it tells nothing of
         *     who exists; a non-clinical role, a resident, a carer or a `patient/`-scoped token never has it.
         *
         *     A resident the caller may find but whose own entry is withheld from them by its security labels (restricted,
         *     sensitive by content) is not silently absent: the Bundle carries `meta.security` `REDACTED` and one
         *     OperationOutcome entry (`code: suppressed`, hub code `INFORMATION_WITHHELD`, "Some information is not shown"),
         *     never who or how many — and, for a clinical professional, the `BREAK_GLASS_AVAILABLE` entry as well. With
         *     `X-Break-Glass-Reason`, the one person the search names is found whatever their entry's labels, and a read or
         *     `$summary` of them with a reason opens that entry (not the labelled items of their record), audited as
         *     emergency access.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Patient/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a patient
         * @description Returns the resident's demographics: names, date of birth, gender, NHS number, address, GP practice,
         *     and date of death when deceased. This is what the patient banner shows.
         */
        get: operations["readPatient"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Patient/{id}/$summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the record summary
         * @description The resident's record summary in one call, as a `collection` Bundle: the Patient; allergies; problems (active and
         *     past, all but those entered in error); current medicines; active alerts; active care plans; upcoming appointments; personal contacts; current episodes
         *     of care with their care managers; vaccinations and procedures (all but those entered in error); and the Organizations and Practitioners these reference, so every item can
         *     name its source.
         *
         *     Withheld items are reported as in a search: the Bundle's `meta.security` carries `REDACTED` and an
         *     OperationOutcome entry says "Some information is not shown". Each unavailable source is named in an
         *     OperationOutcome entry with `code: incomplete`. A section holding more items than the summary reads (10,000 of a
         *     type, newest first) says so: an OperationOutcome entry, `code: incomplete`, hub code `SUMMARY_INCOMPLETE`, the types
         *     in `expression` — its older items may be missing; search the type for all of them.
         *
         *     Each section is included only as far as the token's scopes and the user's role allow: a token with
         *     `user/*.rs` gets every section; a receptionist's (`user/Patient.rs user/Appointment.rs …`) gets the Patient,
         *     appointments and contacts, and no clinical detail.
         *
         *     `$summary` is specific to this hub. Against another FHIR server, a client gets the same content with a batch of
         *     plain searches (see `getCapabilityStatement` to tell which).
         */
        get: operations["getPatientSummary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/AllergyIntolerance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search allergies and adverse reactions
         * @description Returns the resident's allergies and adverse reactions from every source. Tell the four states apart:
         *     matches with a real substance mean **known allergies**; a single `716186003` "No known allergy" entry means **no known
         *     allergies**; no entries at all mean **allergies not recorded**; an error response, or an `incomplete` outcome entry for
         *     the GP source, means **allergies unavailable** — never "none".
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchAllergyIntolerance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/AllergyIntolerance/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an allergy
         * @description Returns one allergy or adverse reaction, with its reactions, severity, criticality and who recorded it.
         */
        get: operations["readAllergyIntolerance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Condition": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search problems and diagnoses
         * @description Returns the resident's problems and diagnoses from every source. Filter with `clinical-status=active` for
         *     current problems; `category=problem-list-item` for the GP problem list.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchCondition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Condition/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a problem or diagnosis
         * @description Returns one Condition by id.
         */
        get: operations["readCondition"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Medication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search medications
         * @description Finds medicines as products by `_id` or `code` (a dm+d concept, `https://dmd.nhs.uk|<code>`). To read the
         *     medicines a resident's prescriptions name, search those with `_include=MedicationRequest:medication` (or
         *     `MedicationStatement:medication`) instead: one request, not one a medicine. A role that may not see medicines
         *     (a receptionist) is refused (`403`, `ROLE_RESTRICTED`).
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchMedication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Medication/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a medication
         * @description Returns one medicine as a product, which prescriptions and medicine statements name by `medicationReference`.
         *     It is about no resident, but it is clinical: a role that may not see medicines (a receptionist) is refused
         *     (`403`, `ROLE_RESTRICTED`).
         */
        get: operations["readMedication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/MedicationStatement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search medicines
         * @description Returns the resident's medicines from every source: GP, hospital, and those the resident reported themselves
         *     (`informationSource` is the Patient). The same medicine may appear once per source, with different dosage text;
         *     the SDK shows it once with both sources and flags the difference.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchMedicationStatement"];
        put?: never;
        /**
         * Add a medicine the resident takes
         * @description The resident records a medicine they take that no clinician prescribed, e.g. bought over the counter. The hub
         *     sets `informationSource` to the Patient, `category` to `patientspecified` and `meta.source` to the resident's app; the
         *     item is shown to clinicians as resident-reported. When it started (`effectiveDateTime`, `effectivePeriod.start`)
         *     and `dateAsserted` are not later than the hub's clock, with 5 minutes' leeway (a planned end may be): else `422`.
         *     The hub sets `meta`: a `meta.tag`, `meta.security`, any other element of `meta`, a profile but
         *     `UKCore-MedicationStatement`, `implicitRules` or a `modifierExtension` anywhere is `422`.
         *
         *     Safe to retry: `X-Request-ID` is required and is the idempotency key. A repeat with the same `X-Request-ID` and body
         *     returns `200` with the statement first created; with a different body, `409`. Send `If-None-Exist` with the entry's
         *     `identifier` to make the create conditional as well.
         */
        post: operations["createMedicationStatement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/MedicationStatement/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a medication statement
         * @description Returns one medicine statement: the medicine, dosage text as recorded, status, source and who reported it.
         */
        get: operations["readMedicationStatement"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/MedicationRequest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search prescriptions
         * @description Returns the resident's prescriptions: authorisations (`intent=plan`) and issues (`intent=order`).
         *     `_include=MedicationRequest:requester` adds the prescribers, and `_include=MedicationRequest:medication` the
         *     Medication each names by `medicationReference` (as GP Connect sends them).
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchMedicationRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/MedicationRequest/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a prescription
         * @description Returns one prescription: a GP authorisation (`intent: plan`; acute or repeat, with issues allowed, issues
         *     made and review date) or one issue of it (`intent: order`).
         */
        get: operations["readMedicationRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Encounter": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search encounters
         * @description Returns the resident's encounters across care settings (GP, hospital, community, mental health, social
         *     care) for the timeline, newest first by default. `_include=Encounter:service-provider` adds the organisations.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchEncounter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Encounter/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an encounter
         * @description Returns one Encounter by id.
         */
        get: operations["readEncounter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Appointment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search appointments
         * @description Returns the resident's appointments, soonest first by default. Use `date=ge<today>` and `status=booked`
         *     for upcoming appointments. `_include=Appointment:actor` adds the clinicians.
         *
         *     A non-clinical role (a receptionist) gets each appointment's desk view (tagged `SUBSETTED`; see the read), and
         *     may not search or sort appointments by `_lastUpdated` (`400` `INVALID_SEARCH_PARAMETER`): the hub knows only when
         *     the whole appointment changed, and that would tell them when its clinical detail did.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchAppointment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Appointment/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an appointment
         * @description Returns one Appointment by id.
         *
         *     A non-clinical role (a receptionist) reads the desk view only — who, where, when, what it is called, its status
         *     and the resident's instruction, never its reason, comments or notes — always tagged `SUBSETTED`. Nothing of that
         *     view moves when only what it leaves out changes: its `meta.versionId`, and so its `ETag` (and `If-None-Match`),
         *     is a hash of the view itself, and it has no `meta.lastUpdated` and no `Last-Modified`.
         */
        get: operations["readAppointment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/EpisodeOfCare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search episodes of care
         * @description Returns the services that are or were responsible for the resident (adult social care, community mental
         *     health, district nursing), with care manager and team. `status=active` gives current involvement.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchEpisodeOfCare"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/EpisodeOfCare/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an episode of care
         * @description Returns one EpisodeOfCare by id.
         */
        get: operations["readEpisodeOfCare"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Observation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search observations
         * @description Returns the resident's observations: vital signs, test results and readings the resident entered
         *     (`performer` is the Patient). Filter with `category=vital-signs` or `category=laboratory` and `code`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchObservation"];
        put?: never;
        /**
         * Add a reading
         * @description The resident records a reading (body weight, blood pressure) for clinicians to see. Use the self-reported codes
         *     (weight SNOMED `784399000`, systolic `1162737008`, diastolic `1162735000`, or the LOINC codes with `performer` = the
         *     Patient). A reading is one the hub knows, every coding in its own system: body weight (SNOMED CT `27113001`,
         *     `784399000`; LOINC `29463-7`) in UCUM `kg`, `g` or `[lb_av]`; blood pressure (LOINC `85354-9` or SNOMED CT
         *     `75367002` with one systolic and one diastolic component), or a systolic or diastolic reading alone (SNOMED CT
         *     `1162737008`, `271649006`, `1162735000`, `271650006`; LOINC `8480-6`, `8462-4`), in `mm[Hg]`. Anything else — a
         *     code by its text alone, another unit, a value outside what a person could have once converted (0.5–400 kg;
         *     systolic 50–300, diastolic 20–200 mmHg, systolic above diastolic) — is `422`, naming the element.
         *
         *     It says when it was taken (`effectiveDateTime`, `effectiveInstant` or `effectivePeriod`; a time with its zone), and
         *     no date of it (nor `issued`) is later than the hub's clock, with 5 minutes' leeway (a date alone: not after the UK's
         *     today): else `422`. The hub sets `meta` (`source`, and the UK Core profile); a `meta.tag`, `meta.security`, any
         *     other element of `meta`, a profile but `UKCore-Observation`, `meta` on a contained resource, `implicitRules` or a
         *     `modifierExtension` anywhere is `422`.
         *
         *     Safe to retry: `X-Request-ID` is required and is the idempotency key. A repeat with the same `X-Request-ID` and body
         *     returns `200` with the observation first created; with a different body, `409`. Send `If-None-Exist` with the
         *     entry's `identifier` to make the create conditional as well.
         */
        post: operations["createObservation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Observation/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an observation
         * @description Returns one observation: a vital sign, test result or a reading the resident entered.
         */
        get: operations["readObservation"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/DiagnosticReport": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search test reports
         * @description Returns the resident's test reports. `_include=DiagnosticReport:result` adds the result Observations in
         *     the same Bundle.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchDiagnosticReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/DiagnosticReport/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a test report
         * @description Returns one DiagnosticReport by id.
         */
        get: operations["readDiagnosticReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Immunization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search vaccinations
         * @description Returns the resident's vaccinations from every source: those given, and those due but not given
         *     (`status=not-done`, with `statusReason`). Filter with `status=completed` for vaccinations given.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchImmunization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Immunization/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a vaccination
         * @description Returns one Immunization by id.
         */
        get: operations["readImmunization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Procedure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search procedures
         * @description Returns the resident's operations and other procedures from every source. Filter with `status=completed` for
         *     procedures done; `not-done` ones carry a `statusReason`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchProcedure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Procedure/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a procedure
         * @description Returns one Procedure by id.
         */
        get: operations["readProcedure"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/CarePlan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search care plans
         * @description Returns the resident's care and support plans from health and social care. `status=active` gives
         *     current plans.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchCarePlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/CarePlan/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a care plan
         * @description Returns one CarePlan by id.
         */
        get: operations["readCarePlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Goal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search goals
         * @description Returns the resident's goals: what they and their care team agreed to work towards (a blood pressure, a weight,
         *     stopping smoking), with targets a resident's own readings can be compared with.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchGoal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Goal/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a goal
         * @description Returns one Goal by id.
         */
        get: operations["readGoal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Flag": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search alerts
         * @description Returns the resident's alerts: safety risks, safeguarding, legal status (lasting power of attorney, DoLS,
         *     Mental Health Act), advance decisions (ReSPECT, DNACPR), reasonable adjustments. Show active ones prominently.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchFlag"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Flag/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an alert
         * @description Returns one Flag by id.
         */
        get: operations["readFlag"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/DocumentReference": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search documents and letters
         * @description Returns the resident's documents and letters (discharge summaries, clinic letters, assessments), newest
         *     first. Fetch the content from `content[].attachment.url`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchDocumentReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/DocumentReference/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a document
         * @description Returns one DocumentReference by id.
         */
        get: operations["readDocumentReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Consent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search sharing choices
         * @description Returns the resident's sharing choices (who may see which parts of the record), for the person-held
         *     "sharing" view.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchConsent"];
        put?: never;
        /**
         * Save a sharing choice
         * @description The resident saves their first sharing choice (see the Consent schema for what each provision means). `patient`
         *     must be the resident in the token. A provision naming an organisation or a category the hub does not know, or a
         *     Consent that is not an `active` `patient-privacy` choice with a `permit` provision holding `deny` exceptions, is
         *     refused with `422` and changes nothing. A resident has one sharing choice: when one exists the answer is `409`
         *     (`SHARING_CHOICE_EXISTS`) — change it with `PUT /Consent/{id}`. The hub sets `meta`: a `meta.tag`, any element of
         *     `meta` but those the hub sets, a profile but `UKCore-Consent` or `implicitRules` is `422`. The choice takes effect on the next request
         *     after it is saved. Every change is audited.
         *
         *     Safe to repeat, as every create is: a repeat with the same `X-Request-ID` and body returns `200` with the
         *     Consent first saved (with a different body, `409`); `If-None-Exist` with the Consent's `identifier` returns the
         *     Consent that identifier already names, with `200`, and saves nothing.
         */
        post: operations["createConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Consent/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a sharing choice
         * @description Returns one Consent by id.
         */
        get: operations["readConsent"];
        /**
         * Change a sharing choice
         * @description The resident changes their sharing choice (see the Consent schema for what each provision means). Send the
         *     whole Consent, with `id` equal to the path's, and `If-Match` with the `ETag` of the version that was changed: if
         *     the choice has changed since (for example in another window), the answer is `412` and nothing changes — read it
         *     again and let the resident decide again. The same rules as for `POST /Consent` apply (`422` for an unknown
         *     organisation or category; `403` for another resident's choice). The choice takes effect on the next request
         *     after it is saved. Every change is audited. Not retried automatically: a repeat after a lost answer meets `412`.
         */
        put: operations["updateConsent"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/AuditEvent": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search accesses to the record
         * @description "Who looked at my record": every allowed access that named the resident (including a Patient search that
         *     found them), newest first, with the person, their organisation and role, and the reason for emergency
         *     (break-glass) access. Refused attempts are audited too (`outcome` `4`) but kept for the organisation's
         *     information-governance review, not listed here. `patient` is required, as for every record search; only the
         *     resident may search their access log.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchAuditEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/AuditEvent/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an access record
         * @description Returns one record of access to the resident's record.
         */
        get: operations["readAuditEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/RelatedPerson": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search personal contacts
         * @description Returns the resident's personal contacts: carers, next of kin, parents, lasting power of attorney holders.
         *
         *     **The people a carer acts for.** A carer (signed in with `fhirUser` `RelatedPerson/<id>`) finds the residents
         *     they may act for with `identifier=https://care-record.example/Id/carer-account|<account>` and no `patient`:
         *     the answer holds their own RelatedPerson on each resident's record where a proxy permission is in force today
         *     (`patient` names the resident). Any other search needs `patient`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchRelatedPerson"];
        put?: never;
        /**
         * Add someone who can act for you
         * @description The resident adds someone who cares for them (a family member, a friend, a paid carer) to their own record, to
         *     invite them to act for them: `patient` must be the resident in the token, with at least one name. The hub sets
         *     `active: true` and `meta.source`; an `identifier` with the system `https://care-record.example/Id/carer-account`
         *     is refused with `422` (only the person themself links their account, by accepting an invitation). A relationship
         *     that is a legal authority — a power of attorney (`POWATT`, `HPOWATT`, `DPOWATT`, `SPOWATT`), a guardian (`GUARD`),
         *     a deputy, in a code, a display or words — is `422`: the practice records one from the registered document. Names
         *     are stored without titles and letters (`Dr A Patel MRCGP` is `A Patel`; `prefix` and `suffix` are dropped). The hub
         *     sets `meta`: a tag, security label, other profile or `implicitRules` is `422`. Then save a
         *     proxy permission naming them (`POST /Consent`, category `proxy-access`, `status: proposed`) and ask for a code
         *     with `POST /RelatedPerson/{id}/$invite`.
         *
         *     Safe to retry: `X-Request-ID` is the idempotency key; or send `If-None-Exist` with the person's `identifier`
         *     (the SDK's invitation key), and a repeat answers `200` with the person it names. A condition never matches by a
         *     carer's account. Audited.
         */
        post: operations["createRelatedPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/RelatedPerson/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a personal contact
         * @description Returns one RelatedPerson by id.
         */
        get: operations["readRelatedPerson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/RelatedPerson/{id}/$invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite someone to act for you
         * @description The resident asks for an invitation code for someone on their own record who has no account yet (a
         *     `RelatedPerson` they added with `POST /RelatedPerson`), to give to that person themself — by phone, in person, in a
         *     message. The code works once, for 7 days. A new request replaces any earlier code for the same person; stopping
         *     their proxy permission (`status: inactive`) or a newer code cancels the old one. The hub keeps only a hash of
         *     the code; it is shown once, in this answer.
         *
         *     What the person may do is the proxy permission (`Consent`, category `proxy-access`, `status: proposed`) that names
         *     them; it comes into force when they accept the code with `POST /$accept-invitation`, signed in with their own
         *     account. Only the permissions the resident could see when the code was made come into force: one saved later, or
         *     one withheld from the resident, stays as it is. Accepting links their account without a new version of the
         *     `RelatedPerson`, so nobody else reading it can tell that the code was accepted. Refused with `422` for someone
         *     who already has an account on the record, or who is not active. Audited.
         */
        post: operations["inviteRelatedPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Practitioner": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search practitioners
         * @description Finds health and care professionals by registration number (`identifier`) or `name`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchPractitioner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Practitioner/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a practitioner
         * @description Returns one health or care professional, to name who recorded an item.
         */
        get: operations["readPractitioner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/PractitionerRole": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search practitioner roles
         * @description Finds roles by `identifier`, `practitioner` or `organization`. `_include` adds the Practitioner and Organization.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchPractitionerRole"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/PractitionerRole/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a practitioner role
         * @description Returns one professional's role at an organisation.
         */
        get: operations["readPractitionerRole"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Organization": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search organisations
         * @description Finds organisations by ODS code (`identifier=https://fhir.nhs.uk/Id/ods-organization-code|F83999`) or `name`.
         *
         *     Results come a page at a time (`_count`, default 50); follow `link[relation=next]` for more. When the access
         *     policy withholds items, the Bundle's `meta.security` carries `REDACTED` and an OperationOutcome entry
         *     (`search.mode: outcome`, `code: suppressed`) says "Some information is not shown". When a source system does
         *     not answer, an OperationOutcome entry (`code: incomplete`) names it and the other sources' results are still returned.
         */
        get: operations["searchOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/Organization/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an organisation
         * @description Returns one organisation (GP practice, trust, council service), to name where an item came from.
         */
        get: operations["readOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description Logical id of a resource on the hub. Case-sensitive; letters, digits, `-` and `.` only.
         * @example pat-0001
         */
        FhirId: string;
        /**
         * @description An exact moment, always with seconds and a time zone (`Z` or an offset).
         * @example 2026-11-28T09:30:12.004Z
         */
        FhirInstant: string;
        /** @description A code from a code system, e.g. SNOMED CT (`http://snomed.info/sct`), dm+d (`https://dmd.nhs.uk`) or LOINC (`http://loinc.org`). */
        Coding: {
            /**
             * Format: uri
             * @description The code system's canonical URI.
             * @example http://snomed.info/sct
             */
            system?: string;
            /** @description Version of the code system, when the source states it. */
            version?: string;
            /**
             * @description The code within the system.
             * @example 91936005
             */
            code?: string;
            /**
             * @description The source's display text for the code. Show it as recorded; never substitute a different term.
             * @example Allergy to penicillin
             */
            display?: string;
            /** @description Whether the recording user picked this coding directly. */
            userSelected?: boolean;
        };
        /**
         * @description Metadata the hub adds to every resource. `source` names the system of the organisation the entry came from, so
         *     every item in the integrated view can say **which organisation** recorded it. `security` carries sensitivity labels.
         */
        Meta: {
            /** @description Version of the resource on the hub; the `ETag` of a read is `W/"<versionId>"`. */
            versionId?: string;
            lastUpdated?: components["schemas"]["FhirInstant"];
            /**
             * Format: uri
             * @description The contributing source system, as `https://care-record.example/source/<ODS code>` (for example
             *     `https://care-record.example/source/F83999` for a GP practice); the matching Organization carries the same ODS
             *     code in `identifier`. `https://care-record.example/source/resident` marks an item the resident entered, and
             *     `https://care-record.example/source/hub` one the hub itself wrote (AuditEvent).
             * @example https://care-record.example/source/F83999
             */
            source?: string;
            /** @description Profiles the resource claims, e.g. `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient`. */
            profile?: string[];
            /**
             * @description Security labels. Confidentiality (`http://terminology.hl7.org/CodeSystem/v3-Confidentiality`: `N`, `R`, `V`),
             *     sensitivity (`http://terminology.hl7.org/CodeSystem/v3-ActCode`, e.g. `SEX`, `PSY`, `HIV`) and handling
             *     caveats such as `NOPAT` (v3-ActCode: never show to the resident). On a Bundle, `REDACTED`
             *     (`http://terminology.hl7.org/CodeSystem/v3-ObservationValue`) means items were withheld.
             */
            security?: components["schemas"]["Coding"][];
            tag?: components["schemas"]["Coding"][];
        };
        /**
         * @description A date, or a date and time, possibly partial (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or with a time
         *     `YYYY-MM-DDThh:mm:ss[.sss]` followed by `Z` or an offset). When a time is given the offset is required.
         * @example 2026-11-20T08:15:00+00:00
         */
        FhirDateTime: string;
        /** @description A concept given as one or more codings and/or free text. `text` is what the user saw or typed when it was recorded. */
        CodeableConcept: {
            coding?: components["schemas"]["Coding"][];
            /** @description Plain-text representation as entered or shown at the source. */
            text?: string;
        };
        /**
         * @description A calendar date, possibly partial: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. No time and no time zone.
         *     A partial date means the source only knows the year or the month; show it as recorded, never pad it.
         * @example 1944-03-12
         */
        FhirDate: string;
        /**
         * @description Additional content defined by a profile, identified by `url`. An extension has either one value[x] or nested
         *     `extension` items, never both. Extensions the record reads:
         *     - `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus` (on the NHS number identifier)
         *     - `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation` (MedicationRequest; nested
         *       `numberOfPrescriptionsIssued` valueUnsignedInt and `authorisationExpiryDate` valueDateTime = review date)
         *     - `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationStatementLastIssueDate` (MedicationStatement, valueDateTime)
         *     - `https://care-record.example/StructureDefinition/prescription-type` (MedicationRequest, valueCoding: acute, repeat,
         *       repeat-dispensing, delayed-prescribing)
         *     - `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-BookingOrganization` (Appointment, valueReference)
         */
        Extension: {
            /** @description Identifies the meaning of the extension. Nested extensions use a short name such as `numberOfPrescriptionsIssued`. */
            url: string;
        } & components["schemas"]["ExtensionValueChoice"];
        /** @description A time range. A missing `end` means ongoing. */
        Period: {
            start?: components["schemas"]["FhirDateTime"];
            end?: components["schemas"]["FhirDateTime"];
        };
        /** @description A business identifier (NHS number, ODS code, GMC number, local record number). */
        Identifier: {
            extension?: components["schemas"]["Extension"][];
            /** @enum {string} */
            use?: "usual" | "official" | "temp" | "secondary" | "old";
            type?: components["schemas"]["CodeableConcept"];
            /**
             * Format: uri
             * @description The namespace of the value. Common systems on the hub:
             *     `https://fhir.nhs.uk/Id/nhs-number` (NHS number), `https://fhir.nhs.uk/Id/ods-organization-code` (ODS code),
             *     `https://fhir.hl7.org.uk/Id/gmc-number`, `https://fhir.hl7.org.uk/Id/nmc-number`, `https://fhir.nhs.uk/Id/sds-user-id`,
             *     `https://care-record.example/Id/resident-entry` (idempotency identifier of a resident-entered item).
             */
            system?: string;
            value?: string;
            period?: components["schemas"]["Period"];
            assigner?: components["schemas"]["Reference"];
        };
        /**
         * @description A link to another resource: a relative `reference` such as `Organization/org-f83999`, a business `identifier`,
         *     and/or a `display` text. Resources the hub cannot resolve still carry `display` so a screen can name them.
         */
        Reference: {
            /**
             * @description Relative (`<Type>/<id>`) or absolute URL of the target.
             * @example Patient/pat-0001
             */
            reference?: string;
            /** @description The target's resource type, when known. */
            type?: string;
            identifier?: components["schemas"]["Identifier"];
            /** @description Text naming the target, as the source recorded it. */
            display?: string;
        };
        /** @description A measured amount. `system` is UCUM (`http://unitsofmeasure.org`) when `code` is a coded unit; `unit` is the display unit. */
        Quantity: {
            value?: number;
            /**
             * @description How to read the value, e.g. `<` for "less than 5".
             * @enum {string}
             */
            comparator?: "<" | "<=" | ">=" | ">";
            unit?: string;
            /** Format: uri */
            system?: string;
            code?: string;
        };
        /** @description Extension.value[x], or nested `extension` items for a complex extension: exactly one of them. */
        ExtensionValueChoice: {
            valueBoolean: boolean;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode: string;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept: components["schemas"]["CodeableConcept"];
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding: components["schemas"]["Coding"];
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate: components["schemas"]["FhirDate"];
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime: components["schemas"]["FhirDateTime"];
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier: components["schemas"]["Identifier"];
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger: number;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod: components["schemas"]["Period"];
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt: number;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity: components["schemas"]["Quantity"];
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference: components["schemas"]["Reference"];
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString: string;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt: number;
            valueUri?: never;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            /** Format: uri */
            valueUri: string;
            extension?: never;
        } | {
            valueBoolean?: never;
            valueCode?: never;
            valueCodeableConcept?: never;
            valueCoding?: never;
            valueDate?: never;
            valueDateTime?: never;
            valueIdentifier?: never;
            valueInteger?: never;
            valuePeriod?: never;
            valuePositiveInt?: never;
            valueQuantity?: never;
            valueReference?: never;
            valueString?: never;
            valueUnsignedInt?: never;
            valueUri?: never;
            extension: components["schemas"]["Extension"][];
        };
        /** @description An operation such as `summary` (`Patient/{id}/$summary`). */
        CapabilityStatementOperation: {
            name: string;
            /** Format: uri */
            definition: string;
            documentation?: string;
        };
        /** @description One resource type the hub serves. */
        CapabilityStatementResource: {
            /** @description Resource type, e.g. `Observation`. */
            type: string;
            /** Format: uri */
            profile?: string;
            supportedProfile?: string[];
            documentation?: string;
            interaction?: {
                /** @enum {string} */
                code: "read" | "vread" | "update" | "patch" | "delete" | "history-instance" | "history-type" | "create" | "search-type";
                documentation?: string;
            }[];
            /** @enum {string} */
            versioning?: "no-version" | "versioned" | "versioned-update";
            readHistory?: boolean;
            conditionalCreate?: boolean;
            /** @enum {string} */
            conditionalRead?: "not-supported" | "modified-since" | "not-match" | "full-support";
            searchInclude?: string[];
            searchParam?: {
                name: string;
                /** Format: uri */
                definition?: string;
                /** @enum {string} */
                type: "number" | "date" | "string" | "token" | "reference" | "composite" | "quantity" | "uri" | "special";
                documentation?: string;
            }[];
            operation?: components["schemas"]["CapabilityStatementOperation"][];
        };
        /** @description The hub's RESTful capabilities. */
        CapabilityStatementRest: {
            /** @enum {string} */
            mode: "client" | "server";
            documentation?: string;
            security?: {
                /**
                 * @description SMART `http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris` with nested `authorize` and
                 *     `token` (valueUri).
                 */
                extension?: components["schemas"]["Extension"][];
                cors?: boolean;
                /** @description `http://terminology.hl7.org/CodeSystem/restful-security-service` `SMART-on-FHIR`. */
                service?: components["schemas"]["CodeableConcept"][];
                description?: string;
            };
            resource?: components["schemas"]["CapabilityStatementResource"][];
            interaction?: {
                /** @enum {string} */
                code: "transaction" | "batch" | "search-system" | "history-system";
                documentation?: string;
            }[];
            operation?: components["schemas"]["CapabilityStatementOperation"][];
        };
        /**
         * @description What the hub supports: FHIR version, formats, resources with their interactions, search parameters and operations,
         *     and where to authorise (SMART `oauth-uris` extension on `rest[].security`). Fetched without a token.
         */
        CapabilityStatement: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "CapabilityStatement";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** Format: uri */
            url?: string;
            version?: string;
            name?: string;
            title?: string;
            /** @enum {string} */
            status: "draft" | "active" | "retired" | "unknown";
            date: components["schemas"]["FhirDateTime"];
            publisher?: string;
            description?: string;
            /** @enum {string} */
            kind: "instance" | "capability" | "requirements";
            software?: {
                name: string;
                version?: string;
            };
            implementation?: {
                description: string;
                /** Format: uri */
                url?: string;
            };
            /** @constant */
            fhirVersion: "4.0.1";
            /**
             * @example [
             *       "application/fhir+json",
             *       "json"
             *     ]
             */
            format: string[];
            implementationGuide?: string[];
            rest?: components["schemas"]["CapabilityStatementRest"][];
        };
        /**
         * @description | code | HTTP | meaning |
         *     | --- | --- | --- |
         *     | `INVALID_REQUEST` | 400, 413, 414, 431 | A header, the URL or the request body is malformed (e.g. `X-Request-ID` is not a UUID, a percent-encoding that is not UTF-8, a body that is not UTF-8 JSON) or too large (URL over 8,192 characters, body over 256 KB). |
         *     | `INVALID_SEARCH_PARAMETER` | 400 | Unknown, missing or malformed search parameter. |
         *     | `ACCESS_DENIED` | 401, 403 | No valid access token (401), or the token's scopes do not allow this (403). |
         *     | `NO_LEGITIMATE_RELATIONSHIP` | 403 | The user has no care relationship with this resident. Emergency (break-glass) access is open to them only when the outcome also has a `BREAK_GLASS_AVAILABLE` issue. |
         *     | `ROLE_RESTRICTED` | 403; 200 (in a `$summary` Bundle) | The user's role (e.g. a receptionist) may not see clinical information. In a `$summary` Bundle, an OperationOutcome entry (`code: suppressed`) whose `expression` lists the resource types left out, with `details.text` "Clinical information is not available to your role": those sections are not empty, they are not shown. |
         *     | `SCOPE_RESTRICTED` | 200 (in a `$summary` Bundle) | The access token's scopes leave some resource types out of the summary; `expression` lists them. |
         *     | `NO_PROXY_ACCESS` | 403 | A carer has no proxy permission in force for this resident (never given, stopped, or ended by the resident's age). |
         *     | `PROXY_RESTRICTED` | 403; 200 (in a `$summary` Bundle) | A carer's proxy permission does not cover this kind of information or this change. In a `$summary` Bundle, an OperationOutcome entry (`code: suppressed`) lists the resource types left out, with `details.text` "This is not part of what you were given access to". |
         *     | `INVITATION_NOT_VALID` | 422 | An invitation code to act for someone is not one the hub issued, was used already, was replaced by a newer one, was cancelled, or is more than 7 days old. One answer for all of these, so that a guess learns nothing. |
         *     | `ALREADY_ACTING_FOR` | 409 | The carer accepting an invitation is already on that person's record: the person changes what they may do in "People who can act for you" instead. |
         *     | `SHARING_DECLINED` | 403 | The resident has chosen not to share their record with the user's organisation. Emergency (break-glass) access is open to them only when the outcome also has a `BREAK_GLASS_AVAILABLE` issue. |
         *     | `RESOURCE_NOT_FOUND` | 404 | No such resource, or not visible to this user. |
         *     | `DUPLICATE_REQUEST` | 409 | The `X-Request-ID` was already used with a different body. |
         *     | `SHARING_CHOICE_EXISTS` | 409 | The resident already has a sharing choice; change it with `PUT /Consent/{id}`. |
         *     | `PRECONDITION_FAILED` | 412 | `If-None-Exist` matched more than one resource, or `If-Match` is not the current version. |
         *     | `INVALID_RESOURCE` | 422 | The resource breaks a rule (e.g. an implausible reading, a text over 10,000 characters, nesting over 32 levels, or `meta.security` set by the client: the hub sets security labels). |
         *     | `TOO_MANY_REQUESTS` | 429 | Rate limit reached; wait for `Retry-After` seconds. Also five invitation codes that did not work within an hour, for one carer. |
         *     | `SERVER_ERROR` | 5XX | The hub failed; safe to retry reads later. |
         *     | `SOURCE_UNAVAILABLE` | 200 (in a Bundle), 503 | A source system did not answer; the rest of the record is returned. |
         *     | `INFORMATION_WITHHELD` | 200 (in a Bundle) | Some items are not shown to this user. Never says what or where. |
         *     | `SUMMARY_INCOMPLETE` | 200 (in a `$summary` Bundle) | An OperationOutcome entry (`code: incomplete`) saying that a section holds more items than the summary reads (the newest are read first), so older ones may be missing; `expression` lists the resource types. Search the type for all of them. |
         *     | `BREAK_GLASS_AVAILABLE` | 403 (a second issue); 200 (in a Patient search Bundle) | In a refusal (`NO_LEGITIMATE_RELATIONSHIP`, `SHARING_DECLINED`), an issue of its own (`severity: information`, `code: informational`) saying that this user may open this record in an emergency by repeating the request with `X-Break-Glass-Reason`. In a Patient search Bundle that found nobody, an OperationOutcome entry (`search.mode: outcome`) with this issue says the user may repeat the search with `X-Break-Glass-Reason`: nobody they may open was found, which does not mean there is nobody. It is given whether or not anyone matches, so it says nothing of who exists. Only a clinical professional's refusals that a reason would overcome, and their searches that a reason may make, carry it; without it, do not offer emergency access (a receptionist's reason is `403` `ACCESS_DENIED`). |
         * @enum {string}
         */
        HubErrorCode: "INVALID_REQUEST" | "INVALID_SEARCH_PARAMETER" | "ACCESS_DENIED" | "NO_LEGITIMATE_RELATIONSHIP" | "ROLE_RESTRICTED" | "SCOPE_RESTRICTED" | "SHARING_DECLINED" | "NO_PROXY_ACCESS" | "PROXY_RESTRICTED" | "INVITATION_NOT_VALID" | "ALREADY_ACTING_FOR" | "RESOURCE_NOT_FOUND" | "DUPLICATE_REQUEST" | "SHARING_CHOICE_EXISTS" | "PRECONDITION_FAILED" | "INVALID_RESOURCE" | "TOO_MANY_REQUESTS" | "SERVER_ERROR" | "SOURCE_UNAVAILABLE" | "INFORMATION_WITHHELD" | "BREAK_GLASS_AVAILABLE" | "SUMMARY_INCOMPLETE";
        /** @description A hub error code. */
        HubErrorCoding: {
            /** @constant */
            system: "https://care-record.example/CodeSystem/hub-error";
            code: components["schemas"]["HubErrorCode"];
            display?: string;
        };
        /** @description Names a source organisation, by ODS code, in an issue about that source. */
        SourceOrganisationCoding: {
            /** @constant */
            system: "https://care-record.example/source";
            /** @description ODS code of the organisation. */
            code: string;
            /** @description Organisation name, for display ("Information from Tufnell Green Surgery is unavailable"). */
            display?: string;
        };
        /** @description One issue. */
        OperationOutcomeIssue: {
            /** @enum {string} */
            severity: "fatal" | "error" | "warning" | "information";
            /**
             * @description FHIR issue type (`http://hl7.org/fhir/issue-type`).
             * @enum {string}
             */
            code: "invalid" | "structure" | "required" | "value" | "invariant" | "security" | "login" | "unknown" | "expired" | "forbidden" | "suppressed" | "processing" | "not-supported" | "duplicate" | "multiple-matches" | "not-found" | "deleted" | "too-long" | "code-invalid" | "extension" | "too-costly" | "business-rule" | "conflict" | "transient" | "lock-error" | "no-store" | "exception" | "timeout" | "incomplete" | "throttled" | "informational";
            /**
             * @description Machine-readable detail. `coding` holds a hub error code (`https://care-record.example/CodeSystem/hub-error`)
             *     and, for an unavailable source, a coding naming the source organisation (`https://care-record.example/source`,
             *     code = ODS code, display = organisation name). `text` is safe to show to users.
             */
            details?: {
                coding?: (components["schemas"]["HubErrorCoding"] | components["schemas"]["SourceOrganisationCoding"] | components["schemas"]["Coding"])[];
                text?: string;
            };
            /** @description Technical detail for developers. Never contains patient data or tokens. */
            diagnostics?: string;
            /** @description FHIRPath of the element or parameter at fault, e.g. `Observation.valueQuantity.value`. */
            expression?: string[];
        };
        /**
         * @description Errors, warnings and information about a request. Every 4XX and 5XX response body is an OperationOutcome.
         *     Inside a Bundle, an OperationOutcome entry (`search.mode: outcome` in a searchset) reports what the hub could not
         *     include: `severity: information, code: suppressed` when items were withheld, and `severity: warning, code:
         *     incomplete` naming each source organisation that was unavailable. `diagnostics` never contains patient data.
         */
        OperationOutcome: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "OperationOutcome";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            issue: components["schemas"]["OperationOutcomeIssue"][];
        };
        /**
         * @description SMART App Launch 2.x discovery document (`/.well-known/smart-configuration`): where to authorise, which scopes and
         *     launch modes the hub supports. PKCE with `S256` is required.
         */
        SmartConfiguration: {
            /**
             * Format: uri
             * @description OpenID Connect issuer; present because the hub supports `sso-openid-connect`.
             */
            issuer?: string;
            /** Format: uri */
            jwks_uri?: string;
            /** Format: uri */
            authorization_endpoint?: string;
            /** Format: uri */
            token_endpoint: string;
            token_endpoint_auth_methods_supported?: ("none" | "client_secret_basic" | "client_secret_post" | "private_key_jwt")[];
            grant_types_supported: ("authorization_code" | "client_credentials" | "refresh_token")[];
            /** Format: uri */
            registration_endpoint?: string;
            scopes_supported?: string[];
            response_types_supported?: string[];
            /** Format: uri */
            management_endpoint?: string;
            /** Format: uri */
            introspection_endpoint?: string;
            /** Format: uri */
            revocation_endpoint?: string;
            /** @description SMART capabilities, e.g. `launch-ehr`, `launch-standalone`, `client-public`, `context-ehr-patient`, `permission-v2`. */
            capabilities: string[];
            /** @description Must include `S256`; `plain` is never supported. */
            code_challenge_methods_supported: "S256"[];
        };
        AdvicePage: {
            id: string;
            title: string;
            /** @description One sentence saying what the page is about. */
            summary: string;
            sections: {
                heading?: string;
                paragraphs: string[];
            }[];
            /** @description Conditions (SNOMED CT) and kinds of plan or goal (`care-plan-type`) the page helps with; empty for everyone. */
            helpsWith: components["schemas"]["Coding"][];
        };
        /** @description The hub's library of general well-being information. */
        WellbeingAdvice: {
            /** @description When the library was last reviewed. */
            updated?: components["schemas"]["FhirDate"];
            pages: components["schemas"]["AdvicePage"][];
        };
        /**
         * @description A FHIR `Parameters` resource holding one invitation code: what `POST /RelatedPerson/{id}/$invite` answers with,
         *     and what a carer sends to `POST /$accept-invitation`.
         */
        InvitationCode: {
            /** @constant */
            resourceType: "Parameters";
            parameter: {
                /**
                 * @description `code` (`valueString`): the invitation code, 12 letters and digits (`ABCD-EFGH-JKMN`; spaces, hyphens
                 *     and letter case are ignored); `expires` (`valueDateTime`, answers only): when it stops working;
                 *     `relatedPerson` (`valueReference`, answers only): the person the code invites.
                 * @enum {string}
                 */
                name: "code" | "expires" | "relatedPerson";
                valueString?: string;
                valueDateTime?: components["schemas"]["FhirDateTime"];
                valueReference?: components["schemas"]["Reference"];
            }[];
        };
        /**
         * @description A FHIR `Parameters` resource: the person the carer can now act for (`patient`, a reference with their name as
         *     `display`), and the carer's own entry on that person's record (`relatedPerson`).
         */
        AcceptedInvitation: {
            /** @constant */
            resourceType: "Parameters";
            parameter: {
                /** @enum {string} */
                name: "patient" | "relatedPerson";
                valueReference: components["schemas"]["Reference"];
            }[];
        };
        /** @description The definition of an operation the hub offers (FHIR R4 OperationDefinition, the parts a client reads). */
        OperationDefinition: {
            /** @constant */
            resourceType: "OperationDefinition";
            id?: components["schemas"]["FhirId"];
            /**
             * Format: uri
             * @description The canonical URL that the CapabilityStatement's `operation.definition` names.
             */
            url: string;
            version?: string;
            name: string;
            title?: string;
            /** @enum {string} */
            status: "draft" | "active" | "retired" | "unknown";
            /** @enum {string} */
            kind: "operation" | "query";
            description?: string;
            code: string;
            resource?: string[];
            system: boolean;
            type: boolean;
            instance: boolean;
            parameter?: {
                name: string;
                /** @enum {string} */
                use: "in" | "out";
                min: number;
                max: string;
                documentation?: string;
                type?: string;
            }[];
        };
        /** @description One request in a batch. */
        BatchEntryRequest: {
            /** @enum {string} */
            method: "GET";
            /**
             * @description Relative URL of a read, search or `$summary`.
             * @example AllergyIntolerance?patient=pat-0001
             */
            url: string;
            /** @description ETag for a conditional read of this entry. */
            ifNoneMatch?: string;
        };
        /**
         * @description Several reads and searches in one round trip. Only `GET` is allowed. `request.url` is relative to the base URL:
         *     a read (`Patient/pat-0001`), a search (`AllergyIntolerance?patient=pat-0001`) or the summary
         *     (`Patient/pat-0001/$summary`). At most 20 entries.
         */
        BatchRequestBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            /** @constant */
            type: "batch";
            entry: {
                /** Format: uri */
                fullUrl?: string;
                request: components["schemas"]["BatchEntryRequest"];
            }[];
        };
        /** @description Human-readable XHTML summary of a resource. Never rendered as HTML by the components. */
        Narrative: {
            /** @enum {string} */
            status: "generated" | "extensions" | "additional" | "empty";
            /** @description Limited XHTML in a `<div xmlns="http://www.w3.org/1999/xhtml">`. */
            div: string;
        };
        /** @description Elements every record resource has. Resources compose it with `allOf`. */
        DomainResource: {
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            text?: components["schemas"]["Narrative"];
            extension?: components["schemas"]["Extension"][];
        };
        /** @description onset[x] of Condition and AllergyIntolerance: when it started, as a date/time, an age, a period or free text. */
        OnsetChoice: {
            onsetDateTime: components["schemas"]["FhirDateTime"];
            onsetAge?: never;
            onsetPeriod?: never;
            onsetString?: never;
        } | {
            onsetDateTime?: never;
            onsetAge: components["schemas"]["Quantity"];
            onsetPeriod?: never;
            onsetString?: never;
        } | {
            onsetDateTime?: never;
            onsetAge?: never;
            onsetPeriod: components["schemas"]["Period"];
            onsetString?: never;
        } | {
            onsetDateTime?: never;
            onsetAge?: never;
            onsetPeriod?: never;
            onsetString: string;
        } | {
            onsetDateTime?: never;
            onsetAge?: never;
            onsetPeriod?: never;
            onsetString?: never;
        };
        /** @description Required binding to `http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical`. */
        AllergyIntoleranceClinicalStatus: {
            coding: {
                /** @constant */
                system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
                /** @enum {string} */
                code: "active" | "inactive" | "resolved";
                display?: string;
            }[];
            text?: string;
        };
        /** @description Required binding to `http://terminology.hl7.org/CodeSystem/allergyintolerance-verification`. */
        AllergyIntoleranceVerificationStatus: {
            coding: {
                /** @constant */
                system: "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
                /** @enum {string} */
                code: "unconfirmed" | "confirmed" | "refuted" | "entered-in-error";
                display?: string;
            }[];
            text?: string;
        };
        /** @description A note with its author and time. */
        Annotation: {
            authorReference?: components["schemas"]["Reference"];
            authorString?: string;
            time?: components["schemas"]["FhirDateTime"];
            /** @description The note itself (markdown). */
            text: string;
        };
        /** @description One reaction — what happened (manifestation), how bad, when. */
        AllergyIntoleranceReaction: {
            substance?: components["schemas"]["CodeableConcept"];
            manifestation: components["schemas"]["CodeableConcept"][];
            description?: string;
            onset?: components["schemas"]["FhirDateTime"];
            /** @enum {string} */
            severity?: "mild" | "moderate" | "severe";
            exposureRoute?: components["schemas"]["CodeableConcept"];
            note?: components["schemas"]["Annotation"][];
        };
        /**
         * @description An allergy or adverse reaction (UK Core AllergyIntolerance,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-AllergyIntolerance`). A positive statement of no known
         *     allergies is an AllergyIntolerance with `code` SNOMED `716186003` "No known allergy". Screens keep four states
         *     apart: known allergies, no known allergies, allergies not recorded (no entries), allergies unavailable (error or
         *     source unavailable). Resolved or inactive entries never feed prescribing decisions.
         */
        AllergyIntolerance: {
            /** @constant */
            resourceType: "AllergyIntolerance";
            identifier?: components["schemas"]["Identifier"][];
            clinicalStatus?: components["schemas"]["AllergyIntoleranceClinicalStatus"];
            verificationStatus?: components["schemas"]["AllergyIntoleranceVerificationStatus"];
            /** @enum {string} */
            type?: "allergy" | "intolerance";
            category?: ("food" | "medication" | "environment" | "biologic")[];
            /**
             * @description Potential for a serious, life-threatening future reaction.
             * @enum {string}
             */
            criticality?: "low" | "high" | "unable-to-assess";
            /** @description The substance or the negated statement (SNOMED `716186003` No known allergy). */
            code?: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            patient: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            recordedDate?: components["schemas"]["FhirDateTime"];
            /** @description Who recorded it (Practitioner or PractitionerRole), with their organisation. */
            recorder?: components["schemas"]["Reference"];
            /** @description Who reported it; a Patient or RelatedPerson reference means it was reported by the resident or a carer. */
            asserter?: components["schemas"]["Reference"];
            lastOccurrence?: components["schemas"]["FhirDateTime"];
            note?: components["schemas"]["Annotation"][];
            reaction?: components["schemas"]["AllergyIntoleranceReaction"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["OnsetChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "AllergyIntolerance";
        });
        /** @description A participant; `_include=Appointment:actor` returns the referenced actors. */
        AppointmentParticipant: {
            type?: components["schemas"]["CodeableConcept"][];
            actor?: components["schemas"]["Reference"];
            /** @enum {string} */
            required?: "required" | "optional" | "information-only";
            /** @enum {string} */
            status: "accepted" | "declined" | "tentative" | "needs-action";
            period?: components["schemas"]["Period"];
        };
        /**
         * @description A booked (or proposed, cancelled, attended) appointment (UK Core Appointment,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Appointment`). The resident is one `participant`; the
         *     clinician, service and location are others. Future booked appointments appear in the record summary.
         */
        Appointment: {
            /** @constant */
            resourceType: "Appointment";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "proposed" | "pending" | "booked" | "arrived" | "fulfilled" | "cancelled" | "noshow" | "entered-in-error" | "checked-in" | "waitlist";
            cancelationReason?: components["schemas"]["CodeableConcept"];
            serviceCategory?: components["schemas"]["CodeableConcept"][];
            serviceType?: components["schemas"]["CodeableConcept"][];
            specialty?: components["schemas"]["CodeableConcept"][];
            appointmentType?: components["schemas"]["CodeableConcept"];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            /** @description Short description shown in lists. */
            description?: string;
            start?: components["schemas"]["FhirInstant"];
            end?: components["schemas"]["FhirInstant"];
            minutesDuration?: number;
            created?: components["schemas"]["FhirDateTime"];
            comment?: string;
            /** @description What the resident needs to know or bring. */
            patientInstruction?: string;
            participant: components["schemas"]["AppointmentParticipant"][];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Appointment";
        });
        /** @description Who accessed the record, and from which organisation. */
        AuditEventAgent: {
            type?: components["schemas"]["CodeableConcept"];
            role?: components["schemas"]["CodeableConcept"][];
            who?: components["schemas"]["Reference"];
            altId?: string;
            name?: string;
            requestor: boolean;
            purposeOfUse?: components["schemas"]["CodeableConcept"][];
            network?: {
                address?: string;
                /** @enum {string} */
                type?: "1" | "2" | "3" | "4" | "5";
            };
        };
        /**
         * @description A record of access to the resident's record, written by the hub for every read (UK Core AuditEvent,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-AuditEvent`). Answers "who looked at my record": the person
         *     (`agent.who`), their organisation and role, when (`recorded`), and why (`purposeOfEvent`; `ETREAT` with a
         *     reason marks emergency "break-glass" access).
         */
        AuditEvent: {
            /** @constant */
            resourceType: "AuditEvent";
            /** @description `http://terminology.hl7.org/CodeSystem/audit-event-type` `rest` for API access. */
            type: components["schemas"]["Coding"];
            /** @description `http://hl7.org/fhir/restful-interaction`: `read`, `search-type`, `operation`, `create`. */
            subtype?: components["schemas"]["Coding"][];
            /**
             * @description Create, Read, Update, Delete, Execute.
             * @enum {string}
             */
            action?: "C" | "R" | "U" | "D" | "E";
            period?: components["schemas"]["Period"];
            recorded: components["schemas"]["FhirInstant"];
            /**
             * @description `0` success, `4` minor failure, `8` serious failure, `12` major failure.
             * @enum {string}
             */
            outcome?: "0" | "4" | "8" | "12";
            outcomeDesc?: string;
            /**
             * @description `http://terminology.hl7.org/CodeSystem/v3-ActReason`: `TREAT` (direct care), `ETREAT` (emergency access;
             *     `text` holds the reason given), `FAMRQT` (a carer acting for the resident), `PATADMIN` (the resident's own
             *     look). A look by someone the resident's record keeps from her has its purpose masked (no coding; the
             *     data-absent-reason extension `masked`, `text` "Not shown"): the code would say who looked (R15).
             */
            purposeOfEvent?: components["schemas"]["CodeableConcept"][];
            agent: components["schemas"]["AuditEventAgent"][];
            source: {
                site?: string;
                observer: components["schemas"]["Reference"];
                type?: components["schemas"]["Coding"][];
            };
            entity?: {
                what?: components["schemas"]["Reference"];
                type?: components["schemas"]["Coding"];
                role?: components["schemas"]["Coding"];
                description?: string;
                query?: string;
            }[];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "AuditEvent";
        });
        /** @description One planned activity or support (e.g. a daily home-care visit). */
        CarePlanActivity: {
            reference?: components["schemas"]["Reference"];
            detail?: {
                /** @enum {string} */
                kind?: "Appointment" | "CommunicationRequest" | "DeviceRequest" | "MedicationRequest" | "NutritionOrder" | "Task" | "ServiceRequest" | "VisionPrescription";
                code?: components["schemas"]["CodeableConcept"];
                /** @enum {string} */
                status: "not-started" | "scheduled" | "in-progress" | "on-hold" | "completed" | "cancelled" | "stopped" | "unknown" | "entered-in-error";
                description?: string;
                performer?: components["schemas"]["Reference"][];
            };
        };
        /**
         * @description A care and support plan, crisis plan or personalised care plan (UK Core CarePlan,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-CarePlan`), from health or social care.
         */
        CarePlan: {
            /** @constant */
            resourceType: "CarePlan";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "draft" | "active" | "on-hold" | "revoked" | "completed" | "entered-in-error" | "unknown";
            /** @enum {string} */
            intent: "proposal" | "plan" | "order" | "option";
            category?: components["schemas"]["CodeableConcept"][];
            title?: string;
            description?: string;
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            period?: components["schemas"]["Period"];
            created?: components["schemas"]["FhirDateTime"];
            author?: components["schemas"]["Reference"];
            contributor?: components["schemas"]["Reference"][];
            careTeam?: components["schemas"]["Reference"][];
            /** @description The problems (Condition) the plan addresses. */
            addresses?: components["schemas"]["Reference"][];
            /** @description The goals (Goal) the plan works towards. */
            goal?: components["schemas"]["Reference"][];
            activity?: components["schemas"]["CarePlanActivity"][];
            note?: components["schemas"]["Annotation"][];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "CarePlan";
        });
        /** @description Condition.abatement[x]: when the condition resolved or went into remission. */
        AbatementChoice: {
            abatementDateTime: components["schemas"]["FhirDateTime"];
            abatementAge?: never;
            abatementPeriod?: never;
            abatementString?: never;
        } | {
            abatementDateTime?: never;
            abatementAge: components["schemas"]["Quantity"];
            abatementPeriod?: never;
            abatementString?: never;
        } | {
            abatementDateTime?: never;
            abatementAge?: never;
            abatementPeriod: components["schemas"]["Period"];
            abatementString?: never;
        } | {
            abatementDateTime?: never;
            abatementAge?: never;
            abatementPeriod?: never;
            abatementString: string;
        } | {
            abatementDateTime?: never;
            abatementAge?: never;
            abatementPeriod?: never;
            abatementString?: never;
        };
        /** @description Required binding to `http://terminology.hl7.org/CodeSystem/condition-clinical`. */
        ConditionClinicalStatus: {
            coding: {
                /** @constant */
                system: "http://terminology.hl7.org/CodeSystem/condition-clinical";
                /** @enum {string} */
                code: "active" | "recurrence" | "relapse" | "inactive" | "remission" | "resolved";
                display?: string;
            }[];
            text?: string;
        };
        /** @description Required binding to `http://terminology.hl7.org/CodeSystem/condition-ver-status`. */
        ConditionVerificationStatus: {
            coding: {
                /** @constant */
                system: "http://terminology.hl7.org/CodeSystem/condition-ver-status";
                /** @enum {string} */
                code: "unconfirmed" | "provisional" | "differential" | "confirmed" | "refuted" | "entered-in-error";
                display?: string;
            }[];
            text?: string;
        };
        /**
         * @description A problem, diagnosis or issue (UK Core Condition, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Condition`).
         *     `category` tells a problem-list item from an encounter diagnosis.
         */
        Condition: {
            /** @constant */
            resourceType: "Condition";
            identifier?: components["schemas"]["Identifier"][];
            clinicalStatus?: components["schemas"]["ConditionClinicalStatus"];
            verificationStatus?: components["schemas"]["ConditionVerificationStatus"];
            /** @description `http://terminology.hl7.org/CodeSystem/condition-category`: `problem-list-item` or `encounter-diagnosis`. */
            category?: components["schemas"]["CodeableConcept"][];
            severity?: components["schemas"]["CodeableConcept"];
            code?: components["schemas"]["CodeableConcept"];
            bodySite?: components["schemas"]["CodeableConcept"][];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            recordedDate?: components["schemas"]["FhirDateTime"];
            recorder?: components["schemas"]["Reference"];
            asserter?: components["schemas"]["Reference"];
            note?: components["schemas"]["Annotation"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["OnsetChoice"] & components["schemas"]["AbatementChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Condition";
        });
        /** @description A permit or deny rule, with nested exceptions. */
        ConsentProvision: {
            /** @enum {string} */
            type?: "deny" | "permit";
            period?: components["schemas"]["Period"];
            actor?: {
                role: components["schemas"]["CodeableConcept"];
                reference: components["schemas"]["Reference"];
            }[];
            action?: components["schemas"]["CodeableConcept"][];
            securityLabel?: components["schemas"]["Coding"][];
            purpose?: components["schemas"]["Coding"][];
            class?: components["schemas"]["Coding"][];
            code?: components["schemas"]["CodeableConcept"][];
            provision?: components["schemas"]["ConsentProvision"][];
        };
        /**
         * @description The resident's **sharing choice** (UK Core Consent, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Consent`):
         *     which organisations may see their record, and which kinds of information may leave the service that recorded
         *     them. Shown and changed in the person-held view; enforced by the hub's access policy on every professional read.
         *
         *     **The model.** By default — no sharing choice, or one without exceptions — every organisation caring for the
         *     resident (one with a care relationship) may see their record, apart from the sensitive items the hub always
         *     keeps with the service that recorded them (see "Withheld items"). A sharing choice is one `active` Consent with
         *     `scope` `patient-privacy`, `category` LOINC `59284-0`, `policyRule` `OPTIN`, and a top-level
         *     `provision.type: permit` (purpose `TREAT`) holding the resident's exceptions as nested `deny` provisions:
         *
         *     | nested `deny` provision | effect |
         *     | --- | --- |
         *     | `actor` only (organisations, role `IRCP`) | Those organisations may not see the record at all: their reads, searches, `$summary` and batch entries about the resident answer `403` with hub code `SHARING_DECLINED`, unless they use emergency (break-glass) access. |
         *     | `securityLabel` only (categories) | Items of those categories are shown only to the organisation that recorded them; everyone else gets the "Some information is not shown" notice (`REDACTED`, `INFORMATION_WITHHELD`). |
         *     | `actor` and `securityLabel` | Items of those categories are withheld, with the same notice, from those organisations only. |
         *
         *     Categories (`provision.securityLabel`): `http://terminology.hl7.org/CodeSystem/v3-ActCode` `PSY` (mental
         *     health: everything the mental health trust records, and mental health entries elsewhere), `SEX` (sexual and
         *     reproductive health — already kept with the service that recorded it, whatever the choice), and
         *     `https://care-record.example/CodeSystem/sharing-category` `social-care` (everything the council's social care
         *     services record).
         *
         *     **Emergencies.** A professional whose organisation the resident has excluded can still open the record in an
         *     emergency by giving a reason (`X-Break-Glass-Reason`): the access is audited with the reason (purpose `ETREAT`)
         *     and highlighted in the resident's access log. Break-glass access does not reveal withheld categories; the
         *     professional sees that some information is not shown. The resident always sees their whole record (except
         *     `NOPAT` items).
         *
         *     A choice takes effect on the next request after it is saved. The hub sets `dateTime` (when it was saved),
         *     `performer` (the resident) and `meta.source`.
         *
         *     **Proxy access.** A Consent with `category` `https://care-record.example/CodeSystem/consent-kind`
         *     `proxy-access` (as well as LOINC `59284-0`) lets someone who cares for the resident act for them. It is not a
         *     sharing choice, and a resident may have several (one per carer). Its top-level `provision.type: permit` names
         *     exactly one `actor` — the carer's `RelatedPerson` on the resident's record (role `IRCP`) — and lists what they
         *     may do in `provision.action` (`https://care-record.example/CodeSystem/proxy-action`: `view-record`,
         *     `view-appointments`, `view-results`, `add-readings`, `add-medicines`). Nested `deny` provisions with only
         *     `securityLabel` (the categories above) keep those kinds of information from the carer; `provision.period` may
         *     limit when it applies. A carer signs in with `fhirUser` `RelatedPerson/<id>`; the hub links each of their
         *     RelatedPerson resources to their account with the identifier `https://care-record.example/Id/carer-account`,
         *     which only the carer themself reads: every other answer (to a professional, the resident or another carer)
         *     leaves it out, unmarked. One person caring for several residents finds them all with
         *     `GET /RelatedPerson?identifier=https://care-record.example/Id/carer-account|<account>`.
         *
         *     Whether a proxy permission is in force depends on who granted it (`performer`: the resident, or their GP
         *     practice) and on the resident's age: under 11, a parent's access set up by the practice; from 11 to 15, only
         *     after a new decision on or after the 11th birthday (the young person's own grant, or the practice's recorded
         *     assessment in `verification`); from 16, only the person's own grant or the practice's recorded assessment that
         *     they cannot decide, on or after the 16th birthday (see `docs/proxy-access.md`). A carer without a permission
         *     in force is refused with `403` and hub code `NO_PROXY_ACCESS`. The resident creates a proxy permission with
         *     `POST /Consent` and changes or stops it (`status: inactive`) with `PUT /Consent/{id}` and `If-Match`; the
         *     carer's next request is refused. The hub sets `dateTime`, `performer` and `meta.source` as for sharing choices.
         */
        Consent: {
            /** @constant */
            resourceType: "Consent";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "draft" | "proposed" | "active" | "rejected" | "inactive" | "entered-in-error";
            /** @description `http://terminology.hl7.org/CodeSystem/consentscope`: `patient-privacy` for sharing choices. */
            scope: components["schemas"]["CodeableConcept"];
            category: components["schemas"]["CodeableConcept"][];
            /** @description The resident (`Patient/<id>`). */
            patient: components["schemas"]["Reference"];
            dateTime?: components["schemas"]["FhirDateTime"];
            performer?: components["schemas"]["Reference"][];
            organization?: components["schemas"]["Reference"][];
            policyRule?: components["schemas"]["CodeableConcept"];
            /** @description For proxy access set up by the GP practice, its recorded assessment (who, when). */
            verification?: {
                verified: boolean;
                verifiedWith?: components["schemas"]["Reference"];
                verificationDate?: components["schemas"]["FhirDateTime"];
            }[];
            provision?: components["schemas"]["ConsentProvision"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Consent";
        });
        /** @description effective[x] of MedicationStatement and DiagnosticReport: a date/time or a period. */
        EffectiveChoice: {
            effectiveDateTime: components["schemas"]["FhirDateTime"];
            effectivePeriod?: never;
        } | {
            effectiveDateTime?: never;
            effectivePeriod: components["schemas"]["Period"];
        } | {
            effectiveDateTime?: never;
            effectivePeriod?: never;
        };
        /** @description Content held elsewhere (a letter, a PDF) or inline as base64. */
        Attachment: {
            /** @description MIME type, e.g. `application/pdf`. */
            contentType?: string;
            language?: string;
            data?: string;
            /**
             * Format: uri
             * @description Where to fetch the content from (needs the same access token).
             */
            url?: string;
            size?: number;
            hash?: string;
            title?: string;
            creation?: components["schemas"]["FhirDateTime"];
        };
        /**
         * @description A test report (pathology, radiology) grouping its results (UK Core DiagnosticReport,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-DiagnosticReport`). `result` references the Observations;
         *     `_include=DiagnosticReport:result` returns them in the same Bundle.
         */
        DiagnosticReport: {
            /** @constant */
            resourceType: "DiagnosticReport";
            identifier?: components["schemas"]["Identifier"][];
            basedOn?: components["schemas"]["Reference"][];
            /** @enum {string} */
            status: "registered" | "partial" | "preliminary" | "final" | "amended" | "corrected" | "appended" | "cancelled" | "entered-in-error" | "unknown";
            category?: components["schemas"]["CodeableConcept"][];
            code: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            issued?: components["schemas"]["FhirInstant"];
            performer?: components["schemas"]["Reference"][];
            resultsInterpreter?: components["schemas"]["Reference"][];
            specimen?: components["schemas"]["Reference"][];
            result?: components["schemas"]["Reference"][];
            conclusion?: string;
            conclusionCode?: components["schemas"]["CodeableConcept"][];
            presentedForm?: components["schemas"]["Attachment"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["EffectiveChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "DiagnosticReport";
        });
        /**
         * @description A letter, discharge summary, assessment or other document (UK Core DocumentReference,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-DocumentReference`). The content is fetched from
         *     `content[].attachment.url` with the same access token.
         */
        DocumentReference: {
            /** @constant */
            resourceType: "DocumentReference";
            masterIdentifier?: components["schemas"]["Identifier"];
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "current" | "superseded" | "entered-in-error";
            /** @enum {string} */
            docStatus?: "preliminary" | "final" | "amended" | "entered-in-error";
            /** @description Kind of document, e.g. SNOMED `373942005` Discharge summary. */
            type?: components["schemas"]["CodeableConcept"];
            category?: components["schemas"]["CodeableConcept"][];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            date?: components["schemas"]["FhirInstant"];
            author?: components["schemas"]["Reference"][];
            custodian?: components["schemas"]["Reference"];
            description?: string;
            securityLabel?: components["schemas"]["CodeableConcept"][];
            content: {
                attachment: components["schemas"]["Attachment"];
                format?: components["schemas"]["Coding"];
            }[];
            context?: {
                encounter?: components["schemas"]["Reference"][];
                period?: components["schemas"]["Period"];
                facilityType?: components["schemas"]["CodeableConcept"];
                practiceSetting?: components["schemas"]["CodeableConcept"];
            };
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "DocumentReference";
        });
        /**
         * @description A contact with a service: GP consultation, outpatient attendance, A&E visit, admission, home visit by a
         *     community nurse or social worker (UK Core Encounter, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Encounter`).
         *     The timeline groups encounters by care setting using `class` and `serviceProvider`.
         */
        Encounter: {
            /** @constant */
            resourceType: "Encounter";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "planned" | "arrived" | "triaged" | "in-progress" | "onleave" | "finished" | "cancelled" | "entered-in-error" | "unknown";
            /**
             * @description `http://terminology.hl7.org/CodeSystem/v3-ActCode`: `AMB` (ambulatory), `EMER` (emergency), `IMP` (inpatient),
             *     `HH` (home health), `VR` (virtual), `SS` (short stay).
             */
            class: components["schemas"]["Coding"];
            type?: components["schemas"]["CodeableConcept"][];
            serviceType?: components["schemas"]["CodeableConcept"];
            priority?: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            episodeOfCare?: components["schemas"]["Reference"][];
            participant?: {
                type?: components["schemas"]["CodeableConcept"][];
                period?: components["schemas"]["Period"];
                individual?: components["schemas"]["Reference"];
            }[];
            period?: components["schemas"]["Period"];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            diagnosis?: {
                condition: components["schemas"]["Reference"];
                rank?: number;
            }[];
            hospitalization?: {
                admitSource?: components["schemas"]["CodeableConcept"];
                dischargeDisposition?: components["schemas"]["CodeableConcept"];
            };
            location?: {
                location: components["schemas"]["Reference"];
                period?: components["schemas"]["Period"];
            }[];
            /** @description The organisation responsible; `_include=Encounter:service-provider` returns it. */
            serviceProvider?: components["schemas"]["Reference"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Encounter";
        });
        /**
         * @description A period in which a service is responsible for the resident: adult social care involvement, a community mental
         *     health team caseload, district nursing (UK Core EpisodeOfCare,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-EpisodeOfCare`). Gives "professional contacts" (the care
         *     manager / key worker and team) and "local authority involvement".
         */
        EpisodeOfCare: {
            /** @constant */
            resourceType: "EpisodeOfCare";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "planned" | "waitlist" | "active" | "onhold" | "finished" | "cancelled" | "entered-in-error";
            type?: components["schemas"]["CodeableConcept"][];
            diagnosis?: {
                condition: components["schemas"]["Reference"];
                rank?: number;
            }[];
            /** @description The resident (`Patient/<id>`). */
            patient: components["schemas"]["Reference"];
            /** @description The responsible organisation; `_include=EpisodeOfCare:organization` returns it. */
            managingOrganization?: components["schemas"]["Reference"];
            period?: components["schemas"]["Period"];
            referralRequest?: components["schemas"]["Reference"][];
            /** @description The key worker or care coordinator. */
            careManager?: components["schemas"]["Reference"];
            team?: components["schemas"]["Reference"][];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "EpisodeOfCare";
        });
        /**
         * @description An alert shown prominently: safety risks (to self, to others, from others), safeguarding, legal status (lasting
         *     power of attorney, DoLS, Mental Health Act section), advance decisions (ReSPECT, DNACPR), reasonable adjustments
         *     (UK Core Flag, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Flag`).
         */
        Flag: {
            /** @constant */
            resourceType: "Flag";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "active" | "inactive" | "entered-in-error";
            /** @description `http://terminology.hl7.org/CodeSystem/flag-category`: `safety`, `clinical`, `behavioral`, `admin`, `contact`, `drug`. */
            category?: components["schemas"]["CodeableConcept"][];
            /** @description The alert; `text` is the wording to show. */
            code: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            period?: components["schemas"]["Period"];
            encounter?: components["schemas"]["Reference"];
            author?: components["schemas"]["Reference"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Flag";
        });
        /**
         * @description Immunization.occurrence[x]: when it was given (or was due, for `not-done`), as a date/time, or as free text when
         *     only an approximate time is known ("Childhood").
         */
        OccurrenceChoice: {
            occurrenceDateTime: components["schemas"]["FhirDateTime"];
            occurrenceString?: never;
        } | {
            occurrenceDateTime?: never;
            occurrenceString: string;
        };
        /** @description Which dose of a course this was, and what it protects against. */
        ImmunizationProtocolApplied: {
            series?: string;
            targetDisease?: components["schemas"]["CodeableConcept"][];
            doseNumberPositiveInt?: number;
            doseNumberString?: string;
            seriesDosesPositiveInt?: number;
        };
        /**
         * @description A vaccination given, or one that was due and not given (UK Core Immunization,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Immunization`). `status: not-done` with `statusReason` says
         *     why it was not given (declined, contraindicated); `entered-in-error` was recorded by mistake and is never shown.
         *     `vaccineCode` is SNOMED CT (the vaccine product or the procedure); `protocolApplied` gives the dose in its course
         *     (`doseNumberPositiveInt`) and the disease it protects against.
         */
        Immunization: {
            /** @constant */
            resourceType: "Immunization";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            status: "completed" | "not-done" | "entered-in-error";
            /** @description Why it was not given, for `not-done`. */
            statusReason?: components["schemas"]["CodeableConcept"];
            vaccineCode: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            patient: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            recorded?: components["schemas"]["FhirDateTime"];
            /** @description False when it was reported by someone else (e.g. given abroad and told to the practice). */
            primarySource?: boolean;
            reportOrigin?: components["schemas"]["CodeableConcept"];
            location?: components["schemas"]["Reference"];
            manufacturer?: components["schemas"]["Reference"];
            lotNumber?: string;
            site?: components["schemas"]["CodeableConcept"];
            route?: components["schemas"]["CodeableConcept"];
            doseQuantity?: components["schemas"]["Quantity"];
            performer?: {
                function?: components["schemas"]["CodeableConcept"];
                actor: components["schemas"]["Reference"];
            }[];
            note?: components["schemas"]["Annotation"][];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            protocolApplied?: components["schemas"]["ImmunizationProtocolApplied"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["OccurrenceChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Immunization";
        });
        /**
         * @description A medicine as a product (UK Core Medication, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Medication`),
         *     which a MedicationRequest or MedicationStatement names by `medicationReference` (GP Connect and most EPRs send
         *     it so). It is about no resident: it has no patient, and it names the medicine by `code` — a dm+d concept
         *     (`https://dmd.nhs.uk`, or the same code under `http://snomed.info/sct`) with `text` holding the drug name as the
         *     source recorded it.
         */
        Medication: {
            /** @constant */
            resourceType: "Medication";
            identifier?: components["schemas"]["Identifier"][];
            code?: components["schemas"]["CodeableConcept"];
            /** @enum {string} */
            status?: "active" | "inactive" | "entered-in-error";
            /** @description The dose form, e.g. tablet. */
            form?: components["schemas"]["CodeableConcept"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Medication";
        });
        /**
         * @description medication[x] of MedicationStatement and MedicationRequest: exactly one. Usually a dm+d concept
         *     (system `https://dmd.nhs.uk`; sources following UK Core may send the same dm+d code under `http://snomed.info/sct`)
         *     with `text` holding the drug name as the source recorded it.
         */
        MedicationChoice: {
            medicationCodeableConcept: components["schemas"]["CodeableConcept"];
            medicationReference?: never;
        } | {
            medicationCodeableConcept?: never;
            medicationReference: components["schemas"]["Reference"];
        };
        /** @description When a dose is taken. The record relies on `code.text` and the dosage `text`; `repeat` is structured detail when the source sends it. */
        Timing: {
            event?: components["schemas"]["FhirDateTime"][];
            code?: components["schemas"]["CodeableConcept"];
            repeat?: {
                boundsPeriod?: components["schemas"]["Period"];
                frequency?: number;
                period?: number;
                /** @enum {string} */
                periodUnit?: "s" | "min" | "h" | "d" | "wk" | "mo" | "a";
                when?: string[];
            };
        };
        /**
         * @description How a medicine is (to be) taken. `text` is the dosage instruction exactly as the prescriber's system holds it and
         *     must be shown verbatim. When a medicine has no dosage (e.g. bought over the counter), screens say
         *     "No information available".
         */
        Dosage: {
            sequence?: number;
            /**
             * @description Free-text dosage instruction, shown verbatim.
             * @example Take ONE tablet each morning
             */
            text?: string;
            additionalInstruction?: components["schemas"]["CodeableConcept"][];
            /** @description Instruction written for the patient, when different from `text`. */
            patientInstruction?: string;
            timing?: components["schemas"]["Timing"];
            /** @description Taken only when needed (PRN). */
            asNeededBoolean?: boolean;
            site?: components["schemas"]["CodeableConcept"];
            route?: components["schemas"]["CodeableConcept"];
            method?: components["schemas"]["CodeableConcept"];
            doseAndRate?: {
                type?: components["schemas"]["CodeableConcept"];
                doseQuantity?: components["schemas"]["Quantity"];
            }[];
        };
        /**
         * @description A prescription (UK Core MedicationRequest, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationRequest`).
         *     `intent: plan` is a GP authorisation (acute or repeat); `intent: order` is an issue of it, linked by `basedOn`.
         *
         *     Repeat details, as GP systems show them:
         *     - prescription type: `courseOfTherapyType` (UK Core: `acute`, `continuous`, `continuous-repeating-dispensing`) and,
         *       because UK Core R4 has no code for delayed prescribing, the extension
         *       `https://care-record.example/StructureDefinition/prescription-type` (valueCoding from
         *       `https://fhir.hl7.org.uk/STU3/CodeSystem/CareConnect-PrescriptionType-1`: `acute`, `repeat`,
         *       `repeat-dispensing`, `delayed-prescribing`);
         *     - issues allowed: `dispenseRequest.numberOfRepeatsAllowed`;
         *     - issues made and review date: extension `https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-MedicationRepeatInformation`
         *       with nested `numberOfPrescriptionsIssued` (valueUnsignedInt) and `authorisationExpiryDate` (valueDateTime, the review date);
         *     - last issue date: the latest `intent: order` request's `authoredOn`, or the MedicationStatement's
         *       `Extension-UKCore-MedicationStatementLastIssueDate`.
         */
        MedicationRequest: {
            /** @constant */
            resourceType: "MedicationRequest";
            identifier?: components["schemas"]["Identifier"][];
            /**
             * @description Status of the authorisation (repeat) or of the issue (acute).
             * @enum {string}
             */
            status: "active" | "on-hold" | "cancelled" | "completed" | "entered-in-error" | "stopped" | "draft" | "unknown";
            /** @description Why it was stopped, cancelled or put on hold. */
            statusReason?: components["schemas"]["CodeableConcept"];
            /** @enum {string} */
            intent: "proposal" | "plan" | "order" | "original-order" | "reflex-order" | "filler-order" | "instance-order" | "option";
            category?: components["schemas"]["CodeableConcept"][];
            /** @enum {string} */
            priority?: "routine" | "urgent" | "asap" | "stat";
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            authoredOn?: components["schemas"]["FhirDateTime"];
            /** @description The prescriber (Practitioner or PractitionerRole); `_include=MedicationRequest:requester` returns it. */
            requester?: components["schemas"]["Reference"];
            recorder?: components["schemas"]["Reference"];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            /** @description For an issue, the authorisation it was issued from. */
            basedOn?: components["schemas"]["Reference"][];
            groupIdentifier?: components["schemas"]["Identifier"];
            /**
             * @description `http://terminology.hl7.org/CodeSystem/medicationrequest-course-of-therapy` `acute` / `continuous`, or
             *     `https://fhir.hl7.org.uk/CodeSystem/UKCore-MedicationRequestCourseOfTherapy` `continuous-repeating-dispensing`.
             */
            courseOfTherapyType?: components["schemas"]["CodeableConcept"];
            note?: components["schemas"]["Annotation"][];
            /** @description Dosage; `text` is shown verbatim. */
            dosageInstruction?: components["schemas"]["Dosage"][];
            dispenseRequest?: {
                validityPeriod?: components["schemas"]["Period"];
                /** @description Issues allowed on this authorisation (not counting the first). */
                numberOfRepeatsAllowed?: number;
                quantity?: components["schemas"]["Quantity"];
                expectedSupplyDuration?: components["schemas"]["Quantity"];
                performer?: components["schemas"]["Reference"];
            };
        } & (components["schemas"]["DomainResource"] & components["schemas"]["MedicationChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "MedicationRequest";
        });
        /**
         * @description A medicine the resident is taking, has taken or is said to be taking (UK Core MedicationStatement,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-MedicationStatement`). The same medicine may arrive from several
         *     sources (GP and hospital) with different dosage text; the record shows it once with both sources and flags the
         *     difference. `informationSource` referencing the Patient marks a resident-reported item (e.g. bought over the
         *     counter). A stopped item carries `statusReason`. The UK Core extension
         *     `Extension-UKCore-MedicationStatementLastIssueDate` gives the date the medicine was last issued.
         */
        MedicationStatement: {
            /** @constant */
            resourceType: "MedicationStatement";
            /**
             * @description Business identifiers. A resident-entered item carries `https://care-record.example/Id/resident-entry|<uuid>`,
             *     which also serves for a conditional create (`If-None-Exist`).
             */
            identifier?: components["schemas"]["Identifier"][];
            /** @description The authorisation (MedicationRequest) this statement summarises. */
            basedOn?: components["schemas"]["Reference"][];
            /** @enum {string} */
            status: "active" | "completed" | "entered-in-error" | "intended" | "stopped" | "on-hold" | "unknown" | "not-taken";
            /** @description Why the medicine was stopped or not taken. */
            statusReason?: components["schemas"]["CodeableConcept"][];
            /**
             * @description `http://terminology.hl7.org/CodeSystem/medication-statement-category`: `inpatient`, `outpatient`, `community`
             *     or `patientspecified` (reported by the resident).
             */
            category?: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            context?: components["schemas"]["Reference"];
            dateAsserted?: components["schemas"]["FhirDateTime"];
            /** @description Who said so. A `Patient/<id>` reference means resident-reported; otherwise a Practitioner, PractitionerRole or Organization. */
            informationSource?: components["schemas"]["Reference"];
            derivedFrom?: components["schemas"]["Reference"][];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            note?: components["schemas"]["Annotation"][];
            /** @description Dosage as recorded; `text` is shown verbatim. Absent dosage is shown as "No information available". */
            dosage?: components["schemas"]["Dosage"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["MedicationChoice"] & components["schemas"]["EffectiveChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "MedicationStatement";
        });
        /** @description A set of ordered quantities between a low and a high limit (inclusive). */
        Range: {
            low?: components["schemas"]["Quantity"];
            high?: components["schemas"]["Quantity"];
        };
        /** @description A ratio of two quantities, e.g. an antibody titre of 1:128. */
        Ratio: {
            numerator?: components["schemas"]["Quantity"];
            denominator?: components["schemas"]["Quantity"];
        };
        /**
         * @description Observation.value[x]: at most one value. When there is no value, `dataAbsentReason` may say why
         *     (a blood pressure panel carries its values in `component` and has neither).
         */
        ObservationValueChoice: {
            valueQuantity: components["schemas"]["Quantity"];
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept: components["schemas"]["CodeableConcept"];
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString: string;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean: boolean;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger: number;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange: components["schemas"]["Range"];
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio: components["schemas"]["Ratio"];
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime: components["schemas"]["FhirDateTime"];
            valuePeriod?: never;
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod: components["schemas"]["Period"];
            dataAbsentReason?: never;
        } | {
            valueQuantity?: never;
            valueCodeableConcept?: never;
            valueString?: never;
            valueBoolean?: never;
            valueInteger?: never;
            valueRange?: never;
            valueRatio?: never;
            valueDateTime?: never;
            valuePeriod?: never;
            dataAbsentReason?: components["schemas"]["CodeableConcept"];
        };
        /** @description Observation.effective[x]: when the observation was true for the patient (the clinically relevant time). */
        ObservationEffectiveChoice: {
            effectiveDateTime: components["schemas"]["FhirDateTime"];
            effectivePeriod?: never;
            effectiveInstant?: never;
        } | {
            effectiveDateTime?: never;
            effectivePeriod: components["schemas"]["Period"];
            effectiveInstant?: never;
        } | {
            effectiveDateTime?: never;
            effectivePeriod?: never;
            effectiveInstant: components["schemas"]["FhirInstant"];
        } | {
            effectiveDateTime?: never;
            effectivePeriod?: never;
            effectiveInstant?: never;
        };
        /** @description The normal range the result was judged against, as the laboratory reported it. */
        ObservationReferenceRange: {
            low?: components["schemas"]["Quantity"];
            high?: components["schemas"]["Quantity"];
            type?: components["schemas"]["CodeableConcept"];
            appliesTo?: components["schemas"]["CodeableConcept"][];
            age?: components["schemas"]["Range"];
            text?: string;
        };
        /** @description One component of a panel, with its own code and value. */
        ObservationComponent: {
            code: components["schemas"]["CodeableConcept"];
            interpretation?: components["schemas"]["CodeableConcept"][];
            referenceRange?: components["schemas"]["ObservationReferenceRange"][];
        } & components["schemas"]["ObservationValueChoice"];
        /**
         * @description A measurement or finding (UK Core Observation, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Observation`):
         *     vital signs, test results, readings the resident entered. A blood pressure is a panel (LOINC `85354-9`, SNOMED
         *     `75367002`) with no value of its own and two `component`s: systolic (LOINC `8480-6`, SNOMED `271649006`, or
         *     `1162737008` when self-reported) and diastolic (LOINC `8462-4`, SNOMED `271650006`, or `1162735000` when
         *     self-reported). Body weight: SNOMED `27113001` (`784399000` when self-reported). A `performer` that is the
         *     Patient means the resident entered it.
         */
        Observation: {
            /** @constant */
            resourceType: "Observation";
            /**
             * @description A resident-entered reading carries `https://care-record.example/Id/resident-entry|<uuid>`, usable with
             *     `If-None-Exist` on create.
             */
            identifier?: components["schemas"]["Identifier"][];
            basedOn?: components["schemas"]["Reference"][];
            /** @enum {string} */
            status: "registered" | "preliminary" | "final" | "amended" | "corrected" | "cancelled" | "entered-in-error" | "unknown";
            /** @description `http://terminology.hl7.org/CodeSystem/observation-category`: `vital-signs`, `laboratory`, `social-history`, `survey`, `exam`. */
            category?: components["schemas"]["CodeableConcept"][];
            /** @description What was observed. */
            code: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            issued?: components["schemas"]["FhirInstant"];
            performer?: components["schemas"]["Reference"][];
            /** @description `http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation`, e.g. `H` high, `L` low, `N` normal. */
            interpretation?: components["schemas"]["CodeableConcept"][];
            note?: components["schemas"]["Annotation"][];
            bodySite?: components["schemas"]["CodeableConcept"];
            method?: components["schemas"]["CodeableConcept"];
            referenceRange?: components["schemas"]["ObservationReferenceRange"][];
            hasMember?: components["schemas"]["Reference"][];
            derivedFrom?: components["schemas"]["Reference"][];
            /** @description Parts of a panel measured together, e.g. systolic and diastolic blood pressure. */
            component?: components["schemas"]["ObservationComponent"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["ObservationValueChoice"] & components["schemas"]["ObservationEffectiveChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Observation";
        });
        /** @description A telephone number, email address or other contact channel. */
        ContactPoint: {
            /** @enum {string} */
            system?: "phone" | "fax" | "email" | "pager" | "url" | "sms" | "other";
            value?: string;
            /** @enum {string} */
            use?: "home" | "work" | "temp" | "old" | "mobile";
            /** @description Preference order; 1 is the most preferred. */
            rank?: number;
            period?: components["schemas"]["Period"];
        };
        /** @description A postal address. UK addresses put the postcode in `postalCode`. */
        Address: {
            /** @enum {string} */
            use?: "home" | "work" | "temp" | "old" | "billing";
            /** @enum {string} */
            type?: "postal" | "physical" | "both";
            text?: string;
            line?: string[];
            city?: string;
            district?: string;
            postalCode?: string;
            country?: string;
            period?: components["schemas"]["Period"];
        };
        /**
         * @description A GP practice, NHS trust, council service or other organisation (UK Core Organization,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Organization`). Identified by its ODS code
         *     (`https://fhir.nhs.uk/Id/ods-organization-code`), which also appears in `meta.source` of the items it contributed.
         */
        Organization: {
            /** @constant */
            resourceType: "Organization";
            identifier?: components["schemas"]["Identifier"][];
            active?: boolean;
            /** @description Kind of organisation, e.g. GP practice, acute trust, local authority. */
            type?: components["schemas"]["CodeableConcept"][];
            name?: string;
            alias?: string[];
            telecom?: components["schemas"]["ContactPoint"][];
            address?: components["schemas"]["Address"][];
            partOf?: components["schemas"]["Reference"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Organization";
        });
        /** @description Patient.deceased[x]: a flag or the date and time of death. Absent means not known to be deceased. */
        DeceasedChoice: {
            deceasedBoolean: boolean;
            deceasedDateTime?: never;
        } | {
            deceasedBoolean?: never;
            deceasedDateTime: components["schemas"]["FhirDateTime"];
        } | {
            deceasedBoolean?: never;
            deceasedDateTime?: never;
        };
        /**
         * @description The NHS number: ten digits whose last is a Modulus 11 check digit. Numbers starting `999` are the test range and
         *     are the only ones used in synthetic data. Display it as `999 012 3454` (3-3-4).
         */
        NhsNumberIdentifier: {
            /** @description May carry the UK Core NHS number verification status (`https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus`). */
            extension?: components["schemas"]["Extension"][];
            /** @enum {string} */
            use?: "usual" | "official" | "temp" | "secondary" | "old";
            /** @constant */
            system: "https://fhir.nhs.uk/Id/nhs-number";
            /** @example 9990123454 */
            value: string;
        };
        /** @description Any identifier other than the NHS number (for example a hospital or council record number). */
        OtherIdentifier: {
            system?: string;
        } & components["schemas"]["Identifier"];
        /**
         * @description A person's name. Clinician screens show the `official` name as `FAMILY, Given (Title)`; a `usual` name is the
         *     preferred name, shown below it labelled "Preferred name".
         */
        HumanName: {
            /**
             * @description `official` is the registered name; `usual` the name the person prefers to be called.
             * @enum {string}
             */
            use?: "usual" | "official" | "temp" | "nickname" | "anonymous" | "old" | "maiden";
            /** @description The full name as the source displays it. */
            text?: string;
            family?: string;
            /** @description Given names in order; the first is the first name. */
            given?: string[];
            /** @description Titles such as Mrs, Mr, Dr. */
            prefix?: string[];
            suffix?: string[];
            period?: components["schemas"]["Period"];
        };
        /**
         * @description The resident (UK Core Patient, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Patient`). The patient banner
         *     shows, in order: name, date of birth with age, gender, NHS number; and date of death with age at death when deceased.
         */
        Patient: {
            /** @constant */
            resourceType: "Patient";
            /** @description The NHS number (system `https://fhir.nhs.uk/Id/nhs-number`) and any local record numbers. */
            identifier?: (components["schemas"]["NhsNumberIdentifier"] | components["schemas"]["OtherIdentifier"])[];
            /** @description Whether the record is in active use; `false` for a merged or retired record. */
            active?: boolean;
            /** @description The `official` name, and a `usual` name when the resident has a preferred name. */
            name?: components["schemas"]["HumanName"][];
            telecom?: components["schemas"]["ContactPoint"][];
            /**
             * @description Administrative gender. Show `unknown` (or absence) as "Not known".
             * @enum {string}
             */
            gender?: "male" | "female" | "other" | "unknown";
            birthDate?: components["schemas"]["FhirDate"];
            address?: components["schemas"]["Address"][];
            maritalStatus?: components["schemas"]["CodeableConcept"];
            /** @description Contacts held on the demographic record. Carers and next of kin with their own records are RelatedPerson resources. */
            contact?: {
                relationship?: components["schemas"]["CodeableConcept"][];
                name?: components["schemas"]["HumanName"];
                telecom?: components["schemas"]["ContactPoint"][];
                address?: components["schemas"]["Address"];
                period?: components["schemas"]["Period"];
            }[];
            /** @description Languages the resident speaks ("how to communicate with me"). */
            communication?: {
                language: components["schemas"]["CodeableConcept"];
                preferred?: boolean;
            }[];
            /** @description The registered GP practice (a reference to an Organization). Mandatory in the PRSB core information standard. */
            generalPractitioner?: components["schemas"]["Reference"][];
            managingOrganization?: components["schemas"]["Reference"];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["DeceasedChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Patient";
        });
        /** @description A health or care professional (UK Core Practitioner, `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Practitioner`). */
        Practitioner: {
            /** @constant */
            resourceType: "Practitioner";
            /** @description Professional registration numbers (GMC, NMC, HCPC, Social Work England) and the SDS user id. */
            identifier?: components["schemas"]["Identifier"][];
            active?: boolean;
            name?: components["schemas"]["HumanName"][];
            telecom?: components["schemas"]["ContactPoint"][];
            /** @enum {string} */
            gender?: "male" | "female" | "other" | "unknown";
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Practitioner";
        });
        /**
         * @description A professional's role at an organisation (UK Core PractitionerRole,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-PractitionerRole`): "who recorded it, their role and organisation".
         */
        PractitionerRole: {
            /** @constant */
            resourceType: "PractitionerRole";
            identifier?: components["schemas"]["Identifier"][];
            active?: boolean;
            period?: components["schemas"]["Period"];
            practitioner?: components["schemas"]["Reference"];
            organization?: components["schemas"]["Reference"];
            /** @description The role, e.g. GP, district nurse, social worker, care coordinator. */
            code?: components["schemas"]["CodeableConcept"][];
            specialty?: components["schemas"]["CodeableConcept"][];
            telecom?: components["schemas"]["ContactPoint"][];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "PractitionerRole";
        });
        /**
         * @description Procedure.performed[x]: when it was done, as a date/time, a period or free text; absent when the source did not
         *     record when.
         */
        PerformedChoice: {
            performedDateTime: components["schemas"]["FhirDateTime"];
            performedPeriod?: never;
            performedString?: never;
        } | {
            performedDateTime?: never;
            performedPeriod: components["schemas"]["Period"];
            performedString?: never;
        } | {
            performedDateTime?: never;
            performedPeriod?: never;
            performedString: string;
        } | {
            performedDateTime?: never;
            performedPeriod?: never;
            performedString?: never;
        };
        /**
         * @description An operation or other procedure done for the resident (UK Core Procedure,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Procedure`): a hip replacement, a cataract operation, a
         *     minor surgery at the practice. `code` is SNOMED CT. `status: not-done` with `statusReason` says why it was not
         *     done; `entered-in-error` was recorded by mistake and is never shown.
         */
        Procedure: {
            /** @constant */
            resourceType: "Procedure";
            identifier?: components["schemas"]["Identifier"][];
            basedOn?: components["schemas"]["Reference"][];
            /** @enum {string} */
            status: "preparation" | "in-progress" | "not-done" | "on-hold" | "stopped" | "completed" | "entered-in-error" | "unknown";
            /** @description Why it was not done, for `not-done`. */
            statusReason?: components["schemas"]["CodeableConcept"];
            category?: components["schemas"]["CodeableConcept"];
            code?: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            encounter?: components["schemas"]["Reference"];
            recorder?: components["schemas"]["Reference"];
            asserter?: components["schemas"]["Reference"];
            performer?: {
                function?: components["schemas"]["CodeableConcept"];
                actor: components["schemas"]["Reference"];
                onBehalfOf?: components["schemas"]["Reference"];
            }[];
            location?: components["schemas"]["Reference"];
            reasonCode?: components["schemas"]["CodeableConcept"][];
            bodySite?: components["schemas"]["CodeableConcept"][];
            outcome?: components["schemas"]["CodeableConcept"];
            complication?: components["schemas"]["CodeableConcept"][];
            note?: components["schemas"]["Annotation"][];
        } & (components["schemas"]["DomainResource"] & components["schemas"]["PerformedChoice"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Procedure";
        });
        /**
         * @description A personal contact: carer, next of kin, parent, lasting power of attorney (UK Core RelatedPerson,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-RelatedPerson`).
         */
        RelatedPerson: {
            /** @constant */
            resourceType: "RelatedPerson";
            /**
             * @description A carer's RelatedPerson is linked to their sign-in account by an identifier with the system
             *     `https://care-record.example/Id/carer-account`. Only the carer themself reads it, on their own RelatedPersons:
             *     every other answer — to a professional, the resident or another carer — leaves it out, unmarked.
             */
            identifier?: components["schemas"]["Identifier"][];
            active?: boolean;
            patient: components["schemas"]["Reference"];
            /**
             * @description How the person relates to the resident, e.g. v3-RoleCode `DAU` (daughter), `MTH` (mother); v2-0131 `N` (next of kin),
             *     `C` (emergency contact); SNOMED `133932002` (caregiver).
             */
            relationship?: components["schemas"]["CodeableConcept"][];
            name?: components["schemas"]["HumanName"][];
            telecom?: components["schemas"]["ContactPoint"][];
            /** @enum {string} */
            gender?: "male" | "female" | "other" | "unknown";
            address?: components["schemas"]["Address"][];
            period?: components["schemas"]["Period"];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "RelatedPerson";
        });
        /**
         * @description Something the resident and their care team agreed to work towards (UK Core Goal,
         *     `https://fhir.hl7.org.uk/StructureDefinition/UKCore-Goal`): a blood pressure below a level, a weight, stopping
         *     smoking. A target is a measure (`target.measure`, the code of the reading it is judged by — SNOMED CT `27113001`
         *     body weight, `271649006` systolic and `271650006` diastolic blood pressure) with a value and a comparator
         *     (`<`, `<=`, `>=`, `>`) in `target.detailQuantity`, due by `target.dueDate`. A resident's own readings of that
         *     measure show their progress; the goal's `achievementStatus` is the care team's own judgement, when they record one.
         */
        Goal: {
            /** @constant */
            resourceType: "Goal";
            identifier?: components["schemas"]["Identifier"][];
            /** @enum {string} */
            lifecycleStatus: "proposed" | "planned" | "accepted" | "active" | "on-hold" | "completed" | "cancelled" | "entered-in-error" | "rejected";
            achievementStatus?: components["schemas"]["CodeableConcept"];
            category?: components["schemas"]["CodeableConcept"][];
            /** @description What the goal is, in words (`text`). */
            description: components["schemas"]["CodeableConcept"];
            /** @description The resident (`Patient/<id>`). */
            subject: components["schemas"]["Reference"];
            startDate?: components["schemas"]["FhirDate"];
            target?: {
                measure?: components["schemas"]["CodeableConcept"];
                detailQuantity?: components["schemas"]["Quantity"];
                dueDate?: components["schemas"]["FhirDate"];
            }[];
            statusDate?: components["schemas"]["FhirDate"];
            expressedBy?: components["schemas"]["Reference"];
            /** @description The problems (Condition) the goal is about. */
            addresses?: components["schemas"]["Reference"][];
            note?: components["schemas"]["Annotation"][];
        } & (components["schemas"]["DomainResource"] & {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            resourceType: "Goal";
        });
        /**
         * @description Any resource the hub returns, told apart by `resourceType`. Used where a Bundle may hold any type (batch
         *     responses, the record summary).
         */
        Resource: components["schemas"]["AllergyIntolerance"] | components["schemas"]["Appointment"] | components["schemas"]["AuditEvent"] | components["schemas"]["CapabilityStatement"] | components["schemas"]["CarePlan"] | components["schemas"]["Goal"] | components["schemas"]["Condition"] | components["schemas"]["Consent"] | components["schemas"]["DiagnosticReport"] | components["schemas"]["DocumentReference"] | components["schemas"]["Encounter"] | components["schemas"]["EpisodeOfCare"] | components["schemas"]["Flag"] | components["schemas"]["Immunization"] | components["schemas"]["Medication"] | components["schemas"]["MedicationRequest"] | components["schemas"]["MedicationStatement"] | components["schemas"]["Observation"] | components["schemas"]["OperationOutcome"] | components["schemas"]["Organization"] | components["schemas"]["Patient"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["Procedure"] | components["schemas"]["RelatedPerson"];
        /**
         * @description A paging link. `next` is an absolute URL with an opaque cursor; follow it as given (with the same token) and
         *     never build one yourself. No `next` link means the last page.
         */
        BundleLink: {
            /** @enum {string} */
            relation: "self" | "first" | "previous" | "next" | "last";
            /** Format: uri */
            url: string;
        };
        /** @description Why an entry is in a searchset. */
        BundleEntrySearch: {
            /**
             * @description `match`: matched the search; `include`: added by `_include`; `outcome`: an OperationOutcome about the search.
             * @enum {string}
             */
            mode: "match" | "include" | "outcome";
            score?: number;
        };
        /**
         * @description Search results of any type; used for a search inside a batch. Typed per resource as `<Resource>SearchBundle`.
         *     When items were withheld, `meta.security` carries `REDACTED`
         *     (`http://terminology.hl7.org/CodeSystem/v3-ObservationValue`) and an OperationOutcome entry says "Some
         *     information is not shown". An OperationOutcome entry with `code: incomplete` names each source that did not answer.
         */
        SearchsetBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages (not counting included or outcome entries). */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Resource"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /**
         * @description The record summary from `Patient/{id}/$summary`, as one `collection`: the Patient first, then allergies,
         *     problems, medicines, alerts, care plans, upcoming appointments, personal and professional contacts, and current
         *     episodes of care, with the Organizations and Practitioners they reference, and the Medications the medicines
         *     name by `medicationReference` (to a reader who may read them). Withheld items and unavailable sources are
         *     reported as in a searchset: `meta.security` `REDACTED` and OperationOutcome entries.
         */
        SummaryBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "collection";
            timestamp?: components["schemas"]["FhirInstant"];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Resource"];
            }[];
        };
        /** @description The outcome of one batch entry. */
        BatchEntryResponse: {
            /** @description HTTP status code and phrase, e.g. `200 OK` or `404 Not Found`. */
            status: string;
            location?: string;
            etag?: string;
            lastModified?: components["schemas"]["FhirInstant"];
            outcome?: components["schemas"]["OperationOutcome"];
        };
        /**
         * @description The answer to a batch: one entry per request, in the same order. Each entry succeeds or fails on its own:
         *     `response.status` is that entry's HTTP status; a failure carries `response.outcome` and no `resource`.
         */
        BatchResponseBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "batch-response";
            timestamp?: components["schemas"]["FhirInstant"];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                /** @description The read resource, or a searchset for a search, on success. */
                resource?: components["schemas"]["Resource"] | components["schemas"]["SearchsetBundle"] | components["schemas"]["SummaryBundle"];
                response: components["schemas"]["BatchEntryResponse"];
            }[];
        };
        /**
         * @description A FHIR token: `system|code`, `code`, or `system|` (any code in that system).
         * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
         */
        TokenSearchValue: string;
        /**
         * @description A FHIR date search value: an optional prefix (`eq`, `ne`, `gt`, `lt`, `ge`, `le`, `sa`, `eb`; default `eq`)
         *     then a date or date-time, e.g. `ge2026-01-01` or `lt2026-11-28T12:00:00Z`. A partial date matches the whole
         *     period (`2026-03` is all of March 2026).
         * @example ge2026-01-01
         */
        DateSearchValue: string;
        /** @description Search results for Patient: `search.mode: match` entries are Patient resources; `include` entries (Organization) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources, or (`BREAK_GLASS_AVAILABLE`), when a clinical professional found nobody they may open, that a search with `X-Break-Glass-Reason` is open to them. */
        PatientSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Patient"] | components["schemas"]["Organization"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /**
         * @description A Patient id, bare (`pat-0001`) or as a reference (`Patient/pat-0001`).
         * @example pat-0001
         */
        PatientSearchValue: string;
        /** @description Search results for AllergyIntolerance: `search.mode: match` entries are AllergyIntolerance resources; `include` entries (Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        AllergyIntoleranceSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["AllergyIntolerance"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Condition: `search.mode: match` entries are Condition resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        ConditionSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Condition"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Medication: `search.mode: match` entries are Medication resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        MedicationSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Medication"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for MedicationStatement: `search.mode: match` entries are MedicationStatement resources; `include` entries (Medication, Organization, Patient, Practitioner, PractitionerRole, RelatedPerson) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        MedicationStatementSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["MedicationStatement"] | components["schemas"]["Medication"] | components["schemas"]["Organization"] | components["schemas"]["Patient"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["RelatedPerson"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for MedicationRequest: `search.mode: match` entries are MedicationRequest resources; `include` entries (Medication, Organization, Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        MedicationRequestSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["MedicationRequest"] | components["schemas"]["Medication"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Encounter: `search.mode: match` entries are Encounter resources; `include` entries (Organization, Practitioner) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        EncounterSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Encounter"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Appointment: `search.mode: match` entries are Appointment resources; `include` entries (Practitioner, PractitionerRole, RelatedPerson) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        AppointmentSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Appointment"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["RelatedPerson"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for EpisodeOfCare: `search.mode: match` entries are EpisodeOfCare resources; `include` entries (Organization, Practitioner) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        EpisodeOfCareSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["EpisodeOfCare"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Observation: `search.mode: match` entries are Observation resources; `include` entries (Organization, Patient, Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        ObservationSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Observation"] | components["schemas"]["Organization"] | components["schemas"]["Patient"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for DiagnosticReport: `search.mode: match` entries are DiagnosticReport resources; `include` entries (Observation, Organization, Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        DiagnosticReportSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["DiagnosticReport"] | components["schemas"]["Observation"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Immunization: `search.mode: match` entries are Immunization resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        ImmunizationSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Immunization"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Procedure: `search.mode: match` entries are Procedure resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        ProcedureSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Procedure"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for CarePlan: `search.mode: match` entries are CarePlan resources; `include` entries (Condition) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        CarePlanSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["CarePlan"] | components["schemas"]["Condition"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Goal: `search.mode: match` entries are Goal resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        GoalSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Goal"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Flag: `search.mode: match` entries are Flag resources; `include` entries (Organization, Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        FlagSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Flag"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for DocumentReference: `search.mode: match` entries are DocumentReference resources; `include` entries (Organization, Practitioner, PractitionerRole) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        DocumentReferenceSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["DocumentReference"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["PractitionerRole"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Consent: `search.mode: match` entries are Consent resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        ConsentSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Consent"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for AuditEvent: `search.mode: match` entries are AuditEvent resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        AuditEventSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["AuditEvent"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for RelatedPerson: `search.mode: match` entries are RelatedPerson resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        RelatedPersonSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["RelatedPerson"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Practitioner: `search.mode: match` entries are Practitioner resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        PractitionerSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Practitioner"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for PractitionerRole: `search.mode: match` entries are PractitionerRole resources; `include` entries (Organization, Practitioner) come from `_include`; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        PractitionerRoleSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["PractitionerRole"] | components["schemas"]["Organization"] | components["schemas"]["Practitioner"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
        /** @description Search results for Organization: `search.mode: match` entries are Organization resources; an `outcome` entry is an OperationOutcome reporting withheld items or unavailable sources. */
        OrganizationSearchBundle: {
            /** @constant */
            resourceType: "Bundle";
            id?: components["schemas"]["FhirId"];
            meta?: components["schemas"]["Meta"];
            /** @constant */
            type: "searchset";
            timestamp?: components["schemas"]["FhirInstant"];
            /** @description Number of matches across all pages. */
            total?: number;
            link?: components["schemas"]["BundleLink"][];
            entry?: {
                /** Format: uri */
                fullUrl?: string;
                resource: components["schemas"]["Organization"] | components["schemas"]["OperationOutcome"];
                search?: components["schemas"]["BundleEntrySearch"];
            }[];
        };
    };
    responses: {
        /** @description Rate limit reached. Wait `Retry-After` seconds before retrying. */
        TooManyRequests: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The hub failed (`500`), a source it needed did not answer in time (`503`, `504`). Reads can be retried after `Retry-After` seconds when given. */
        ServerError: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                "Retry-After": components["headers"]["RetryAfterWhenUnavailable"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The request is malformed: an unknown or invalid search parameter, a bad header, or a body that is not a FHIR resource. */
        BadRequest: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description No access token, or it is invalid or expired. Obtain a new token (refresh) and retry once. */
        Unauthorized: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                "WWW-Authenticate": components["headers"]["WwwAuthenticate"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The token is valid but does not allow this: a scope is missing, the user has no legitimate relationship with the resident, the resident has chosen not to share their record with the user's organisation, or the role may not see clinical detail. */
        Forbidden: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The `X-Request-ID` was already used for a different request body. Use a new `X-Request-ID` for a new entry. */
        Conflict: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The resource is well-formed but breaks a rule: a required element is missing, a code is not allowed, or a value is implausible (e.g. a systolic pressure of 700 mmHg). */
        UnprocessableEntity: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description No resource with that id, or not visible to this user. The response is the same either way, so that it reveals nothing. */
        NotFound: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The resource has not changed since the version named in `If-None-Match`; use the copy you hold. */
        NotModified: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                ETag: components["headers"]["ETag"];
                [name: string]: unknown;
            };
            content?: never;
        };
        /** @description `If-None-Exist` matched more than one resource, so the hub cannot tell which one is meant. */
        PreconditionFailed: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
        /** @description The sharing choice breaks a rule: it names an organisation or a category the hub does not know, or it is not an active `patient-privacy` choice with a `permit` provision holding `deny` exceptions. Nothing was changed. */
        UnprocessableConsent: {
            headers: {
                "X-Request-ID": components["headers"]["XRequestId"];
                "X-Correlation-ID": components["headers"]["XCorrelationId"];
                [name: string]: unknown;
            };
            content: {
                "application/fhir+json": components["schemas"]["OperationOutcome"];
            };
        };
    };
    parameters: {
        /**
         * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
         *     of the same request); quote it when reporting a problem.
         * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
         */
        XRequestId: string;
        /**
         * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
         * @example emis-web/session-4471/care-record-summary
         */
        XCorrelationId: string;
        /**
         * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
         *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
         *     available`). Without a relationship and without this header the hub answers `403` with
         *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
         *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
         *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
         *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
         *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
         *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
         * @example Unconscious in A&E, no history available
         */
        BreakGlassReason: string;
        /**
         * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
         * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
         */
        IdentifierParam: components["schemas"]["TokenSearchValue"];
        /** @description One or more logical ids, comma-separated (at most 50). */
        IdParam: components["schemas"]["FhirId"][];
        /**
         * @description Family name, matched case-insensitively from the start.
         * @example Kaya
         */
        FamilyParam: string;
        /**
         * @description Date of birth, with the same prefixes as `date` (e.g. `eq1944-03-12`).
         * @example [
         *       "eq1944-03-12"
         *     ]
         */
        BirthdateParam: components["schemas"]["DateSearchValue"][];
        /**
         * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
         * @example [
         *       "gt2026-11-01"
         *     ]
         */
        LastUpdatedParam: components["schemas"]["DateSearchValue"][];
        /** @description Page size. Further pages are reached through the Bundle's `next` link. */
        CountParam: number;
        /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
        CursorParam: string;
        /** @description Logical id of the resource on the hub. */
        ResourceId: components["schemas"]["FhirId"];
        /**
         * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
         * @example W/"3"
         */
        IfNoneMatch: string;
        /**
         * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
         *     return more than one resident's records.
         * @example pat-0001
         */
        PatientParam: components["schemas"]["PatientSearchValue"];
        /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
        CodeParam: components["schemas"]["TokenSearchValue"][];
        /**
         * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
         *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
         *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
         * @example [
         *       "ge2026-01-01"
         *     ]
         */
        DateParam: components["schemas"]["DateSearchValue"][];
        /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
        CategoryParam: components["schemas"]["TokenSearchValue"][];
        /**
         * @description On create, a UUID that is also the **idempotency key**. Repeating the request with the same
         *     `X-Request-ID` and the same body returns the original result (`200` with the resource first created), never a
         *     duplicate; the same `X-Request-ID` with a different body is `409 Conflict`. Keys are kept for 24 hours.
         *     Optional, so that any FHIR client can create: without it the create is not idempotent, and FHIR's own
         *     conditional create (`If-None-Exist: identifier=system|value`) is the way to avoid a duplicate.
         * @example 8D3B5A0C-7F0E-4B43-9E0B-3C5B6E2A9F41
         */
        XRequestIdIdempotencyKey: string;
        /**
         * @description Conditional create: a search query (without the leading `?`). If it matches one resource, that resource is
         *     returned with `200` and nothing is created; if it matches more than one, `412 Precondition Failed`. Residents'
         *     apps send the entry's own identifier, `identifier=https://care-record.example/Id/resident-entry|<uuid>`.
         * @example identifier=https://care-record.example/Id/resident-entry|0b1d6f38-3a52-4c0e-9d5e-2f9b7e4c1a60
         */
        IfNoneExist: string;
        /**
         * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
         *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
         *     sent). Used to say how many items a whole record holds without reading them all.
         */
        SummaryCountParam: "count";
        /**
         * @description The `ETag` of the version the change was made to (optimistic concurrency). When the resource has changed since,
         *     the hub answers `412 Precondition Failed` and changes nothing: read it again, show the current version, and let
         *     the person decide again.
         * @example W/"1"
         */
        IfMatch: string;
        /** @description Name, matched case-insensitively from the start of any part of the name. */
        NameParam: string;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The request's `X-Request-ID`, echoed; the hub generates one when the request had none.
         * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
         */
        XRequestId: string;
        /**
         * @description The request's `X-Correlation-ID`, echoed when one was sent.
         * @example emis-web/session-4471/care-record-summary
         */
        XCorrelationId: string;
        /**
         * @description Seconds to wait before trying again.
         * @example 30
         */
        RetryAfter: number;
        /**
         * @description Seconds to wait before trying again; sent with `503 Service Unavailable`.
         * @example 120
         */
        RetryAfterWhenUnavailable: number;
        /**
         * @description The authentication challenge (RFC 6750).
         * @example Bearer realm="care-record", error="invalid_token", error_description="The access token expired"
         */
        WwwAuthenticate: string;
        /**
         * @description Version of the resource, `W/"<meta.versionId>"`; send it back in `If-None-Match`.
         * @example W/"3"
         */
        ETag: string;
        /**
         * @description When the resource last changed (`meta.lastUpdated`), as an HTTP date.
         * @example Fri, 20 Nov 2026 08:16:02 GMT
         */
        LastModified: string;
        /**
         * @description URL of the created resource version, `<base>/<type>/<id>/_history/<versionId>`.
         * @example http://127.0.0.1:8080/fhir/Observation/obs-0150/_history/1
         */
        Location: string;
        /**
         * @description When the resource last changed (`meta.lastUpdated`), as an HTTP date. Not sent with a reduced view (a
         *     receptionist's Appointment), whose reader may not learn when what it leaves out changed.
         * @example Fri, 20 Nov 2026 08:16:02 GMT
         */
        LastModifiedUnlessDeskView: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getCapabilityStatement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CapabilityStatement. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["CapabilityStatement"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getSmartConfiguration: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The SMART configuration. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SmartConfiguration"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getWellbeingAdvice: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The library, every page. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WellbeingAdvice"];
                };
            };
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description `Parameters` with one `code` (`valueString`). */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["InvitationCode"];
            };
        };
        responses: {
            /** @description Accepted. Whom the carer can now act for. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AcceptedInvitation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readOperationDefinition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                id: components["schemas"]["FhirId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OperationDefinition. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationDefinition"];
                };
            };
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    batch: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A batch Bundle of GET requests. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["BatchRequestBundle"];
            };
        };
        responses: {
            /** @description A batch-response Bundle, one entry per request. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["BatchResponseBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchPatient: {
        parameters: {
            query?: {
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description One or more logical ids, comma-separated (at most 50). */
                _id?: components["parameters"]["IdParam"];
                /**
                 * @description Family name, matched case-insensitively from the start.
                 * @example Kaya
                 */
                family?: components["parameters"]["FamilyParam"];
                /**
                 * @description Date of birth, with the same prefixes as `date` (e.g. `eq1944-03-12`).
                 * @example [
                 *       "eq1944-03-12"
                 *     ]
                 */
                birthdate?: components["parameters"]["BirthdateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `family`. */
                _sort?: "family" | "-family" | "birthdate" | "-birthdate" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `Patient:general-practitioner`. Repeat the parameter for more than one. */
                _include?: "Patient:general-practitioner"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of matching patients. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["PatientSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readPatient: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Patient. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Patient"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getPatientSummary: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The record summary. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["SummaryBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchAllergyIntolerance: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Clinical status; comma-separated values mean any of them. Resolved and inactive allergies are returned unless filtered out. */
                "clinical-status"?: ("active" | "inactive" | "resolved")[];
                /** @description Verification status; comma-separated values mean any of them. */
                "verification-status"?: ("unconfirmed" | "confirmed" | "refuted" | "entered-in-error")[];
                /** @description Category; comma-separated values mean any of them. */
                category?: ("food" | "medication" | "environment" | "biologic")[];
                /** @description Criticality; comma-separated values mean any of them. */
                criticality?: ("low" | "high" | "unable-to-assess")[];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `AllergyIntolerance:recorder`. Repeat the parameter for more than one. */
                _include?: "AllergyIntolerance:recorder"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of allergies and adverse reactions. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AllergyIntoleranceSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readAllergyIntolerance: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The AllergyIntolerance. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AllergyIntolerance"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchCondition: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Clinical status; comma-separated values mean any of them. */
                "clinical-status"?: ("active" | "recurrence" | "relapse" | "inactive" | "remission" | "resolved")[];
                /** @description Verification status; comma-separated values mean any of them. */
                "verification-status"?: ("unconfirmed" | "provisional" | "differential" | "confirmed" | "refuted" | "entered-in-error")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /** @description When the condition was recorded, with date prefixes; repeat for a range. */
                "recorded-date"?: components["schemas"]["DateSearchValue"][];
                /** @description When the condition started (onsetDateTime or onsetPeriod), with date prefixes; repeat for a range. */
                "onset-date"?: components["schemas"]["DateSearchValue"][];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-recorded-date`. */
                _sort?: "recorded-date" | "-recorded-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of problems and diagnoses. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["ConditionSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readCondition: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Condition. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Condition"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchMedication: {
        parameters: {
            query?: {
                /** @description One or more logical ids, comma-separated (at most 50). */
                _id?: components["parameters"]["IdParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-_lastUpdated`. */
                _sort?: "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of medications. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readMedication: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Medication. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Medication"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchMedicationStatement: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description MedicationStatement status; comma-separated values mean any of them (e.g. `status=active,completed`). */
                status?: ("active" | "completed" | "entered-in-error" | "intended" | "stopped" | "on-hold" | "unknown" | "not-taken")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /** @description When the medicine was taken (effective[x]), with date prefixes; repeat for a range. */
                effective?: components["schemas"]["DateSearchValue"][];
                /** @description Who reported it, as `<Type>/<id>`; `source=Patient/pat-0001` returns only resident-reported items. */
                source?: string;
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-effective`. */
                _sort?: "effective" | "-effective" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `MedicationStatement:source`; `MedicationStatement:medication` adds the Medication a statement names by `medicationReference`. Repeat the parameter for more than one. */
                _include?: ("MedicationStatement:source" | "MedicationStatement:medication")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of medicines. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationStatementSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    createMedicationStatement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description On create, a UUID that is also the **idempotency key**. Repeating the request with the same
                 *     `X-Request-ID` and the same body returns the original result (`200` with the resource first created), never a
                 *     duplicate; the same `X-Request-ID` with a different body is `409 Conflict`. Keys are kept for 24 hours.
                 *     Optional, so that any FHIR client can create: without it the create is not idempotent, and FHIR's own
                 *     conditional create (`If-None-Exist: identifier=system|value`) is the way to avoid a duplicate.
                 * @example 8D3B5A0C-7F0E-4B43-9E0B-3C5B6E2A9F41
                 */
                "X-Request-ID"?: components["parameters"]["XRequestIdIdempotencyKey"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Conditional create: a search query (without the leading `?`). If it matches one resource, that resource is
                 *     returned with `200` and nothing is created; if it matches more than one, `412 Precondition Failed`. Residents'
                 *     apps send the entry's own identifier, `identifier=https://care-record.example/Id/resident-entry|<uuid>`.
                 * @example identifier=https://care-record.example/Id/resident-entry|0b1d6f38-3a52-4c0e-9d5e-2f9b7e4c1a60
                 */
                "If-None-Exist"?: components["parameters"]["IfNoneExist"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A MedicationStatement for the signed-in resident, without `id`. `subject` must be the resident in the token. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["MedicationStatement"];
            };
        };
        responses: {
            /** @description Already created by an earlier request with the same `X-Request-ID`, or matched by `If-None-Exist`: the original statement; nothing new was created. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationStatement"];
                };
            };
            /** @description Created. `Location` gives the new resource; the body is the statement as stored. */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationStatement"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readMedicationStatement: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The MedicationStatement. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationStatement"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchMedicationRequest: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description MedicationRequest status; comma-separated values mean any of them (e.g. `status=active,on-hold`). */
                status?: ("active" | "on-hold" | "cancelled" | "completed" | "entered-in-error" | "stopped" | "draft" | "unknown")[];
                /** @description Intent; `plan` returns authorisations, `order` returns issues. */
                intent?: ("proposal" | "plan" | "order" | "original-order" | "reflex-order" | "filler-order" | "instance-order" | "option")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /** @description When the prescription was written or issued, with date prefixes; repeat for a range. */
                authoredon?: components["schemas"]["DateSearchValue"][];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-authoredon`. */
                _sort?: "authoredon" | "-authoredon" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `MedicationRequest:requester`, `MedicationRequest:medication`. Repeat the parameter for more than one. */
                _include?: ("MedicationRequest:requester" | "MedicationRequest:medication")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of prescriptions. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationRequestSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readMedicationRequest: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The MedicationRequest. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["MedicationRequest"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchEncounter: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Encounter status; comma-separated values mean any of them (e.g. `status=planned,arrived`). */
                status?: ("planned" | "arrived" | "triaged" | "in-progress" | "onleave" | "finished" | "cancelled" | "entered-in-error" | "unknown")[];
                /** @description Encounter class token (v3-ActCode), e.g. `EMER` or `IMP`; comma-separated values mean any of them. */
                class?: components["schemas"]["TokenSearchValue"][];
                /** @description Encounter type token; comma-separated values mean any of them. */
                type?: components["schemas"]["TokenSearchValue"][];
                /** @description The organisation responsible, as `Organization/<id>`. */
                "service-provider"?: string;
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `Encounter:service-provider`, `Encounter:practitioner`. Repeat the parameter for more than one. */
                _include?: ("Encounter:service-provider" | "Encounter:practitioner")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of encounters. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["EncounterSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readEncounter: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Encounter. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Encounter"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchAppointment: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Appointment status; comma-separated values mean any of them (e.g. `status=proposed,pending`). */
                status?: ("proposed" | "pending" | "booked" | "arrived" | "fulfilled" | "cancelled" | "noshow" | "entered-in-error" | "checked-in" | "waitlist")[];
                /** @description Service type token; comma-separated values mean any of them. */
                "service-type"?: components["schemas"]["TokenSearchValue"][];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `Appointment:actor`. Repeat the parameter for more than one. */
                _include?: "Appointment:actor"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of appointments. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AppointmentSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readAppointment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Appointment. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModifiedUnlessDeskView"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Appointment"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchEpisodeOfCare: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description EpisodeOfCare status; comma-separated values mean any of them (e.g. `status=planned,waitlist`). */
                status?: ("planned" | "waitlist" | "active" | "onhold" | "finished" | "cancelled" | "entered-in-error")[];
                /** @description Episode type token, e.g. the kind of service; comma-separated values mean any of them. */
                type?: components["schemas"]["TokenSearchValue"][];
                /** @description The responsible organisation, as `Organization/<id>`. */
                organization?: string;
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `EpisodeOfCare:organization`, `EpisodeOfCare:care-manager`. Repeat the parameter for more than one. */
                _include?: ("EpisodeOfCare:organization" | "EpisodeOfCare:care-manager")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of episodes of care. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["EpisodeOfCareSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readEpisodeOfCare: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The EpisodeOfCare. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["EpisodeOfCare"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchObservation: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Observation status; comma-separated values mean any of them (e.g. `status=registered,preliminary`). */
                status?: ("registered" | "preliminary" | "final" | "amended" | "corrected" | "cancelled" | "entered-in-error" | "unknown")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `Observation:performer`. Repeat the parameter for more than one. */
                _include?: "Observation:performer"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of observations. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["ObservationSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    createObservation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description On create, a UUID that is also the **idempotency key**. Repeating the request with the same
                 *     `X-Request-ID` and the same body returns the original result (`200` with the resource first created), never a
                 *     duplicate; the same `X-Request-ID` with a different body is `409 Conflict`. Keys are kept for 24 hours.
                 *     Optional, so that any FHIR client can create: without it the create is not idempotent, and FHIR's own
                 *     conditional create (`If-None-Exist: identifier=system|value`) is the way to avoid a duplicate.
                 * @example 8D3B5A0C-7F0E-4B43-9E0B-3C5B6E2A9F41
                 */
                "X-Request-ID"?: components["parameters"]["XRequestIdIdempotencyKey"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Conditional create: a search query (without the leading `?`). If it matches one resource, that resource is
                 *     returned with `200` and nothing is created; if it matches more than one, `412 Precondition Failed`. Residents'
                 *     apps send the entry's own identifier, `identifier=https://care-record.example/Id/resident-entry|<uuid>`.
                 * @example identifier=https://care-record.example/Id/resident-entry|0b1d6f38-3a52-4c0e-9d5e-2f9b7e4c1a60
                 */
                "If-None-Exist"?: components["parameters"]["IfNoneExist"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description An Observation for the signed-in resident, without `id`. `subject` must be the resident in the token. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["Observation"];
            };
        };
        responses: {
            /** @description Already created by an earlier request with the same `X-Request-ID`, or matched by `If-None-Exist`: the original observation; nothing new was created. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Observation"];
                };
            };
            /** @description Created. `Location` gives the new resource; the body is the observation as stored. */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Observation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readObservation: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Observation. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Observation"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchDiagnosticReport: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description DiagnosticReport status; comma-separated values mean any of them (e.g. `status=registered,partial`). */
                status?: ("registered" | "partial" | "preliminary" | "final" | "amended" | "corrected" | "appended" | "cancelled" | "entered-in-error" | "unknown")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `DiagnosticReport:result`, `DiagnosticReport:performer`. Repeat the parameter for more than one. */
                _include?: ("DiagnosticReport:result" | "DiagnosticReport:performer")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of test reports. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["DiagnosticReportSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readDiagnosticReport: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The DiagnosticReport. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["DiagnosticReport"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchImmunization: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Immunization status; comma-separated values mean any of them (e.g. `status=completed,not-done`). */
                status?: ("completed" | "not-done" | "entered-in-error")[];
                /** @description Vaccine codes to match, as tokens; comma-separated values mean any of them. */
                "vaccine-code"?: components["schemas"]["TokenSearchValue"][];
                /** @description When it was given (`occurrenceDateTime`), with date prefixes. Repeat for a range (`date=ge2020-01-01&date=lt2026-01-01`). */
                date?: components["schemas"]["DateSearchValue"][];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of vaccinations. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["ImmunizationSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readImmunization: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Immunization. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Immunization"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchProcedure: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Procedure status; comma-separated values mean any of them. */
                status?: ("preparation" | "in-progress" | "not-done" | "on-hold" | "stopped" | "completed" | "entered-in-error" | "unknown")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /** @description Codes to match, as tokens; comma-separated values mean any of them (`http://snomed.info/sct|27113001,http://loinc.org|85354-9`). */
                code?: components["parameters"]["CodeParam"];
                /** @description When it was done (`performedDateTime` or `performedPeriod`), with date prefixes. Repeat for a range (`date=ge2020-01-01&date=lt2026-01-01`). */
                date?: components["schemas"]["DateSearchValue"][];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of procedures. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["ProcedureSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readProcedure: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Procedure. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Procedure"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchCarePlan: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description CarePlan status; comma-separated values mean any of them (e.g. `status=draft,active`). */
                status?: ("draft" | "active" | "on-hold" | "revoked" | "completed" | "entered-in-error" | "unknown")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `CarePlan:condition`. Repeat the parameter for more than one. */
                _include?: "CarePlan:condition"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of care plans. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["CarePlanSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readCarePlan: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The CarePlan. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["CarePlan"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchGoal: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Goal lifecycle status; comma-separated values mean any of them (e.g. `active,on-hold`). */
                "lifecycle-status"?: ("proposed" | "planned" | "accepted" | "active" | "on-hold" | "completed" | "cancelled" | "entered-in-error" | "rejected")[];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. */
                _sort?: "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of goals. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["GoalSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readGoal: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Goal. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Goal"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchFlag: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `Flag:author`. Repeat the parameter for more than one. */
                _include?: "Flag:author"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of alerts. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["FlagSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readFlag: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Flag. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Flag"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchDocumentReference: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description DocumentReference status; comma-separated values mean any of them (e.g. `status=current,superseded`). */
                status?: ("current" | "superseded" | "entered-in-error")[];
                /** @description Document type token, e.g. `http://snomed.info/sct|373942005` (discharge summary); comma-separated values mean any of them. */
                type?: components["schemas"]["TokenSearchValue"][];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `DocumentReference:author`. Repeat the parameter for more than one. */
                _include?: "DocumentReference:author"[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /**
                 * @description `count` answers with how many resources match (`total`) and no matching entries: the same matches, withheld
                 *     items and unavailable sources as the search without it (the OperationOutcome entries saying so are still
                 *     sent). Used to say how many items a whole record holds without reading them all.
                 */
                _summary?: components["parameters"]["SummaryCountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of documents and letters. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["DocumentReferenceSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readDocumentReference: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The DocumentReference. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["DocumentReference"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchConsent: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description Consent status; comma-separated values mean any of them (e.g. `status=draft,proposed`). */
                status?: ("draft" | "proposed" | "active" | "rejected" | "inactive" | "entered-in-error")[];
                /** @description Category token, e.g. `vital-signs` or `http://terminology.hl7.org/CodeSystem/observation-category|laboratory`; comma-separated values mean any of them. */
                category?: components["parameters"]["CategoryParam"];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of sharing choices. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["ConsentSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    createConsent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description On create, a UUID that is also the **idempotency key**. Repeating the request with the same
                 *     `X-Request-ID` and the same body returns the original result (`200` with the resource first created), never a
                 *     duplicate; the same `X-Request-ID` with a different body is `409 Conflict`. Keys are kept for 24 hours.
                 *     Optional, so that any FHIR client can create: without it the create is not idempotent, and FHIR's own
                 *     conditional create (`If-None-Exist: identifier=system|value`) is the way to avoid a duplicate.
                 * @example 8D3B5A0C-7F0E-4B43-9E0B-3C5B6E2A9F41
                 */
                "X-Request-ID"?: components["parameters"]["XRequestIdIdempotencyKey"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Conditional create: a search query (without the leading `?`). If it matches one resource, that resource is
                 *     returned with `200` and nothing is created; if it matches more than one, `412 Precondition Failed`. Residents'
                 *     apps send the entry's own identifier, `identifier=https://care-record.example/Id/resident-entry|<uuid>`.
                 * @example identifier=https://care-record.example/Id/resident-entry|0b1d6f38-3a52-4c0e-9d5e-2f9b7e4c1a60
                 */
                "If-None-Exist"?: components["parameters"]["IfNoneExist"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A Consent for the signed-in resident, without `id`. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["Consent"];
            };
        };
        responses: {
            /** @description Already saved by an earlier request with the same `X-Request-ID`, or matched by `If-None-Exist`: the Consent first saved; nothing new was saved. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Consent"];
                };
            };
            /** @description Saved. `Location` gives the new resource; the body is the sharing choice as stored. */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            /**
             * @description The resident already has a sharing choice (`SHARING_CHOICE_EXISTS`): read it and change it with
             *     `PUT /Consent/{id}`. Or the `X-Request-ID` was already used with a different body (`DUPLICATE_REQUEST`).
             */
            409: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcome"];
                };
            };
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["UnprocessableConsent"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readConsent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Consent. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Consent"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    updateConsent: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description The `ETag` of the version the change was made to (optimistic concurrency). When the resource has changed since,
                 *     the hub answers `412 Precondition Failed` and changes nothing: read it again, show the current version, and let
                 *     the person decide again.
                 * @example W/"1"
                 */
                "If-Match": components["parameters"]["IfMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        /** @description The whole Consent as it should now be. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["Consent"];
            };
        };
        responses: {
            /** @description Saved. The body is the new version; its `ETag` is the one to send with the next change. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Consent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            /** @description `If-Match` is not the current version: the sharing choice changed since it was read. Nothing was changed. */
            412: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OperationOutcome"];
                };
            };
            422: components["responses"]["UnprocessableConsent"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchAuditEvent: {
        parameters: {
            query: {
                /**
                 * @description The resident whose records to search: a Patient id or `Patient/<id>`. Always required, so that no search can
                 *     return more than one resident's records.
                 * @example pat-0001
                 */
                patient: components["parameters"]["PatientParam"];
                /** @description Action; `R` returns reads of the record. */
                action?: ("C" | "R" | "U" | "D" | "E")[];
                /**
                 * @description Why the record was accessed (`purposeOfEvent`, `http://terminology.hl7.org/CodeSystem/v3-ActReason`);
                 *     comma-separated values mean any of them. `purpose=TREAT,ETREAT` lists professionals' accesses — for care, and
                 *     emergency (break-glass) access — leaving out the resident's own (`PATADMIN`) and carers' (`FAMRQT`);
                 *     `purpose=FAMRQT` lists carers' looks alone. A look
                 *     is matched only by the purpose it shows her: one by someone not shown (purpose masked) matches none, and is
                 *     not counted. Without `purpose`, every look is listed.
                 */
                purpose?: ("TREAT" | "ETREAT" | "FAMRQT" | "PATADMIN")[];
                /**
                 * @description Filter on the resource's main date: AllergyIntolerance recorded date, Appointment start, AuditEvent recorded,
                 *     CarePlan period, Consent dateTime, DiagnosticReport and Observation effective time, DocumentReference date,
                 *     Encounter and EpisodeOfCare period, Flag period, Immunization occurrence, Procedure performed time. Repeat for a range: `date=ge2026-01-01&date=lt2026-07-01`.
                 * @example [
                 *       "ge2026-01-01"
                 *     ]
                 */
                date?: components["parameters"]["DateParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `-date`. */
                _sort?: "date" | "-date" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of accesses to the record. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AuditEventSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readAuditEvent: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The AuditEvent. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["AuditEvent"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchRelatedPerson: {
        parameters: {
            query?: {
                /**
                 * @description The resident whose contacts to search: a Patient id or `Patient/<id>`. Required, except for a carer's own
                 *     search by their account `identifier`.
                 * @example pat-0001
                 */
                patient?: components["schemas"]["PatientSearchValue"];
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description Relationship token, e.g. `http://terminology.hl7.org/CodeSystem/v2-0131|N` (next of kin); comma-separated values mean any of them. */
                relationship?: components["schemas"]["TokenSearchValue"][];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. */
                _sort?: "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of personal contacts. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["RelatedPersonSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    createRelatedPerson: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description On create, a UUID that is also the **idempotency key**. Repeating the request with the same
                 *     `X-Request-ID` and the same body returns the original result (`200` with the resource first created), never a
                 *     duplicate; the same `X-Request-ID` with a different body is `409 Conflict`. Keys are kept for 24 hours.
                 *     Optional, so that any FHIR client can create: without it the create is not idempotent, and FHIR's own
                 *     conditional create (`If-None-Exist: identifier=system|value`) is the way to avoid a duplicate.
                 * @example 8D3B5A0C-7F0E-4B43-9E0B-3C5B6E2A9F41
                 */
                "X-Request-ID"?: components["parameters"]["XRequestIdIdempotencyKey"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Conditional create: a search query (without the leading `?`). If it matches one resource, that resource is
                 *     returned with `200` and nothing is created; if it matches more than one, `412 Precondition Failed`. Residents'
                 *     apps send the entry's own identifier, `identifier=https://care-record.example/Id/resident-entry|<uuid>`.
                 * @example identifier=https://care-record.example/Id/resident-entry|0b1d6f38-3a52-4c0e-9d5e-2f9b7e4c1a60
                 */
                "If-None-Exist"?: components["parameters"]["IfNoneExist"];
            };
            path?: never;
            cookie?: never;
        };
        /** @description A RelatedPerson for the signed-in resident, without `id`. */
        requestBody: {
            content: {
                "application/fhir+json": components["schemas"]["RelatedPerson"];
            };
        };
        responses: {
            /** @description Already created by an earlier request with the same `X-Request-ID`, or matched by `If-None-Exist`; nothing new was created. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["RelatedPerson"];
                };
            };
            /** @description Created. `Location` gives the new resource; the body is the person as stored. */
            201: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["ETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["RelatedPerson"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            412: components["responses"]["PreconditionFailed"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readRelatedPerson: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
                /**
                 * @description Emergency ("break-glass") access to the record of a resident the professional's organisation has no care
                 *     relationship with: the clinical reason, in at least 10 characters (e.g. `Unconscious in A&E, no history
                 *     available`). Without a relationship and without this header the hub answers `403` with
                 *     `NO_LEGITIMATE_RELATIONSHIP`. Every break-glass access is audited with the reason (purpose `ETREAT`), and the
                 *     resident sees it highlighted in their access log. Ignored for residents and where a relationship exists.
                 *     Emergency access is for clinical roles: from a non-clinical role (e.g. a receptionist) the header is answered
                 *     `403` `ACCESS_DENIED`, whoever the resident, and that role's refusals do not offer it. A refusal offers it, to a
                 *     program, by an issue with hub code `BREAK_GLASS_AVAILABLE` beside the refusal's own: offer emergency access only then.
                 *     A Patient search that finds nobody the user may open offers it the same way, in an OperationOutcome entry of its Bundle.
                 * @example Unconscious in A&E, no history available
                 */
                "X-Break-Glass-Reason"?: components["parameters"]["BreakGlassReason"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The RelatedPerson. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["RelatedPerson"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    inviteRelatedPerson: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The code (`code`), when it stops working (`expires`) and whom it invites (`relatedPerson`). */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    /** @description `no-store`: the code is shown once and never kept by a cache. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["InvitationCode"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchPractitioner: {
        parameters: {
            query?: {
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description Name, matched case-insensitively from the start of any part of the name. */
                name?: components["parameters"]["NameParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `family`. */
                _sort?: "family" | "-family" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of practitioners. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["PractitionerSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readPractitioner: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Practitioner. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Practitioner"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchPractitionerRole: {
        parameters: {
            query?: {
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description The practitioner, as `Practitioner/<id>`. */
                practitioner?: string;
                /** @description The organisation, as `Organization/<id>`. */
                organization?: string;
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. */
                _sort?: "_lastUpdated" | "-_lastUpdated";
                /** @description Also return the referenced resources (`search.mode: include`): `PractitionerRole:practitioner`, `PractitionerRole:organization`. Repeat the parameter for more than one. */
                _include?: ("PractitionerRole:practitioner" | "PractitionerRole:organization")[];
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of practitioner roles. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["PractitionerRoleSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readPractitionerRole: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PractitionerRole. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["PractitionerRole"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    searchOrganization: {
        parameters: {
            query?: {
                /**
                 * @description A business identifier as `system|value`, e.g. `https://fhir.nhs.uk/Id/nhs-number|9990123454` or `https://fhir.nhs.uk/Id/ods-organization-code|F83999`.
                 * @example https://fhir.nhs.uk/Id/nhs-number|9990123454
                 */
                identifier?: components["parameters"]["IdentifierParam"];
                /** @description Name, matched case-insensitively from the start of any part of the name. */
                name?: components["parameters"]["NameParam"];
                /**
                 * @description Filter on when the hub last updated the resource (`meta.lastUpdated`), with the same prefixes as `date`.
                 * @example [
                 *       "gt2026-11-01"
                 *     ]
                 */
                _lastUpdated?: components["parameters"]["LastUpdatedParam"];
                /** @description Sort order; a leading `-` means descending. Default `name`. */
                _sort?: "name" | "-name" | "_lastUpdated" | "-_lastUpdated";
                /** @description Page size. Further pages are reached through the Bundle's `next` link. */
                _count?: components["parameters"]["CountParam"];
                /** @description Opaque paging cursor. It appears only in the hub's `next`/`previous` links; follow those links rather than setting it. */
                _cursor?: components["parameters"]["CursorParam"];
            };
            header?: {
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A searchset Bundle of organisations. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["OrganizationSearchBundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    readOrganization: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The `ETag` of a copy the client holds. When the resource has not changed the hub answers `304 Not Modified`.
                 * @example W/"3"
                 */
                "If-None-Match"?: components["parameters"]["IfNoneMatch"];
                /**
                 * @description A UUID identifying this request, echoed in the response. Send a new one per request (reuse it only for a retry
                 *     of the same request); quote it when reporting a problem.
                 * @example 60E0B220-8136-4CA5-AE46-1D97EF59D068
                 */
                "X-Request-ID"?: components["parameters"]["XRequestId"];
                /**
                 * @description An identifier that ties this request to the caller's own trace (any string up to 200 characters); echoed in the response.
                 * @example emis-web/session-4471/care-record-summary
                 */
                "X-Correlation-ID"?: components["parameters"]["XCorrelationId"];
            };
            path: {
                /** @description Logical id of the resource on the hub. */
                id: components["parameters"]["ResourceId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Organization. */
            200: {
                headers: {
                    "X-Request-ID": components["headers"]["XRequestId"];
                    "X-Correlation-ID": components["headers"]["XCorrelationId"];
                    ETag: components["headers"]["ETag"];
                    "Last-Modified": components["headers"]["LastModified"];
                    [name: string]: unknown;
                };
                content: {
                    "application/fhir+json": components["schemas"]["Organization"];
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
}
