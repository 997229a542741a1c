#include "wire/xml/xml_document.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include <cstring>
#include <mutex>

namespace xds::xml {
namespace {

const char* C(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

void DiscardGenericError(void*, const char*, ...) {}

// SAX hook: called at <!DOCTYPE ...>, before any declaration inside it is
// read. SOAP 1.2 forbids a DTD and it is how entity bombs and external
// entities arrive, so the parse stops here.
void RefuseDoctype(void* user_data, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  ctxt->_private = reinterpret_cast<void*>(1);
  xmlStopParser(ctxt);
}

// libxml2 prints errors to stderr through a process-wide handler by default;
// requests must not write there. Installed once, before the first parse.
void SilenceGlobalErrors() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    xmlSetGenericErrorFunc(nullptr, DiscardGenericError);
  });
}

int MaxDepth(xmlNode* node, int depth, int limit) {
  int deepest = depth;
  for (xmlNode* c = node->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (depth + 1 > limit) return depth + 1;
    int d = MaxDepth(c, depth + 1, limit);
    if (d > deepest) deepest = d;
    if (deepest > limit) return deepest;
  }
  return deepest;
}

// The text of an attribute or element. The usual case, one text child, is
// read in place; anything else (entity references, mixed content) goes
// through libxml2, which allocates a copy to concatenate.
std::string ContentOf(xmlNode* node) {
  xmlNode* only = node->children;
  if (only == nullptr) return {};
  if (only->next == nullptr && only->type == XML_TEXT_NODE && only->children == nullptr)
    return only->content != nullptr ? std::string(C(only->content)) : std::string();
  xmlChar* v = xmlNodeGetContent(node);
  std::string out = v != nullptr ? C(v) : "";
  xmlFree(v);
  return out;
}

}  // namespace

std::string_view XmlElement::LocalName() const { return C(node_->name); }

std::string_view XmlElement::NamespaceUri() const {
  return node_->ns != nullptr && node_->ns->href != nullptr ? C(node_->ns->href) : "";
}

bool XmlElement::Is(std::string_view ns, std::string_view local) const {
  return node_ != nullptr && LocalName() == local && NamespaceUri() == ns;
}

std::string XmlElement::Attr(std::string_view name) const {
  for (xmlAttr* a = node_->properties; a != nullptr; a = a->next) {
    if (a->ns == nullptr && name == C(a->name)) return ContentOf(reinterpret_cast<xmlNode*>(a));
  }
  return {};
}

bool XmlElement::HasAttr(std::string_view name) const {
  for (xmlAttr* a = node_->properties; a != nullptr; a = a->next)
    if (a->ns == nullptr && name == C(a->name)) return true;
  return false;
}

std::string XmlElement::AttrNs(std::string_view ns, std::string_view name) const {
  for (xmlAttr* a = node_->properties; a != nullptr; a = a->next) {
    if (a->ns != nullptr && name == C(a->name) && ns == C(a->ns->href))
      return ContentOf(reinterpret_cast<xmlNode*>(a));
  }
  return {};
}

std::string XmlElement::Text() const { return ContentOf(node_); }

std::vector<XmlElement> XmlElement::Children() const {
  std::vector<XmlElement> out;
  for (xmlNode* c = node_->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) out.emplace_back(c);
  return out;
}

std::vector<XmlElement> XmlElement::Children(std::string_view ns, std::string_view local) const {
  std::vector<XmlElement> out;
  for (xmlNode* c = node_->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE && XmlElement(c).Is(ns, local)) out.emplace_back(c);
  return out;
}

XmlElement XmlElement::FirstChild(std::string_view ns, std::string_view local) const {
  for (xmlNode* c = node_->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE && XmlElement(c).Is(ns, local)) return XmlElement(c);
  return XmlElement();
}

XmlElement XmlElement::NextSiblingElement() const {
  for (xmlNode* c = node_->next; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return XmlElement(c);
  return XmlElement();
}

XmlElement XmlElement::FirstChildElement() const {
  for (xmlNode* c = node_->children; c != nullptr; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return XmlElement(c);
  return XmlElement();
}

std::string XmlElement::Serialize() const {
  // Copy the subtree into a fresh document so that namespace declarations
  // inherited from ancestors are reconciled onto the copied root.
  xmlDoc* doc = xmlNewDoc(BAD_CAST "1.0");
  xmlNode* copy = xmlDocCopyNode(node_, doc, 1);
  xmlDocSetRootElement(doc, copy);
  xmlReconciliateNs(doc, copy);
  xmlBuffer* buf = xmlBufferCreate();
  xmlSaveCtxt* save = xmlSaveToBuffer(buf, "UTF-8", XML_SAVE_NO_DECL);
  xmlSaveTree(save, copy);
  xmlSaveClose(save);
  std::string out(C(xmlBufferContent(buf)), xmlBufferLength(buf));
  xmlBufferFree(buf);
  xmlFreeDoc(doc);
  return out;
}

long XmlElement::Line() const { return xmlGetLineNo(node_); }

XmlDocument::~XmlDocument() {
  if (doc_ != nullptr) xmlFreeDoc(doc_);
}
XmlDocument::XmlDocument(XmlDocument&& o) noexcept : doc_(o.doc_) { o.doc_ = nullptr; }
XmlDocument& XmlDocument::operator=(XmlDocument&& o) noexcept {
  if (this != &o) {
    if (doc_ != nullptr) xmlFreeDoc(doc_);
    doc_ = o.doc_;
    o.doc_ = nullptr;
  }
  return *this;
}

Result<XmlDocument> XmlDocument::Parse(std::string_view bytes, const ParseLimits& limits) {
  SilenceGlobalErrors();
  if (bytes.size() > limits.max_bytes)
    return Status::TooLarge("XML body of " + std::to_string(bytes.size()) +
                            " bytes exceeds the limit of " + std::to_string(limits.max_bytes));
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return Status::TooLarge("XML body too large");

  xmlParserCtxt* ctxt = xmlNewParserCtxt();
  if (ctxt == nullptr) return Status::Internal("cannot allocate an XML parser");
  // NONET: never fetch anything. No NOENT (that would *enable* entity
  // substitution), no DTDLOAD/DTDATTR, no HUGE: libxml2 keeps its own
  // built-in limits on names and text nodes. COMPACT keeps short text
  // (most attribute values of ebRIM: codes, "1", mime types) inside its
  // node instead of a separate allocation; it requires that the tree is
  // not modified afterwards, which XmlElement never does (Serialize copies).
  ctxt->sax->internalSubset = RefuseDoctype;
  ctxt->_private = nullptr;
  const int options =
      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_COMPACT;
  xmlDoc* doc = xmlCtxtReadMemory(ctxt, bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  nullptr, options);
  const bool had_doctype = ctxt->_private != nullptr;
  // An undeclared prefix is only a namespace warning to libxml2; SOAP 1.2
  // and every message we read need namespace-well-formed XML.
  const bool namespace_well_formed = ctxt->nsWellFormed != 0;
  std::string error;
  if (had_doctype) {
    if (doc != nullptr) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return Status::InvalidArgument("XML with a DOCTYPE declaration is refused");
  }
  if (doc != nullptr && !namespace_well_formed) {
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return Status::InvalidArgument("malformed XML: a namespace prefix is used without being declared");
  }
  if (doc == nullptr) {
    const xmlError* e = xmlCtxtGetLastError(ctxt);
    error = e != nullptr && e->message != nullptr ? e->message : "not well-formed";
    while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
    if (e != nullptr) error += " (line " + std::to_string(e->line) + ")";
  }
  xmlFreeParserCtxt(ctxt);
  if (doc == nullptr) return Status::InvalidArgument("malformed XML: " + error);

  XmlDocument out(doc);
  if (doc->intSubset != nullptr || doc->extSubset != nullptr)
    return Status::InvalidArgument("XML with a DOCTYPE declaration is refused");
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root == nullptr) return Status::InvalidArgument("XML document has no root element");
  if (MaxDepth(root, 1, limits.max_depth) > limits.max_depth)
    return Status::InvalidArgument("XML nesting deeper than " + std::to_string(limits.max_depth));
  return out;
}

XmlElement XmlDocument::Root() const {
  return doc_ != nullptr ? XmlElement(xmlDocGetRootElement(doc_)) : XmlElement();
}

}  // namespace xds::xml
