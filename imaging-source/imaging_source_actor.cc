#include "imaging-source/imaging_source_actor.h"

#include <filesystem>

#include "imaging-source/dicomweb/site_pacs_client.h"
#include "imaging-source/manifest/manifest_publisher.h"
#include "wire/config/tls_config.h"

namespace xds::imaging {
namespace {

Result<ihe::CodedValue> CodeFrom(const Config& config, const std::string& key) {
  std::vector<std::string> v = config.Strings(key);
  if (v.empty()) return ihe::CodedValue{};
  if (v.size() < 2) return Status::InvalidArgument(key + " must be [\"code\", \"codingScheme\", \"display\"]");
  return ihe::CodedValue{v[0], v[1], v.size() > 2 ? v[2] : v[0]};
}

// "KEY=VALUE" entries; InvalidArgument for an entry without '='.
Result<std::map<std::string, std::string>> PairsFrom(const Config& config, const std::string& key) {
  std::map<std::string, std::string> out;
  for (const auto& entry : config.Strings(key)) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos || eq == 0) return Status::InvalidArgument(key + ": entry '" + entry + "' is not KEY=VALUE");
    out[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  return out;
}

}  // namespace

Result<std::optional<http::TlsSettings>> PacsTlsFrom(const Config& config) {
  const std::string section = "imaging_source.pacs_tls";
  if (!config.Bool(section + ".enabled", false)) return std::optional<http::TlsSettings>();
  // The same keys and checks as the node's other TLS links; without files
  // of its own, the link uses the node's [tls] identity.
  auto tls = ClientTlsFromConfig(config, section);
  if (!tls.ok()) return tls.status();
  if (!*tls || (*tls)->ca_file.empty() || (*tls)->certificate_file.empty())
    return Status::InvalidArgument(section +
                                   ": enabled = true needs ca_file, certificate_file and private_key_file "
                                   "(here or in [tls])");
  return tls;
}

Result<PacsConfig> PacsConfigFrom(const Config& config) {
  PacsConfig p;
  const std::string k = "imaging_source.pacs.";
  p.host = config.String(k + "host", p.host);
  p.port = static_cast<int>(config.Int(k + "port", p.port));
  p.called_ae = config.String(k + "called_ae", p.called_ae);
  p.calling_ae = config.String(k + "calling_ae", p.calling_ae);
  p.connect_timeout_seconds = static_cast<int>(config.Int(k + "connect_timeout_seconds", p.connect_timeout_seconds));
  p.acse_timeout_seconds = static_cast<int>(config.Int(k + "acse_timeout_seconds", p.acse_timeout_seconds));
  p.dimse_timeout_seconds = static_cast<int>(config.Int(k + "dimse_timeout_seconds", p.dimse_timeout_seconds));
  p.max_pdu = static_cast<uint32_t>(config.Int(k + "max_pdu", p.max_pdu));
  std::string method = config.String(k + "retrieve_method", "get");
  if (method != "get" && method != "move" && method != "dicomweb")
    return Status::InvalidArgument("imaging_source.pacs.retrieve_method must be \"get\", \"move\" or \"dicomweb\"");
  p.retrieve_method = method == "move" ? RetrieveMethod::kMove : RetrieveMethod::kGet;
  p.retrieve_by_dicomweb = method == "dicomweb";
  std::string query = config.String(k + "query_method", "dimse");
  if (query != "dimse" && query != "dicomweb")
    return Status::InvalidArgument("imaging_source.pacs.query_method must be \"dimse\" or \"dicomweb\"");
  p.query_by_dicomweb = query == "dicomweb";
  p.dicomweb_url = config.String(k + "dicomweb_url");
  p.dicomweb_timeout_seconds = static_cast<int>(config.Int(k + "dicomweb_timeout_seconds", p.dicomweb_timeout_seconds));
  if ((p.query_by_dicomweb || p.retrieve_by_dicomweb) &&
      p.dicomweb_url.rfind("http://", 0) != 0 && p.dicomweb_url.rfind("https://", 0) != 0)
    return Status::InvalidArgument(
        "imaging_source.pacs.dicomweb_url (http:// or https://) is required with query_method or "
        "retrieve_method = \"dicomweb\"");
  if (p.dicomweb_timeout_seconds <= 0)
    return Status::InvalidArgument("imaging_source.pacs.dicomweb_timeout_seconds must be > 0");
  // HTTPS to the PACS's DICOMweb: its own section, else the node's [tls].
  auto web_tls = ClientTlsFromConfig(config, "imaging_source.dicomweb_tls");
  if (!web_tls.ok()) return web_tls.status();
  p.dicomweb_tls = std::move(*web_tls);
  p.move_destination_ae = config.String(k + "move_destination_ae", p.calling_ae);
  p.move_port = static_cast<int>(config.Int(k + "move_port", 0));
  p.spool_dir = config.String(k + "spool_dir", p.spool_dir);
  // PS3.8 9.3.1: AE titles are at most 16 characters.
  if (p.called_ae.empty() || p.called_ae.size() > 16 || p.calling_ae.empty() || p.calling_ae.size() > 16)
    return Status::InvalidArgument("imaging_source.pacs: AE titles must be 1 to 16 characters");
  if (p.port <= 0 || p.port > 65535) return Status::InvalidArgument("imaging_source.pacs.port is out of range");
  if (p.retrieve_method == RetrieveMethod::kMove && (p.move_port <= 0 || p.move_port > 65535))
    return Status::InvalidArgument("imaging_source.pacs.move_port is required with retrieve_method = \"move\"");
  if (p.move_destination_ae.empty() || p.move_destination_ae.size() > 16)
    return Status::InvalidArgument("imaging_source.pacs.move_destination_ae must be 1 to 16 characters");
  auto tls = PacsTlsFrom(config);
  if (!tls.ok()) return tls.status();
  p.tls = std::move(*tls);
  return p;
}

Result<ManifestOptions> ManifestOptionsFrom(const Config& config) {
  ManifestOptions o;
  const std::string k = "imaging_source.metadata.";
  o.source_id = config.String(k + "source_id");
  o.uid_root = config.String("imaging_source.uid_root");
  o.language_code = config.String(k + "language_code", o.language_code);
  o.author_institution = config.String(k + "author_institution");
  o.local_assigning_authority = config.String(k + "local_assigning_authority");
  o.accession_issuer_oid = config.String(k + "accession_issuer_oid");
  struct {
    const char* key;
    ihe::CodedValue* into;
  } codes[] = {{"class_code", &o.class_code},
               {"type_code", &o.type_code},
               {"confidentiality_code", &o.confidentiality_code},
               {"healthcare_facility_type_code", &o.healthcare_facility_type_code},
               {"practice_setting_code", &o.practice_setting_code},
               {"content_type_code", &o.content_type_code}};
  for (auto& c : codes) {
    auto code = CodeFrom(config, k + c.key);
    if (!code.ok()) return code.status();
    *c.into = *code;
  }
  auto issuers = PairsFrom(config, k + "issuer_authorities");
  if (!issuers.ok()) return issuers.status();
  o.issuer_authorities = std::move(*issuers);
  auto patients = PairsFrom(config, k + "patient_id_map");
  if (!patients.ok()) return patients.status();
  o.patient_id_map = std::move(*patients);
  auto regions = PairsFrom(config, k + "anatomic_regions");
  if (!regions.ok()) return regions.status();
  for (const auto& [part, text] : *regions) {
    size_t a = text.find('|'), b = text.find('|', a == std::string::npos ? a : a + 1);
    if (a == std::string::npos) return Status::InvalidArgument(k + "anatomic_regions: '" + text + "' is not code|scheme|display");
    o.anatomic_regions[part] = {text.substr(0, a), text.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1),
                                b == std::string::npos ? text.substr(0, a) : text.substr(b + 1)};
  }
  return o;
}

Result<std::unique_ptr<ImagingSourceActor>> ImagingSourceActor::Start(const Config& config, http::HttpServer& server,
                                                                       const access::AccessDecisionPoint* access) {
  std::unique_ptr<ImagingSourceActor> actor(new ImagingSourceActor());
  std::string repository_unique_id = config.String("imaging_source.repository_unique_id");
  if (repository_unique_id.empty())
    return Status::InvalidArgument("imaging_source.repository_unique_id is required (our OID)");
  auto pacs = PacsConfigFrom(config);
  if (!pacs.ok()) return pacs.status();
  auto metadata = ManifestOptionsFrom(config);
  if (!metadata.ok()) return metadata.status();
  actor->metadata_options_ = std::move(*metadata);

  WadoOptions wado;
  wado.uri_path = config.String("imaging_source.wado_uri_path", wado.uri_path);
  wado.rs_path = config.String("imaging_source.wado_rs_path", wado.rs_path);
  actor->kos_options_.repository_unique_id = repository_unique_id;
  actor->kos_options_.retrieve_ae_title = config.String("imaging_source.retrieve_ae_title", pacs->called_ae);
  actor->kos_options_.uid_root = config.String("imaging_source.uid_root");
  std::string public_base = config.String("imaging_source.public_base_url");
  if (!public_base.empty()) actor->kos_options_.wado_rs_base_url = public_base + wado.rs_path;
  std::string repository_url = config.String("imaging_source.repository_url");
  actor->state_dir_ = config.String("imaging_source.state_dir", "data/imaging-source");
  std::error_code ec;
  std::filesystem::create_directories(actor->state_dir_, ec);
  if (ec) return Status::IoError("imaging_source.state_dir " + actor->state_dir_ + ": " + ec.message());
  auto log = PublicationLog::Open(actor->state_dir_ + "/publications.db");
  if (!log.ok()) return log.status();
  actor->log_ = std::move(*log);

  const int64_t cache_mb = config.Int("imaging_source.cache_max_mb", 0);
  if (cache_mb < 0) return Status::InvalidArgument("imaging_source.cache_max_mb must be >= 0");
  if (cache_mb > 0) {
    auto cache = InstanceCache::Open(config.String("imaging_source.cache_dir", actor->state_dir_ + "/instance-cache"),
                                     static_cast<uint64_t>(cache_mb) << 20);
    if (!cache.ok()) return cache.status();
    actor->cache_ = std::move(*cache);
  }

  actor->pacs_ = NewSitePacsClient(*pacs);
  if (!repository_url.empty()) {
    http::HttpClientOptions link;
    // ATNA ITI-19: an https:// repository gets mutual TLS
    // ([imaging_source.repository_tls], else the node's [tls]).
    auto tls = ClientTlsFromConfig(config, "imaging_source.repository_tls");
    if (!tls.ok()) return tls.status();
    link.tls = std::move(*tls);
    link.read_timeout_seconds =
        static_cast<int>(config.Int("imaging_source.repository_timeout_seconds", link.read_timeout_seconds));
    actor->publisher_ = std::make_unique<StudyPublisher>(*actor->pacs_, *actor->log_, actor->kos_options_,
                                                         actor->metadata_options_, repository_url, link,
                                                         server.auditor());
  }
  XDS_RETURN_IF_ERROR(actor->StartTriggers(config, *pacs));
  actor->rad69_ = std::make_unique<Rad69Service>(*actor->pacs_, actor->cache_.get(), repository_unique_id);
  actor->endpoint_ = std::make_unique<soap::SoapEndpoint>("imaging-source");
  actor->rad69_->Bind(*actor->endpoint_);
  // ITI-20: the node's auditor comes with the server, as for SoapEndpoint.
  actor->rad69_->set_audit(server.auditor(), &actor->metadata_options_);
  actor->rad69_->set_access(access);
  actor->soap_path_ = config.String("imaging_source.path", "/xds/imaging");
  actor->endpoint_->Mount(server, actor->soap_path_);
  // RAD-68 on request (`xds publish-study`), next to RAD-69; loopback
  // callers only unless imaging_source.publishers names others.
  actor->publish_route_ =
      std::make_unique<PublishRoute>(actor->publisher_.get(), config.Strings("imaging_source.publishers"));
  actor->publish_route_->Mount(server, actor->soap_path_ + "/publish");
  actor->wado_ = std::make_unique<WadoService>(*actor->pacs_, actor->cache_.get(), wado, &actor->metadata_options_);
  actor->wado_->set_access(access);
  actor->wado_->Mount(server);
  return actor;
}

Status ImagingSourceActor::StartTriggers(const Config& config, const PacsConfig& pacs) {
  const int receiver_port = static_cast<int>(config.Int("imaging_source.receiver.port", 0));
  PollConfig poll;
  poll.interval_seconds = static_cast<int>(config.Int("imaging_source.poll.interval_seconds", 0));
  poll.lookback_days = static_cast<int>(config.Int("imaging_source.poll.lookback_days", poll.lookback_days));
  if ((receiver_port != 0 || poll.interval_seconds > 0) && !publisher_)
    return Status::InvalidArgument("imaging_source.receiver and .poll publish: imaging_source.repository_url is required");
  if (poll.interval_seconds < 0 || poll.lookback_days < 0)
    return Status::InvalidArgument("imaging_source.poll: negative interval or lookback");
  if (publisher_) poller_ = std::make_unique<PacsPoller>(*pacs_, *publisher_, *log_, poll);
  if (receiver_port == 0) return Status::Ok();
  ForwardReceiverConfig r;
  r.scp.port = receiver_port;
  r.scp.ae_title = config.String("imaging_source.receiver.ae_title", pacs.calling_ae);
  r.scp.max_pdu = pacs.max_pdu;
  r.scp.acse_timeout_seconds = pacs.acse_timeout_seconds;
  r.scp.dimse_timeout_seconds = pacs.dimse_timeout_seconds;
  r.scp.tls = pacs.tls;  // the PACS forwards over DICOM TLS as well
  r.incoming_dir = state_dir_ + "/incoming";
  r.quiet_seconds = static_cast<int>(config.Int("imaging_source.receiver.quiet_seconds", r.quiet_seconds));
  r.retry_seconds = static_cast<int>(config.Int("imaging_source.receiver.retry_seconds", r.retry_seconds));
  if (r.quiet_seconds < 0 || r.retry_seconds <= 0)
    return Status::InvalidArgument("imaging_source.receiver: quiet_seconds >= 0 and retry_seconds > 0");
  auto receiver = ForwardReceiver::Start(r, *pacs_, *publisher_);
  if (!receiver.ok()) return receiver.status();
  receiver_ = std::move(*receiver);
  return Status::Ok();
}

ImagingSourceActor::~ImagingSourceActor() = default;

Result<StudyManifest> ImagingSourceActor::MakeManifest(const std::string& study_uid) {
  return MakeStudyManifest(*pacs_, study_uid, kos_options_, metadata_options_);
}

Result<PublishOutcome> ImagingSourceActor::PublishStudy(const std::string& study_uid) {
  if (!publisher_) return Status::Unavailable("imaging_source.repository_url is not configured");
  return publisher_->Publish(study_uid);
}

}  // namespace xds::imaging
