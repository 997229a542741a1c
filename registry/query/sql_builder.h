// SqlWhere: assembles the WHERE clause of one stored-query statement from
// conditions that each carry their own bound values, so that request values
// only ever reach SQLite as '?' parameters, never as SQL text.
//
// Also: IN-list placeholders (padded to a few fixed sizes so the store's
// prepared-statement cache keeps hitting), LIKE-pattern escaping, and a
// chunked "column IN (...)" select for lists of any length.
//
// The SQL written here is the subset SQLite and PostgreSQL share (the store
// interface promises a PostgreSQL implementation that runs the same text).
//
// Plain values; not thread-safe; one per statement being built.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "registry/store/registry_store.h"
#include "wire/base/status.h"

namespace xds::registry {

class SqlWhere {
 public:
  // Adds one conjunct. `condition` holds exactly params.size() '?'.
  void Add(std::string condition, std::vector<SqlValue> params = {});
  // Adds "<column> IN (?,...)" over `values` (must not be empty).
  void AddIn(std::string_view column, const std::vector<SqlValue>& values);
  // Adds `condition_template` with its "{in}" marker replaced by the
  // placeholders of `values` (must not be empty), e.g.
  // "EXISTS (SELECT 1 FROM folder_code c WHERE ... AND c.code IN ({in}))".
  void AddInTemplate(std::string_view condition_template, const std::vector<SqlValue>& values);
  // Adds `condition_template` with its "{or}" marker replaced by one
  // `alternative` (holding one '?', e.g. a LikeCondition) per value, OR-ed.
  void AddOrTemplate(std::string_view condition_template, std::string_view alternative,
                     const std::vector<SqlValue>& values);

  // "<select_from> WHERE c1 AND c2 ..." (no WHERE when there are no
  // conditions) followed by `suffix`.
  SqlQuery Build(std::string_view select_from, std::string_view suffix = {}) const;

  // The conjunction alone, for embedding in a larger statement; appends the
  // parameters to `params` in order. "1 = 1" when empty.
  std::string Render(std::vector<SqlValue>& params) const;

 private:
  std::vector<std::string> conditions_;
  std::vector<SqlValue> params_;
};

// "?,?,?" for `values`, appended to `params`. The list is padded (by
// repeating its last value, which IN ignores) to the next of a few fixed
// sizes so that the same statement text is reused across requests.
std::string InList(const std::vector<SqlValue>& values, std::vector<SqlValue>& params);

// Converts an XDS LIKE pattern (ITI TF-2: 3.18.4.1.2.3; '%' any string, '_'
// one character, no escape character) to the pattern LikeCondition binds:
// the only character needing an escape is the backslash itself, common in
// HL7 escape sequences (\S\, \T\) inside XCN values.
std::string XdsLikeToSql(std::string_view xds_pattern);

// "<column> LIKE CAST(? AS TEXT) ESCAPE '\'", for a pattern made by
// XdsLikeToSql. The CAST is deliberate: with a bare '?' as the pattern,
// SQLite's LIKE-optimisation analysis marks the statement to be
// re-prepared on every bind, which cost ~70 us per FindDocuments (measured
// at 3.40); an expression pattern is never analysed. PostgreSQL accepts the
// same text.
std::string LikeCondition(std::string_view column);

// Runs `sql_template` once per chunk of `values`, with "{in}" replaced by the
// chunk's placeholders; `before` is bound ahead of the chunk and `after`
// behind it. Returns the first column of every row, in chunk order.
// Needed because SQLite caps the number of bound parameters per statement.
Result<std::vector<std::string>> SelectIn(ReadTxn& txn, std::string_view sql_template,
                                          const std::vector<std::string>& values,
                                          const std::vector<SqlValue>& before = {},
                                          const std::vector<SqlValue>& after = {});

// Largest IN list sent in one statement.
inline constexpr size_t kMaxInListSize = 512;

std::vector<SqlValue> ToSqlValues(const std::vector<std::string>& values);
std::vector<SqlValue> ToSqlValues(const std::vector<int64_t>& values);
// Status values as stored (object.status and its per-kind mirrors).
std::vector<SqlValue> ToSqlValues(const std::vector<Availability>& statuses);

}  // namespace xds::registry
