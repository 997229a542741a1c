-- Registry schema, run at every open after the earlier files (idempotent).
--
-- object.lid equals entry_uuid for every first version: an index over all
-- of it duplicated the entry_uuid index, on random UUIDs, and made every
-- ITI-42 commit dirty more pages (registry_bench: about a quarter more
-- server CPU per entry than before versioning). Only later versions
-- (ITI-57) are indexed by lid; a logical object's versions are found as
-- "entry_uuid = X OR (lid = X AND lid <> entry_uuid)", the first term by
-- the entry_uuid index, the second by this one.
DROP INDEX IF EXISTS object_by_lid;
CREATE INDEX IF NOT EXISTS object_by_later_version ON object(lid, version) WHERE lid <> entry_uuid;
