// CodeCache: the writer connection's memory of interned codes, the
// (code, codingScheme) → code.id pairs of the `code` table.
//
// Every DocumentEntry interns about ten codes, and each was a SELECT inside
// the serialised write transaction. Rows of `code` are never updated or
// deleted, so an id read from committed state stays right for ever. What a
// transaction learns is not committed yet, though: the code may have been
// inserted by this write, or by an earlier write of the same group-commit
// batch, and a rollback (of the write's SAVEPOINT, or of the whole batch
// when COMMIT fails) takes the row and its id away. So ids move through
// three stages:
//
//   current write  --EndWrite(kept)-->  batch  --EndBatch(committed)-->  committed
//
// and anything not kept or not committed is forgotten.
//
// Not thread-safe: used by the store's current group-commit leader only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace xds::registry {

class CodeCache {
 public:
  // The id of (code, scheme): committed, or learned earlier in this batch.
  std::optional<int64_t> Find(std::string_view code, std::string_view scheme) const {
    const std::string key = Key(code, scheme);
    if (auto it = committed_.find(key); it != committed_.end()) return it->second;
    for (const auto* stage : {&write_, &batch_})
      for (const auto& [k, id] : *stage)
        if (k == key) return id;
    return std::nullopt;
  }

  // Records an id read or assigned by the current write.
  void Learn(std::string_view code, std::string_view scheme, int64_t id) {
    write_.emplace_back(Key(code, scheme), id);
  }

  // A new transaction attempt: nothing of a previous attempt survives.
  void BeginBatch() {
    write_.clear();
    batch_.clear();
  }
  // The current write was released (kept) or rolled back to its savepoint.
  void EndWrite(bool kept) {
    if (kept) batch_.insert(batch_.end(), std::make_move_iterator(write_.begin()),
                            std::make_move_iterator(write_.end()));
    write_.clear();
  }
  // The batch's COMMIT succeeded, or the batch was rolled back.
  void EndBatch(bool committed) {
    EndWrite(committed);
    if (committed)
      for (auto& [key, id] : batch_)
        if (committed_.size() < kMaxEntries) committed_.emplace(std::move(key), id);
    batch_.clear();
  }

 private:
  // Codes come from a small vocabulary in practice; the bound keeps memory
  // flat if a sender makes up new ones without end (they are then looked
  // up in SQLite as before).
  static constexpr size_t kMaxEntries = 100000;

  // XML text cannot hold U+0000, so it cannot occur in either part.
  static std::string Key(std::string_view code, std::string_view scheme) {
    std::string key;
    key.reserve(code.size() + scheme.size() + 1);
    key.append(code).push_back('\0');
    key.append(scheme);
    return key;
  }

  std::unordered_map<std::string, int64_t> committed_;
  // Learned but not committed: a handful per write, searched linearly.
  std::vector<std::pair<std::string, int64_t>> write_;
  std::vector<std::pair<std::string, int64_t>> batch_;
};

}  // namespace xds::registry
