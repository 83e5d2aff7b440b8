-- The proxy permissions (Consent ids, a JSON list) an invitation was made for: only these come into force when it is
-- accepted. Null for an invitation saved before they were kept.

ALTER TABLE invitation ADD COLUMN consent_ids text;
