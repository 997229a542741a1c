-- Document Repository index: one row per stored document. The bytes live in
-- files under the store's documents/ folder; `file` is relative to the store
-- root so that a store can be moved.
--
-- A document is 'pending' from the moment its bytes are durable until the
-- registry has answered for its submission; only 'available' documents are
-- retrievable. Pending rows left by a crash or a registry that never
-- answered are resolved against the registry later (registered: available;
-- not registered: removed).
CREATE TABLE IF NOT EXISTS document (
  unique_id   TEXT PRIMARY KEY,             -- DocumentEntry.uniqueId
  file        TEXT NOT NULL,
  mime_type   TEXT NOT NULL,
  size        INTEGER NOT NULL,
  sha1        TEXT NOT NULL,                -- lower-case hex
  state       TEXT NOT NULL CHECK (state IN ('pending', 'available')),
  submission  TEXT NOT NULL,                -- the ITI-41 request that stored it
  stored_at   INTEGER NOT NULL              -- Unix time, seconds
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS document_by_submission ON document (submission);
CREATE INDEX IF NOT EXISTS document_pending ON document (stored_at) WHERE state = 'pending';
