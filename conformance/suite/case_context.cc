#include "conformance/suite/case_context.h"

#include "imaging-source/service/rad69_service.h"
#include "wire/base/ids.h"
#include "wire/http/http_client.h"
#include "wire/ihe/document_set.h"
#include "wire/ihe/rim_codec.h"
#include "wire/ihe/vocabulary.h"
#include "wire/ihe/xds_metadata.h"
#include "wire/mime/content_type.h"
#include "wire/mime/multipart_parser.h"
#include "wire/soap/soap_client.h"

namespace xds::conformance {
namespace {

std::string ShortStatus(const std::string& status) {
  size_t colon = status.rfind(':');
  return colon == std::string::npos ? status : status.substr(colon + 1);
}

void AddErrors(Answer& a, const ihe::RegistryErrors& errors) {
  for (const auto& e : errors) {
    a.error_codes.push_back(e.error_code);
    a.error_texts.push_back(std::string(e.warning ? "warning " : "error ") + e.error_code + ": " + e.code_context);
  }
}

const char* XdsTypeName(ihe::XdsObjectType t) {
  switch (t) {
    case ihe::XdsObjectType::kDocumentEntry: return "DocumentEntry";
    case ihe::XdsObjectType::kSubmissionSet: return "SubmissionSet";
    case ihe::XdsObjectType::kFolder: return "Folder";
    case ihe::XdsObjectType::kAssociation: return "Association";
    case ihe::XdsObjectType::kUnlabelledPackage: return "RegistryPackage";
  }
  return "?";
}

struct Route {
  std::string url;
  std::string action;
};

Route RouteOf(const Endpoints& e, Transaction t) {
  switch (t) {
    case Transaction::kIti42: return {e.registry_url, std::string(vocab::kActionRegister)};
    case Transaction::kIti18:
      return {e.registry_query_url.empty() ? e.registry_url : e.registry_query_url,
              std::string(vocab::kActionStoredQuery)};
    case Transaction::kIti41: return {e.repository_url, std::string(vocab::kActionProvideAndRegister)};
    case Transaction::kIti43: return {e.repository_url, std::string(vocab::kActionRetrieve)};
    case Transaction::kRad69: return {e.imaging_source_url, imaging::kActionRad69};
    case Transaction::kWadoRs: return {e.wado_rs_url, ""};
    case Transaction::kIti57: return {e.registry_url, std::string(vocab::kActionUpdateDocumentSet)};
    case Transaction::kIti62: return {e.registry_url, std::string(vocab::kActionDeleteDocumentSet)};
    case Transaction::kIti86: return {e.repository_url, std::string(vocab::kActionRemoveDocuments)};
    case Transaction::kIti51:
      return {e.registry_query_url.empty() ? e.registry_url : e.registry_query_url,
              std::string(vocab::kActionMultiPatientQuery)};
  }
  return {};
}

// Reduces a SOAP reply body to the Answer fields of its transaction.
Status Reduce(Transaction t, soap::SoapResponse& reply, Answer& a) {
  if (t == Transaction::kIti42 || t == Transaction::kIti41 || t == Transaction::kIti57 || t == Transaction::kIti62 ||
      t == Transaction::kIti86) {
    auto r = ihe::ReadRegistryResponse(reply.body);
    if (!r.ok()) return r.status();
    a.status = ShortStatus(r->status);
    AddErrors(a, r->errors);
  } else if (t == Transaction::kIti18 || t == Transaction::kIti51) {
    auto r = ihe::ReadAdhocQueryResponse(reply.body);
    if (!r.ok()) return r.status();
    a.status = ShortStatus(r->status);
    AddErrors(a, r->errors);
    for (const auto& o : r->objects) {
      a.object_ids.push_back(o.id);
      a.object_types.push_back(XdsTypeName(ihe::XdsTypeOf(o)));
    }
    a.objects = std::move(r->objects);
    for (const auto& id : r->object_refs) {
      a.object_ids.push_back(id);
      a.object_types.push_back("ObjectRef");
    }
  } else {
    auto r = ihe::ReadRetrieveDocumentSetResponse(reply.body);
    if (!r.ok()) return r.status();
    a.status = ShortStatus(r->status);
    AddErrors(a, r->errors);
    for (const auto& d : r->documents) {
      auto part = reply.attachments.find(d.content_id);
      std::string bytes;
      if (part != reply.attachments.end()) {
        auto read = part->second.Read(uint64_t{1} << 30);
        if (read.ok()) bytes = std::move(*read);
      }
      a.documents.emplace_back(d.document_unique_id, std::move(bytes));
      a.document_mime_types.push_back(d.mime_type);
    }
  }
  return Status::Ok();
}

std::string DescribeRequest(const Request& r) {
  std::string text = r.body_xml;
  for (const auto& p : r.attachments)
    text += "\n[MTOM part <" + p.content_id + "> " + p.content_type + ", " + std::to_string(p.bytes.size()) + " bytes]";
  return text;
}

Result<Answer> GetWado(const std::string& base_url, const Request& request, Exchange& x) {
  auto url = http::SplitUrl(base_url);
  if (!url.ok()) return url.status();
  http::HttpClient client(url->base);
  x.request = "GET " + url->path + request.http_path;
  auto got = client.Get(url->path + request.http_path);
  if (!got.ok()) return got.status();
  Answer a;
  a.http_status = got->status;
  x.answer = "HTTP " + std::to_string(got->status) + "\nContent-Type: " + got->content_type + "\n" +
             std::to_string(got->body.size()) + " bytes";
  auto type = mime::ParseContentType(got->content_type);
  if (got->status != 200 || !type.ok() || type->type != "multipart") return a;
  std::string current;
  mime::MultipartParser::Callbacks callbacks;
  callbacks.on_part_begin = [&](const mime::PartHeaders&) {
    current.clear();
    return Status::Ok();
  };
  callbacks.on_part_data = [&](std::string_view bytes) {
    current.append(bytes);
    return Status::Ok();
  };
  callbacks.on_part_end = [&] {
    a.documents.emplace_back(std::to_string(a.documents.size()), std::move(current));
    return Status::Ok();
  };
  mime::MultipartParser parser(type->params["boundary"], callbacks);
  Status s = parser.Feed(got->body);
  if (s.ok()) s = parser.Finish();
  if (!s.ok()) x.answer += "\nmalformed multipart: " + s.message();
  return a;
}

}  // namespace

const char* ActorName(Actor actor) {
  switch (actor) {
    case Actor::kRegistry: return "Document Registry";
    case Actor::kRepository: return "Document Repository";
    case Actor::kImagingSource: return "Imaging Document Source";
  }
  return "?";
}

const char* TransactionName(Transaction t) {
  switch (t) {
    case Transaction::kIti42: return "ITI-42 Register Document Set-b";
    case Transaction::kIti41: return "ITI-41 Provide and Register Document Set-b";
    case Transaction::kIti18: return "ITI-18 Registry Stored Query";
    case Transaction::kIti43: return "ITI-43 Retrieve Document Set";
    case Transaction::kRad69: return "RAD-69 Retrieve Imaging Document Set";
    case Transaction::kWadoRs: return "RAD-107 WADO-RS Retrieve";
    case Transaction::kIti57: return "ITI-57 Update Document Set";
    case Transaction::kIti62: return "ITI-62 Remove Metadata";
    case Transaction::kIti86: return "ITI-86 Remove Documents";
    case Transaction::kIti51: return "ITI-51 Multi-Patient Stored Query";
  }
  return "?";
}

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kSuccess: return "Success";
    case Outcome::kPartialSuccess: return "PartialSuccess";
    case Outcome::kFailure: return "Failure";
    case Outcome::kHttpOk: return "HTTP 200";
    case Outcome::kHttpNotFound: return "HTTP 404";
  }
  return "?";
}

Expected Succeeds() { return Expected{}; }
Expected FailsWith(std::string error_code) {
  Expected e;
  e.outcome = Outcome::kFailure;
  e.error_codes.push_back(std::move(error_code));
  return e;
}
Expected Returns(std::vector<std::string> labels) {
  Expected e;
  e.objects = std::move(labels);
  return e;
}
Expected PartiallyWith(std::string error_code, std::vector<std::string> labels) {
  Expected e;
  e.outcome = Outcome::kPartialSuccess;
  e.error_codes.push_back(std::move(error_code));
  e.objects = std::move(labels);
  return e;
}

Result<std::string> CaseContext::Patient() {
  if (patient_.empty()) {
    auto p = patients_.Next();
    if (!p.ok()) return p.status();
    patient_ = *p;
  }
  return patient_;
}

Result<std::string> CaseContext::OtherPatient() {
  if (other_patient_.empty()) {
    auto first = Patient();
    if (!first.ok()) return first.status();
    auto p = patients_.Next();
    if (!p.ok()) return p.status();
    if (*p == patient_) return Status::InvalidArgument("a second patient is needed: give at least two --patient ids");
    other_patient_ = *p;
  }
  return other_patient_;
}

std::string CaseContext::UnknownPatient() const { return patients_.Unknown(); }

std::string CaseContext::Id(const std::string& label) {
  auto [it, fresh] = ids_.try_emplace(label);
  if (fresh) it->second = NewUrnUuid();
  return it->second;
}

std::string CaseContext::Uid(const std::string& label) {
  auto [it, fresh] = uids_.try_emplace(label);
  if (fresh) it->second = NewUuidOid();
  return it->second;
}

std::string CaseContext::LabelOf(const std::string& id) const {
  for (const auto& [label, value] : ids_)
    if (value == id) return label;
  for (const auto& [label, value] : uids_)
    if (value == id) return label;
  return {};
}

Result<Answer> CaseContext::Send(const Request& request, const std::string& step) {
  Route route = RouteOf(endpoints_, request.transaction);
  Exchange x{step, TransactionName(request.transaction), route.url, DescribeRequest(request), {}};
  if (route.url.empty()) return Status::NotFound(std::string("no endpoint given for ") + x.transaction);
  if (request.transaction == Transaction::kWadoRs) {
    auto a = GetWado(route.url, request, x);
    if (!a.ok()) x.answer = "(no answer) " + a.status().ToString();
    exchanges_.push_back(std::move(x));
    return a;
  }
  std::vector<soap::OutgoingPart> parts;
  for (const Attachment& p : request.attachments) {
    const std::string* bytes = &p.bytes;
    parts.push_back({p.content_id, p.content_type, p.bytes.size(),
                     [bytes](const http::ChunkSink& sink) { return sink(*bytes); }});
  }
  soap::SoapClient client(route.url);
  auto reply = client.Call(route.action, request.body_xml, parts);
  if (!reply.ok()) {
    x.answer = "(no answer) " + reply.status().ToString();
    exchanges_.push_back(std::move(x));
    return reply.status();
  }
  x.answer = reply->raw;
  for (const auto& [cid, part] : reply->attachments)
    x.answer += "\n[MTOM part <" + cid + "> " + part.content_type() + ", " + std::to_string(part.size()) + " bytes]";
  exchanges_.push_back(std::move(x));
  Answer a;
  a.http_status = reply->http_status;
  if (reply->is_fault) {
    a.fault = true;
    a.fault_reason = reply->fault.reason;
    a.status = "Fault";
    return a;
  }
  if (Status s = Reduce(request.transaction, *reply, a); !s.ok())
    return Status::InvalidArgument("unreadable answer: " + s.message());
  return a;
}

Status CaseContext::SendSetup(const Request& request) {
  auto a = Send(request, "setup");
  if (!a.ok()) return a.status();
  if (a->fault) return Status::InvalidArgument("setup step answered with a SOAP fault: " + a->fault_reason);
  if (a->status != "Success") {
    std::string why;
    for (const auto& t : a->error_texts) why += "; " + t;
    return Status::InvalidArgument("setup step " + std::string(TransactionName(request.transaction)) +
                                   " answered " + a->status + why);
  }
  return Status::Ok();
}

}  // namespace xds::conformance
