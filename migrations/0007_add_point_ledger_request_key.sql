-- Redemptions carry the Idempotency-Key their staff client sent, so a retried request
-- (a timeout, a double tap) spends the points once. Keys are per staff member.
ALTER TABLE point_ledger ADD COLUMN request_key TEXT;
CREATE UNIQUE INDEX point_ledger_recorded_by_request_key_idx ON point_ledger(recorded_by, request_key) WHERE request_key IS NOT NULL;
