-- Document Registry schema, version 2: the metadata lifecycle (ITI-57
-- Metadata Update, ITI-62 Remove Metadata, ITI-92 Restricted Update) and
-- reversible patient merges.
--
-- Applied once, by SqliteRegistryStore::Open, to a database that has the
-- version 1 tables (registry_001_init.sql) but no object.lid column: a
-- database created by the previous version opens and is upgraded in place.
-- ALTER TABLE ... ADD COLUMN with a constant default does not rewrite the
-- table; only the UPDATE of lid does (one pass over object, once).
--
-- Versions (ITI TF-3 4.1.x, Metadata Update): every version of a
-- DocumentEntry or Folder is its own object row (its own entryUUID); the
-- versions of one logical object share `lid` (logicalID, equal to the
-- entryUUID of version 1) and are numbered by `version` from 1. `latest`
-- is 1 on the highest version only; stored queries at $MetadataLevel 1 see
-- only latest versions. `offline` mirrors documentAvailability Offline of a
-- DocumentEntry (also hidden at $MetadataLevel 1).

ALTER TABLE object ADD COLUMN lid TEXT;
ALTER TABLE object ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE object ADD COLUMN latest INTEGER NOT NULL DEFAULT 1;
ALTER TABLE object ADD COLUMN offline INTEGER NOT NULL DEFAULT 0;
UPDATE object SET lid = entry_uuid WHERE lid IS NULL;
CREATE INDEX IF NOT EXISTS object_by_lid ON object(lid, version);

-- ITI-8 merges as they were received (A40: subsumed into surviving), so
-- that a merge can be undone (patient unlink): patient.merged_into always
-- points at the root survivor, which loses the history; this table keeps
-- it. Merges done before version 2 have no row here; undoing one of those
-- only detaches the subsumed patient itself.
CREATE TABLE IF NOT EXISTS patient_merge (
  subsumed     INTEGER PRIMARY KEY REFERENCES patient(id),
  surviving    INTEGER NOT NULL REFERENCES patient(id),
  merged_time  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS patient_merge_by_surviving ON patient_merge(surviving);
