-- Registry schema, version 3: the sharing rules of the region's structures
-- (issue 7, registry/access/sharing_rules.h). Additive and idempotent: run
-- on every open, after versions 1 and 2.
--
-- A rule is never updated in place: each change (new grantees, new end
-- date, revocation) is a new version row, so the history of who was
-- granted what, when, and by whom stays in the registry.

CREATE TABLE IF NOT EXISTS sharing_rule (
  rule_id        TEXT NOT NULL,              -- chosen by the owner
  version        INTEGER NOT NULL,           -- 1, 2, ... per rule_id
  owner          TEXT NOT NULL,              -- structure id whose documents it shares
  body           TEXT NOT NULL,              -- the rule as JSON (wire/access/access_messages.h)
  recorded_time  TEXT NOT NULL,              -- DTM UTC
  recorded_by    TEXT NOT NULL,              -- the administrator's identity
  PRIMARY KEY (rule_id, version)
);
CREATE INDEX IF NOT EXISTS sharing_rule_by_owner ON sharing_rule(owner);
