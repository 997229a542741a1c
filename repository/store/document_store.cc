#include "repository/store/document_store.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <system_error>

#include "wire/base/durable_file.h"
#include "wire/base/ids.h"

namespace xds::repository {
namespace {

namespace fs = std::filesystem;

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

Result<std::unique_ptr<DocumentStore>> DocumentStore::Open(const std::string& root) {
  XDS_RETURN_IF_ERROR(MakeDirectories(root + "/incoming"));
  XDS_RETURN_IF_ERROR(MakeDirectories(root + "/documents"));
  auto index = DocumentIndex::Open(root + "/index.db");
  if (!index.ok()) return index.status();
  std::unique_ptr<DocumentStore> store(new DocumentStore(root, std::move(*index)));
  XDS_RETURN_IF_ERROR(store->SweepOrphans());
  return store;
}

Status DocumentStore::SweepOrphans() {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(spool_directory(), ec)) fs::remove_all(entry.path(), ec);
  auto files = index_->AllFiles();
  if (!files.ok()) return files.status();
  std::set<std::string> known(files->begin(), files->end());
  size_t removed = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root_ + "/documents", ec)) {
    if (!entry.is_regular_file()) continue;
    std::string relative = fs::relative(entry.path(), root_).string();
    if (known.count(relative)) continue;
    fs::remove(entry.path(), ec);
    ++removed;
  }
  if (removed) spdlog::warn("repository: removed {} document file(s) left unindexed by an interrupted run", removed);
  return Status::Ok();
}

Status DocumentStore::KeepPending(const std::string& submission, std::vector<NewDocument>& documents) {
  std::vector<IndexedDocument> rows;
  auto undo = [&] {
    for (const IndexedDocument& row : rows) RemoveFile(root_ + "/" + row.file);
  };
  int64_t now = NowSeconds();
  for (NewDocument& d : documents) {
    std::string id = NewUuid();
    std::string relative = "documents/" + id.substr(0, 2) + "/" + id;
    std::string dir = root_ + "/documents/" + id.substr(0, 2);
    Status s = MakeDirectories(dir);
    IndexedDocument row{d.unique_id, relative, d.mime_type, d.part->size(), d.part->sha1_hex(), false, submission, now};
    if (s.ok()) s = d.part->MoveTo(root_ + "/" + relative);
    if (!s.ok()) {
      undo();
      return s;
    }
    rows.push_back(std::move(row));
  }
  Status indexed = index_->AddPending(rows);
  if (!indexed.ok()) undo();
  return indexed;
}

Status DocumentStore::Publish(const std::string& submission) { return index_->Publish(submission); }

Status DocumentStore::Discard(const std::string& submission) {
  auto files = index_->Remove(submission);
  if (!files.ok()) return files.status();
  for (const std::string& file : *files) XDS_RETURN_IF_ERROR(RemoveFile(root_ + "/" + file));
  return Status::Ok();
}

Result<bool> DocumentStore::Remove(const std::string& unique_id) {
  auto file = index_->RemoveAvailable(unique_id);
  if (!file.ok()) return file.status();
  if (!*file) return false;
  XDS_RETURN_IF_ERROR(RemoveFile(root_ + "/" + **file));
  return true;
}

Result<std::optional<DocumentStore::Retrieved>> DocumentStore::OpenAvailable(const std::string& unique_id) {
  auto found = index_->Find(unique_id);
  if (!found.ok()) return found.status();
  if (!*found || !(*found)->available) return std::optional<Retrieved>();
  auto file = FileSource::Open(root_ + "/" + (*found)->file);
  if (!file.ok()) return file.status();
  return std::optional<Retrieved>(Retrieved{std::move(**found), std::move(*file)});
}

}  // namespace xds::repository
