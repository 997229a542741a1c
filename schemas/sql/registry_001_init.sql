-- Document Registry schema, version 1 (SQLite dialect; kept to the subset
-- PostgreSQL also accepts except where noted).
--
-- Designed for the stored queries: what FindDocuments and its siblings
-- filter on is an indexed column, coded values are interned in `code`, and
-- multi-valued attributes have their own narrow tables. The full ebRIM XML
-- of every object is kept verbatim in object.body (without its status
-- attribute, which changes and lives in object.status) so that LeafClass
-- responses return exactly what was registered, extra slots included.
--
-- Times are DTM strings right-padded with '0' to 14 digits, so that string
-- comparison orders them (see registry/query/time_range.h).

CREATE TABLE IF NOT EXISTS patient (
  id            INTEGER PRIMARY KEY,
  patient_id    TEXT NOT NULL UNIQUE,          -- CX: id^^^&oid&ISO
  merged_into   INTEGER REFERENCES patient(id),-- surviving patient after ITI-8 A40 (always a root)
  family_name   TEXT,
  given_name    TEXT,
  birth_date    TEXT,
  sex           TEXT,
  updated_time  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS patient_by_merged_into ON patient(merged_into);

CREATE TABLE IF NOT EXISTS code (
  id      INTEGER PRIMARY KEY,
  code    TEXT NOT NULL,
  scheme  TEXT NOT NULL,                       -- codingScheme
  UNIQUE (code, scheme)
);

-- Every registry object: kind 1 DocumentEntry, 2 SubmissionSet, 3 Folder,
-- 4 Association. status 1 Approved, 2 Deprecated.
CREATE TABLE IF NOT EXISTS object (
  id          INTEGER PRIMARY KEY,
  entry_uuid  TEXT NOT NULL UNIQUE,
  kind        INTEGER NOT NULL,
  status      INTEGER NOT NULL,
  body        TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS document_entry (
  object_id                     INTEGER PRIMARY KEY REFERENCES object(id),
  patient                       INTEGER NOT NULL REFERENCES patient(id),
  status                        INTEGER NOT NULL,   -- mirror of object.status for one-index scans
  on_demand                     INTEGER NOT NULL,   -- 0 Stable, 1 On-Demand
  unique_id                     TEXT NOT NULL,
  class_code                    INTEGER REFERENCES code(id),
  type_code                     INTEGER REFERENCES code(id),
  practice_setting_code         INTEGER REFERENCES code(id),
  healthcare_facility_type_code INTEGER REFERENCES code(id),
  format_code                   INTEGER REFERENCES code(id),
  creation_time                 TEXT,
  service_start_time            TEXT,
  service_stop_time             TEXT,
  hash                          TEXT,
  size                          INTEGER,
  repository_unique_id          TEXT,
  mime_type                     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS document_entry_by_patient ON document_entry(patient, status, on_demand);
CREATE INDEX IF NOT EXISTS document_entry_by_unique_id ON document_entry(unique_id);

-- The narrow multi-valued tables below are WITHOUT ROWID, clustered on
-- their primary key (object_id first): the key is the only index queries
-- need to probe them per object, and each registration dirties one b-tree
-- page per table instead of two (table + index), which is what every commit
-- writes to the WAL and fsyncs. Their rows are inserted with INSERT OR
-- IGNORE: a value given twice on one object is kept once. (PostgreSQL: drop
-- WITHOUT ROWID.) Databases created before this keep their rowid tables
-- and extra indexes; the statements are the same for both.

-- Multi-valued coded attributes of a DocumentEntry: attribute 1
-- eventCodeList, 2 confidentialityCode.
CREATE TABLE IF NOT EXISTS document_entry_code (
  object_id  INTEGER NOT NULL REFERENCES object(id),
  attribute  INTEGER NOT NULL,
  code       INTEGER NOT NULL REFERENCES code(id),
  PRIMARY KEY (object_id, attribute, code)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_entry_code_by_code ON document_entry_code(code, attribute);

CREATE TABLE IF NOT EXISTS document_entry_author (
  object_id      INTEGER NOT NULL REFERENCES object(id),
  author_person  TEXT NOT NULL,
  PRIMARY KEY (object_id, author_person)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS document_entry_reference_id (
  object_id     INTEGER NOT NULL REFERENCES object(id),
  reference_id  TEXT NOT NULL,
  PRIMARY KEY (object_id, reference_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_entry_reference_id_by_value ON document_entry_reference_id(reference_id);

CREATE TABLE IF NOT EXISTS submission_set (
  object_id          INTEGER PRIMARY KEY REFERENCES object(id),
  patient            INTEGER NOT NULL REFERENCES patient(id),
  status             INTEGER NOT NULL,
  unique_id          TEXT NOT NULL,
  source_id          TEXT NOT NULL,
  submission_time    TEXT,
  content_type_code  INTEGER REFERENCES code(id)
);
CREATE INDEX IF NOT EXISTS submission_set_by_patient ON submission_set(patient, status);
CREATE INDEX IF NOT EXISTS submission_set_by_unique_id ON submission_set(unique_id);

CREATE TABLE IF NOT EXISTS submission_set_author (
  object_id      INTEGER NOT NULL REFERENCES object(id),
  author_person  TEXT NOT NULL,
  PRIMARY KEY (object_id, author_person)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS folder (
  object_id         INTEGER PRIMARY KEY REFERENCES object(id),
  patient           INTEGER NOT NULL REFERENCES patient(id),
  status            INTEGER NOT NULL,
  unique_id         TEXT NOT NULL,
  last_update_time  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS folder_by_patient ON folder(patient, status);
CREATE INDEX IF NOT EXISTS folder_by_unique_id ON folder(unique_id);

CREATE TABLE IF NOT EXISTS folder_code (
  object_id  INTEGER NOT NULL REFERENCES object(id),
  code       INTEGER NOT NULL REFERENCES code(id),
  PRIMARY KEY (object_id, code)
) WITHOUT ROWID;

-- type: 1 HasMember, 2 RPLC, 3 XFRM, 4 APND, 5 XFRM_RPLC, 6 signs,
-- 7 IsSnapshotOf, 0 other (kept verbatim in the body).
CREATE TABLE IF NOT EXISTS association (
  object_id    INTEGER PRIMARY KEY REFERENCES object(id),
  type         INTEGER NOT NULL,
  source_uuid  TEXT NOT NULL,
  target_uuid  TEXT NOT NULL,
  status       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS association_by_source ON association(source_uuid, type);
CREATE INDEX IF NOT EXISTS association_by_target ON association(target_uuid, type);
