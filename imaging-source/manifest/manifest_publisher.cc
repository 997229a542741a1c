#include "imaging-source/manifest/manifest_publisher.h"

#include "imaging-source/manifest/manifest_metadata.h"
#include "wire/audit/export_audit.h"
#include "wire/base/ids.h"
#include "wire/ihe/namespaces.h"
#include "wire/ihe/vocabulary.h"
#include "wire/mime/mtom.h"
#include "wire/mime/mtom_writer.h"
#include "wire/soap/envelope.h"
#include "wire/xml/xml_writer.h"

namespace xds::imaging {

ManifestPublisher::ManifestPublisher(std::string repository_url, http::HttpClientOptions options,
                                     const audit::TransactionAuditor* auditor)
    : url_(std::move(repository_url)), auditor_(auditor) {
  auto parts = http::SplitUrl(url_);
  std::string base = parts.ok() ? parts->base : url_;
  path_ = parts.ok() ? parts->path : "/";
  http_ = std::make_unique<http::HttpClient>(base, options);
}

ManifestPublisher::~ManifestPublisher() = default;

Result<Rad68Request> ManifestPublisher::BuildRequest(const ihe::SubmitObjectsRequest& metadata,
                                                     const std::string& kos_bytes) const {
  if (kos_bytes.empty()) return Status::InvalidArgument("empty manifest");
  const std::string cid = mime::MtomWriter::NewContentId();
  xml::XmlWriter w;
  w.Open("xds:ProvideAndRegisterDocumentSetRequest").Attr("xmlns:xds", ns::kXdsB).Attr("xmlns:xop", ns::kXop);
  ihe::WriteSubmitObjectsRequest(w, metadata);
  // The xds:Document names the DocumentEntry it belongs to (ITI TF-2
  // 3.41.4.1.2): the manifest's one ExtrinsicObject.
  std::string document_id = kManifestDocumentId;
  for (const auto& o : metadata.objects)
    if (o.kind == ihe::ObjectKind::kExtrinsicObject) document_id = o.id;
  w.Open("xds:Document").Attr("id", document_id);
  w.Open("xop:Include").Attr("href", mime::HrefFromCid(cid)).Close();
  w.Close().Close();
  Rad68Request out;
  out.message_id = NewUrnUuid();
  std::string envelope =
      soap::WriteRequestEnvelope(vocab::kActionProvideAndRegister, url_, out.message_id, w.Take());
  mime::MtomWriter mtom(vocab::kActionProvideAndRegister);
  out.content_type = mtom.ContentType();
  out.body = mtom.Whole(envelope, {{cid, "application/dicom", kos_bytes}});
  return out;
}

Result<ihe::RegistryResponse> ManifestPublisher::Publish(const ihe::SubmitObjectsRequest& metadata,
                                                         const std::string& kos_bytes) {
  auto request = BuildRequest(metadata, kos_bytes);
  if (!request.ok()) return request.status();
  Result<ihe::RegistryResponse> answer = Send(*request);
  if (auditor_ != nullptr) audit::RecordExport(*auditor_, audit::Transaction::kRad68, metadata, url_, answer);
  return answer;
}

Result<ihe::RegistryResponse> ManifestPublisher::Send(const Rad68Request& request) {
  auto response = http_->Post(path_, request.content_type, request.body);
  if (!response.ok()) return response.status();
  std::string_view envelope = response->body;
  mime::MtomMessage mtom;
  if (response->content_type.rfind("multipart/related", 0) == 0) {
    auto parsed = mime::ParseMtom(response->content_type, response->body);
    if (!parsed.ok()) return parsed.status();
    mtom = std::move(*parsed);
    envelope = mtom.root_xml;
  }
  soap::ParseOutcome parsed = soap::ParseEnvelope(envelope);
  if (!parsed.ok) return Status::InvalidArgument("the repository's answer is not SOAP 1.2: " + parsed.fault.reason);
  soap::Fault fault = soap::ReadFault(parsed.envelope.body);
  if (!fault.reason.empty()) return Status::InvalidArgument("the repository answered with a fault: " + fault.reason);
  return ihe::ReadRegistryResponse(parsed.envelope.body);
}

}  // namespace xds::imaging
