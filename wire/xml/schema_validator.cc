#include "wire/xml/schema_validator.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <utility>

namespace xds::xml {
namespace {

#if LIBXML_VERSION >= 21200
using ErrorArg = const xmlError*;
#else
using ErrorArg = xmlError*;
#endif

// ---- Local-files-only loading -------------------------------------------

// The state of a load in progress on this thread. Set only inside
// LoadScope; the loader below enforces it and records why it refused.
struct LoadState {
  std::string allowed_dir;  // canonical, no trailing slash
  std::string refusal;      // first refused or missing import
};
thread_local LoadState* t_load = nullptr;

xmlExternalEntityLoader g_previous_loader = nullptr;

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsUnder(const std::string& path, const std::string& dir) {
  if (dir == "/") return StartsWith(path, "/");
  return path.size() > dir.size() && StartsWith(path, dir) && path[dir.size()] == '/';
}

std::string CanonicalPath(const std::string& path) {
  char buf[PATH_MAX];
  if (realpath(path.c_str(), buf) == nullptr) return {};
  return buf;
}

std::string DirectoryOf(const std::string& canonical_file) {
  size_t slash = canonical_file.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : canonical_file.substr(0, slash);
}

// Maps a URL the schema parser asks for to a local path; empty when it is
// not a local file reference (http:, ftp:, urn: ...).
std::string LocalPathOf(std::string_view url) {
  std::string path(url);
  if (StartsWith(path, "file://")) {
    path.erase(0, 7);
    if (StartsWith(path, "localhost/")) path.erase(0, 9);
    char* unescaped = xmlURIUnescapeString(path.c_str(), 0, nullptr);
    if (unescaped == nullptr) return {};
    path = unescaped;
    xmlFree(unescaped);
    return StartsWith(path, "/") ? path : std::string();
  }
  size_t colon = path.find(':');
  size_t slash = path.find('/');
  if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) return {};
  return path;
}

xmlParserInputPtr LocalSchemaLoader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  LoadState* load = t_load;
  if (load == nullptr) return g_previous_loader(url, id, ctxt);
  const std::string requested = url != nullptr ? url : "";
  auto refuse = [&](const std::string& why) -> xmlParserInputPtr {
    if (load->refusal.empty()) load->refusal = "schema '" + requested + "' " + why;
    return nullptr;
  };
  std::string path = LocalPathOf(requested);
  if (path.empty()) return refuse("refused: only local files are read");
  std::string canonical = CanonicalPath(path);
  if (canonical.empty()) return refuse("not found");
  if (!IsUnder(canonical, load->allowed_dir))
    return refuse("refused: outside the schema directory " + load->allowed_dir);
  // Opened directly: no catalog lookup, no network input callbacks.
  if (ctxt == nullptr) return refuse("cannot be opened without a parser context");
  return xmlNewInputFromFile(ctxt, canonical.c_str());
}

void InstallLoaderOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    g_previous_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(LocalSchemaLoader);
  });
}

void DiscardGenericError(void*, const char*, ...) {}

// Marks this thread as loading schemas from `dir` and keeps libxml2's
// generic (stderr) reporting quiet meanwhile; errors are collected instead.
class LoadScope {
 public:
  explicit LoadScope(std::string dir) : saved_(t_load), saved_func_(xmlGenericError),
                                        saved_ctx_(xmlGenericErrorContext) {
    state_.allowed_dir = std::move(dir);
    t_load = &state_;
    xmlSetGenericErrorFunc(nullptr, DiscardGenericError);
  }
  ~LoadScope() {
    t_load = saved_;
    xmlSetGenericErrorFunc(saved_ctx_, saved_func_);
  }
  LoadScope(const LoadScope&) = delete;
  LoadScope& operator=(const LoadScope&) = delete;

  const LoadState& state() const { return state_; }

 private:
  LoadState state_;
  LoadState* saved_;
  xmlGenericErrorFunc saved_func_;
  void* saved_ctx_;
};

// ---- Error collection ------------------------------------------------------

std::string Trimmed(const char* message) {
  std::string s = message != nullptr ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

// Rewrites libxml2's "{namespace-uri}local" names with the prefixes in scope
// at `node`, so that messages read as the sender wrote them ("rim:Slot").
std::string WithPrefixes(std::string message, xmlNode* node) {
  if (node == nullptr || node->doc == nullptr) return message;
  size_t pos = 0;
  while ((pos = message.find('{', pos)) != std::string::npos) {
    size_t end = message.find('}', pos);
    if (end == std::string::npos) break;
    std::string uri = message.substr(pos + 1, end - pos - 1);
    xmlNs* ns = xmlSearchNsByHref(node->doc, node, reinterpret_cast<const xmlChar*>(uri.c_str()));
    if (ns != nullptr && ns->prefix != nullptr) {
      std::string prefix = reinterpret_cast<const char*>(ns->prefix);
      message.replace(pos, end - pos + 1, prefix + ":");
      pos += prefix.size() + 1;
    } else {
      pos = end + 1;
    }
  }
  return message;
}

struct FirstError {
  bool has_error = false;
  std::string error;
  bool has_warning = false;
  std::string warning;
};

std::string Located(ErrorArg e) {
  std::string where;
  long line = e->line;
  xmlNode* node = static_cast<xmlNode*>(e->node);
  if (line <= 0 && node != nullptr) line = xmlGetLineNo(node);
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive)
  // on ":" + std::to_string(line).
  if (e->file != nullptr) {
    where = e->file;
    if (line > 0) where.append(1, ':').append(std::to_string(line));
  } else if (line > 0) {
    where = "line ";
    where.append(std::to_string(line));
  }
  return where;
}

void CollectSchemaError(void* user, ErrorArg e) {
  auto* first = static_cast<FirstError*>(user);
  if (e == nullptr) return;
  std::string text = Located(e);
  if (!text.empty()) text += ": ";
  text += Trimmed(e->message);
  if (e->level == XML_ERR_WARNING) {
    if (!first->has_warning) {
      first->warning = std::move(text);
      first->has_warning = true;
    }
  } else if (!first->has_error) {
    first->error = std::move(text);
    first->has_error = true;
  }
}

void CollectValidationError(void* user, ErrorArg e) {
  auto* first = static_cast<FirstError*>(user);
  if (e == nullptr || e->level == XML_ERR_WARNING || first->has_error) return;
  xmlNode* node = static_cast<xmlNode*>(e->node);
  long line = e->line;
  if (line <= 0 && node != nullptr) line = xmlGetLineNo(node);
  first->error = (line > 0 ? " at line " + std::to_string(line) : std::string()) + ": " +
                 WithPrefixes(Trimmed(e->message), node);
  first->has_error = true;
}

// Compiles with the parser context `p` (consumed) inside `scope`.
Result<xmlSchema*> Compile(xmlSchemaParserCtxt* p, const LoadScope& scope, const std::string& what) {
  if (p == nullptr) return Status::Internal("cannot allocate an XML schema parser for " + what);
  FirstError first;
  xmlSchemaSetParserStructuredErrors(p, CollectSchemaError, &first);
  xmlSchema* schema = xmlSchemaParse(p);
  xmlSchemaFreeParserCtxt(p);
  // A missing or refused xs:import is only a warning to libxml2, which then
  // skips the import; a schema set missing a namespace is not what was asked.
  const std::string& refusal = scope.state().refusal;
  if (schema != nullptr && refusal.empty()) return schema;
  if (schema != nullptr) xmlSchemaFree(schema);
  std::string why = !refusal.empty()      ? refusal
                    : first.has_error     ? first.error
                    : first.has_warning   ? first.warning
                                          : std::string("not a valid XML Schema");
  return Status::InvalidArgument("cannot load XML schema " + what + ": " + why);
}

}  // namespace

Result<SchemaSet> SchemaSet::LoadFile(const std::string& path) {
  InstallLoaderOnce();
  std::string file = CanonicalPath(path);
  if (file.empty()) return Status::NotFound("XML schema " + path + " not found");
  LoadScope scope(DirectoryOf(file));
  auto schema = Compile(xmlSchemaNewParserCtxt(file.c_str()), scope, file);
  if (!schema.ok()) return schema.status();
  return SchemaSet(*schema, nullptr);
}

Result<SchemaSet> SchemaSet::LoadMemory(std::string_view xsd, const std::string& base_dir) {
  InstallLoaderOnce();
  std::string dir = CanonicalPath(base_dir);
  if (dir.empty()) return Status::NotFound("XML schema directory " + base_dir + " not found");
  if (xsd.size() > static_cast<size_t>(INT_MAX)) return Status::TooLarge("XML schema too large");
  LoadScope scope(dir);
  // The document URL is the base for relative schemaLocations. Schema text
  // is configuration, not input, but is read the hardened way all the same.
  const std::string url = dir + "/in-memory.xsd";
  xmlDoc* doc = xmlReadMemory(xsd.data(), static_cast<int>(xsd.size()), url.c_str(), nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == nullptr) {
    const xmlError* e = xmlGetLastError();
    return Status::InvalidArgument("cannot load in-memory XML schema: malformed XML" +
                                   (e != nullptr ? ": " + Trimmed(e->message) : std::string()));
  }
  if (doc->intSubset != nullptr) {
    xmlFreeDoc(doc);
    return Status::InvalidArgument("cannot load in-memory XML schema: DOCTYPE refused");
  }
  auto schema = Compile(xmlSchemaNewDocParserCtxt(doc), scope, "(in memory, base " + dir + ")");
  if (!schema.ok()) {
    xmlFreeDoc(doc);
    return schema.status();
  }
  return SchemaSet(*schema, doc);
}

SchemaSet::SchemaSet(SchemaSet&& other) noexcept
    : schema_(std::exchange(other.schema_, nullptr)), owned_doc_(std::exchange(other.owned_doc_, nullptr)) {}

SchemaSet& SchemaSet::operator=(SchemaSet&& other) noexcept {
  if (this != &other) {
    Reset();
    schema_ = std::exchange(other.schema_, nullptr);
    owned_doc_ = std::exchange(other.owned_doc_, nullptr);
  }
  return *this;
}

SchemaSet::~SchemaSet() { Reset(); }

void SchemaSet::Reset() {
  if (schema_ != nullptr) xmlSchemaFree(schema_);
  if (owned_doc_ != nullptr) xmlFreeDoc(owned_doc_);
  schema_ = nullptr;
  owned_doc_ = nullptr;
}

Status SchemaSet::Validate(const XmlElement& element) const {
  if (schema_ == nullptr) return Status::Internal("validation against an empty SchemaSet");
  if (!element) return Status::InvalidArgument("schema validation failed: no element");
  // One context per call: contexts are cheap next to validation itself and
  // cannot be shared between threads.
  xmlSchemaValidCtxt* v = xmlSchemaNewValidCtxt(schema_);
  if (v == nullptr) return Status::Internal("cannot allocate an XML schema validation context");
  FirstError first;
  xmlSchemaSetValidStructuredErrors(v, CollectValidationError, &first);
  const int rc = xmlSchemaValidateOneElement(v, element.node_);
  xmlSchemaFreeValidCtxt(v);
  if (rc == 0) return Status::Ok();
  if (rc < 0) return Status::Internal("schema validation could not run" + first.error);
  return Status::InvalidArgument("schema validation failed" +
                                 (first.has_error ? first.error : std::string(": no detail")));
}

Status SchemaSet::Validate(const XmlDocument& document) const { return Validate(document.Root()); }

}  // namespace xds::xml
