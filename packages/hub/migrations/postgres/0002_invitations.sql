-- Invitations for someone a resident adds to act for them: only the hash of each code is kept, one open code per
-- person invited. The failures are counted per carer account, to stop codes being guessed.

CREATE TABLE invitation (
  code_hash text COLLATE "C" PRIMARY KEY,
  patient_id text COLLATE "C" NOT NULL,
  related_person_id text COLLATE "C" NOT NULL UNIQUE,
  expires bigint NOT NULL
);
CREATE INDEX invitation_expires ON invitation (expires);

CREATE TABLE invitation_failure (
  account text COLLATE "C" NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX invitation_failure_account ON invitation_failure (account, at);
CREATE INDEX invitation_failure_at ON invitation_failure (at);
