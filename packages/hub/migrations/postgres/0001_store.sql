-- The hub's store in PostgreSQL: the tables of the SQLite store, partitioned for growth.
--
-- Resources and their search index entries are hash-partitioned by the resident they belong to (patient_id;
-- '' for the directory, which belongs to no one), so a resident's search reads one partition, and each
-- partition's indexes stay a sixteenth of the whole. Because a partitioned table cannot itself keep (type, id)
-- unique, resource_key does: it says where each resource is. AuditEvents are range-partitioned by month
-- (last_updated, the time they were recorded), so a retention period drops whole months. Text columns compare
-- byte by byte (COLLATE "C"), as SQLite's do, so both stores sort and page alike.

CREATE TABLE meta (key text COLLATE "C" PRIMARY KEY, value text NOT NULL);

CREATE SEQUENCE resource_rid;

CREATE TABLE resource_key (
  type text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  patient_id text COLLATE "C" NOT NULL,
  rid bigint NOT NULL,
  version integer NOT NULL,
  PRIMARY KEY (type, id)
);

CREATE TABLE resource (
  rid bigint NOT NULL,
  type text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  patient_id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  last_updated bigint NOT NULL,
  sort_date bigint,
  sort_text text COLLATE "C",
  source text COLLATE "C",
  labels text COLLATE "C" NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (patient_id, rid)
) PARTITION BY HASH (patient_id);
CREATE INDEX resource_compartment ON resource (patient_id, type, sort_date, id);
CREATE INDEX resource_text ON resource (type, sort_text, id);

CREATE TABLE search_token (
  patient_id text COLLATE "C" NOT NULL,
  rid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  system text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL
) PARTITION BY HASH (patient_id);
CREATE INDEX search_token_resource ON search_token (rid, name, code);
CREATE INDEX search_token_value ON search_token (name, code, rid);

CREATE TABLE search_date (
  patient_id text COLLATE "C" NOT NULL,
  rid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  start bigint NOT NULL,
  "end" bigint NOT NULL
) PARTITION BY HASH (patient_id);
CREATE INDEX search_date_resource ON search_date (rid, name);

DO $$
BEGIN
  FOR remainder IN 0..15 LOOP
    EXECUTE format('CREATE TABLE resource_p%s PARTITION OF resource FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
    EXECUTE format('CREATE TABLE search_token_p%s PARTITION OF search_token FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
    EXECUTE format('CREATE TABLE search_date_p%s PARTITION OF search_date FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
  END LOOP;
END
$$;

-- The audit: one partition per calendar month (UTC), made by the hub as months begin (audit_event_y2026m12).
CREATE TABLE audit_event (
  rid bigint NOT NULL,
  type text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  patient_id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  last_updated bigint NOT NULL,
  sort_date bigint,
  sort_text text COLLATE "C",
  source text COLLATE "C",
  labels text COLLATE "C" NOT NULL,
  json text NOT NULL,
  PRIMARY KEY (last_updated, rid)
) PARTITION BY RANGE (last_updated);
CREATE INDEX audit_event_compartment ON audit_event (patient_id, type, sort_date, id);
CREATE INDEX audit_event_id ON audit_event (id);

CREATE TABLE audit_token (
  last_updated bigint NOT NULL,
  rid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  system text COLLATE "C" NOT NULL,
  code text COLLATE "C" NOT NULL
) PARTITION BY RANGE (last_updated);
CREATE INDEX audit_token_resource ON audit_token (rid, name, code);
CREATE INDEX audit_token_value ON audit_token (name, code, rid);

CREATE TABLE audit_date (
  last_updated bigint NOT NULL,
  rid bigint NOT NULL,
  name text COLLATE "C" NOT NULL,
  start bigint NOT NULL,
  "end" bigint NOT NULL
) PARTITION BY RANGE (last_updated);
CREATE INDEX audit_date_resource ON audit_date (rid, name);

CREATE TABLE relationship (
  patient_id text COLLATE "C" NOT NULL,
  organization_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (patient_id, organization_id)
);
CREATE INDEX relationship_organization ON relationship (organization_id, patient_id);

CREATE TABLE idempotency (
  key text COLLATE "C" PRIMARY KEY,
  fingerprint text NOT NULL,
  type text NOT NULL,
  id text NOT NULL,
  created bigint NOT NULL
);
CREATE INDEX idempotency_created ON idempotency (created);

CREATE TABLE auth_state (
  kind text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  value text NOT NULL,
  expires_at bigint NOT NULL,
  session text COLLATE "C",
  PRIMARY KEY (kind, key)
);
CREATE INDEX auth_state_session ON auth_state (kind, session);
CREATE INDEX auth_state_expiry ON auth_state (expires_at);
