#include "wire/ihe/document_set.h"

#include "wire/base/base64.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/rim_codec.h"
#include "wire/mime/mtom.h"

namespace xds::ihe {
namespace {

using xml::XmlElement;
using xml::XmlWriter;

std::string ChildText(const XmlElement& parent, std::string_view local) {
  XmlElement child = parent.FirstChild(ns::kXdsB, local);
  return child ? child.Text() : std::string();
}

// The bytes of an element whose content is either xop:Include or base64.
Status ReadContent(const XmlElement& e, std::string_view what, std::string& content_id, bool& is_inline,
                   std::string& inline_bytes) {
  if (XmlElement include = e.FirstChild(ns::kXop, "Include")) {
    content_id = mime::CidFromHref(include.Attr("href"));
    if (content_id.empty())
      return Status::InvalidArgument(std::string(what) + ": xop:Include href '" + include.Attr("href") +
                                     "' is not a cid: URL");
    return Status::Ok();
  }
  auto bytes = Base64Decode(e.Text());
  if (!bytes.ok())
    return Status::InvalidArgument(std::string(what) + " is neither an xop:Include nor base64 (" +
                                   bytes.status().message() + ")");
  is_inline = true;
  inline_bytes = std::move(*bytes);
  return Status::Ok();
}

void WriteInclude(XmlWriter& w, const std::string& content_id) {
  w.Open("xop:Include").Attr("xmlns:xop", ns::kXop).Attr("href", mime::HrefFromCid(content_id)).Close();
}

}  // namespace

Result<ProvideAndRegisterRequest> ReadProvideAndRegisterRequest(const XmlElement& e) {
  if (!e.Is(ns::kXdsB, "ProvideAndRegisterDocumentSetRequest"))
    return Status::InvalidArgument("expected xdsb:ProvideAndRegisterDocumentSetRequest, found " +
                                   std::string(e.LocalName()));
  XmlElement submit = e.FirstChild(ns::kLcm, "SubmitObjectsRequest");
  if (!submit) return Status::InvalidArgument("ProvideAndRegisterDocumentSetRequest without lcm:SubmitObjectsRequest");
  ProvideAndRegisterRequest out;
  auto metadata = ReadSubmitObjectsRequest(submit);
  if (!metadata.ok()) return metadata.status();
  out.metadata = std::move(*metadata);
  for (const XmlElement& d : e.Children(ns::kXdsB, "Document")) {
    ProvidedDocument doc;
    doc.id = d.Attr("id");
    if (doc.id.empty()) return Status::InvalidArgument("xdsb:Document without an id attribute");
    XDS_RETURN_IF_ERROR(ReadContent(d, "Document " + doc.id, doc.content_id, doc.is_inline, doc.inline_bytes));
    out.documents.push_back(std::move(doc));
  }
  return out;
}

void WriteProvideAndRegisterRequest(XmlWriter& w, const SubmitObjectsRequest& metadata,
                                    const std::vector<ProvidedDocument>& documents) {
  w.Open("xdsb:ProvideAndRegisterDocumentSetRequest").Attr("xmlns:xdsb", ns::kXdsB);
  WriteSubmitObjectsRequest(w, metadata);
  for (const ProvidedDocument& d : documents) {
    w.Open("xdsb:Document").Attr("id", d.id);
    if (d.is_inline) w.Text(Base64Encode(d.inline_bytes));
    else WriteInclude(w, d.content_id);
    w.Close();
  }
  w.Close();
}

namespace {

// The xdsb:DocumentRequest children of an ITI-43 or ITI-86 request.
Result<std::vector<DocumentRequest>> ReadDocumentRequests(const XmlElement& e) {
  std::vector<DocumentRequest> out;
  for (const XmlElement& r : e.Children(ns::kXdsB, "DocumentRequest")) {
    DocumentRequest req{ChildText(r, "HomeCommunityId"), ChildText(r, "RepositoryUniqueId"),
                        ChildText(r, "DocumentUniqueId")};
    if (req.repository_unique_id.empty() || req.document_unique_id.empty())
      return Status::InvalidArgument("DocumentRequest needs RepositoryUniqueId and DocumentUniqueId");
    out.push_back(std::move(req));
  }
  if (out.empty())
    return Status::InvalidArgument(std::string(e.LocalName()) + " without any DocumentRequest");
  return out;
}

void WriteDocumentRequests(XmlWriter& w, const std::vector<DocumentRequest>& requests) {
  for (const DocumentRequest& r : requests) {
    w.Open("xdsb:DocumentRequest");
    if (!r.home_community_id.empty()) w.Element("xdsb:HomeCommunityId", r.home_community_id);
    w.Element("xdsb:RepositoryUniqueId", r.repository_unique_id);
    w.Element("xdsb:DocumentUniqueId", r.document_unique_id);
    w.Close();
  }
}

}  // namespace

Result<std::vector<DocumentRequest>> ReadRetrieveDocumentSetRequest(const XmlElement& e) {
  if (!e.Is(ns::kXdsB, "RetrieveDocumentSetRequest"))
    return Status::InvalidArgument("expected xdsb:RetrieveDocumentSetRequest, found " + std::string(e.LocalName()));
  return ReadDocumentRequests(e);
}

void WriteRetrieveDocumentSetRequest(XmlWriter& w, const std::vector<DocumentRequest>& requests) {
  w.Open("xdsb:RetrieveDocumentSetRequest").Attr("xmlns:xdsb", ns::kXdsB);
  WriteDocumentRequests(w, requests);
  w.Close();
}

Result<std::vector<DocumentRequest>> ReadRemoveDocumentsRequest(const XmlElement& e) {
  if (!e.Is(ns::kRmd, "RemoveDocumentsRequest"))
    return Status::InvalidArgument("expected rmd:RemoveDocumentsRequest, found " + std::string(e.LocalName()));
  return ReadDocumentRequests(e);
}

void WriteRemoveDocumentsRequest(XmlWriter& w, const std::vector<DocumentRequest>& requests) {
  w.Open("rmd:RemoveDocumentsRequest").Attr("xmlns:rmd", ns::kRmd).Attr("xmlns:xdsb", ns::kXdsB);
  WriteDocumentRequests(w, requests);
  w.Close();
}

void WriteRetrieveDocumentSetResponse(XmlWriter& w, const std::vector<DocumentResponse>& documents,
                                      const RegistryErrors& errors) {
  w.Open("xdsb:RetrieveDocumentSetResponse").Attr("xmlns:xdsb", ns::kXdsB);
  w.Open("rs:RegistryResponse").Attr("xmlns:rs", ns::kRs);
  w.Attr("status", ResponseStatus(errors, !documents.empty()));
  WriteRegistryErrorList(w, errors);
  w.Close();
  for (const DocumentResponse& d : documents) {
    w.Open("xdsb:DocumentResponse");
    if (!d.home_community_id.empty()) w.Element("xdsb:HomeCommunityId", d.home_community_id);
    w.Element("xdsb:RepositoryUniqueId", d.repository_unique_id);
    w.Element("xdsb:DocumentUniqueId", d.document_unique_id);
    w.Element("xdsb:mimeType", d.mime_type);
    w.Open("xdsb:Document");
    WriteInclude(w, d.content_id);
    w.Close();
    w.Close();
  }
  w.Close();
}

Result<RetrieveDocumentSetResponse> ReadRetrieveDocumentSetResponse(const XmlElement& e) {
  if (!e.Is(ns::kXdsB, "RetrieveDocumentSetResponse"))
    return Status::InvalidArgument("expected xdsb:RetrieveDocumentSetResponse, found " + std::string(e.LocalName()));
  XmlElement rr = e.FirstChild(ns::kRs, "RegistryResponse");
  if (!rr) return Status::InvalidArgument("RetrieveDocumentSetResponse without rs:RegistryResponse");
  auto registry_response = ReadRegistryResponse(rr);
  if (!registry_response.ok()) return registry_response.status();
  RetrieveDocumentSetResponse out;
  out.status = registry_response->status;
  out.errors = std::move(registry_response->errors);
  for (const XmlElement& r : e.Children(ns::kXdsB, "DocumentResponse")) {
    DocumentResponse d{ChildText(r, "HomeCommunityId"), ChildText(r, "RepositoryUniqueId"),
                       ChildText(r, "DocumentUniqueId"), ChildText(r, "mimeType"), {}};
    XmlElement doc = r.FirstChild(ns::kXdsB, "Document");
    if (!doc) return Status::InvalidArgument("DocumentResponse " + d.document_unique_id + " without Document");
    bool is_inline = false;
    std::string bytes;
    XDS_RETURN_IF_ERROR(ReadContent(doc, "Document " + d.document_unique_id, d.content_id, is_inline, bytes));
    if (is_inline)
      return Status::InvalidArgument("DocumentResponse " + d.document_unique_id +
                                     ": inline content, expected an MTOM xop:Include");
    out.documents.push_back(std::move(d));
  }
  return out;
}

}  // namespace xds::ihe
