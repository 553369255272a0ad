-- The audit trail is append-only: the database refuses to change or delete an entry, and the
-- chain's head starts at the genesis hash. (Someone with direct database access can still drop
-- these triggers; the hash chain is what detects that: GET /api/audit/verify.)
CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;

CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
BEGIN
    SELECT RAISE(ABORT, 'audit_entries is append-only');
END;

INSERT INTO audit_head (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
