#include "bench/registry_security.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "bench/bench_data.h"
#include "bench/bench_stats.h"
#include "tests/security/test_pki.h"
#include "tests/support/registry_calls.h"
#include "wire/access/access_messages.h"
#include "wire/ihe/vocabulary.h"

namespace xds::bench {
namespace {

constexpr char kSiteCn[] = "site.bench.test";
constexpr char kPortalCn[] = "portal.bench.test";
constexpr char kPortalSourceId[] = "1.2.250.1.999.77";  // sends nothing; a structure still names its roots
constexpr char kOptInPolicy[] = "1.2.250.1.999.7.1";
constexpr char kOptOutPolicy[] = "1.2.250.1.999.7.2";
constexpr char kRuleId[] = "bench-site-to-portal";
// The clinical classes of bench_data.cc's code set: the rule shares them and
// not CONSENT (4% of the load), so the portal's answers show the rule at
// work as well as the consent.
constexpr const char* kSharedClasses[] = {"REPORTS", "IMAGES", "LABORATORY", "SUMMARY", "PRESCRIPTIONS"};

// The sourceId every bench submission carries (SubmissionBuilder's), which
// makes the site the owner of the load.
std::string BenchSourceId() {
  testing::SubmissionBuilder b(PatientId(0));
  for (const auto& e : b.SubmissionSet().external_identifiers)
    if (e.identification_scheme == vocab::kSsSourceId) return e.value;
  return {};
}

// Patient i's consent: BPPC, acknowledging the opt-in policy, in force from
// 2020 on. Its classCode is none the queries ask for.
testing::SubmissionBuilder ConsentSubmission(int64_t patient) {
  testing::SubmissionBuilder b(PatientId(patient));
  testing::DocumentOptions o;
  o.class_code = "57016-8";  // LOINC Privacy policy acknowledgment Document
  o.format_code = "urn:ihe:iti:bppc:2007";
  o.event_codes = {kOptInPolicy};
  o.creation_time = "20200101000000";
  o.service_start_time = "20200101000000";
  o.service_stop_time = "";
  b.AddDocument("Consent", o);
  return b;
}

std::string TomlString(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

RegistrySecurity::RegistrySecurity(const SecurityOptions& options) : options_(options) {}
RegistrySecurity::~RegistrySecurity() = default;

Result<std::unique_ptr<RegistrySecurity>> RegistrySecurity::Make(const SecurityOptions& options) {
  std::unique_ptr<RegistrySecurity> s(new RegistrySecurity(options));
  if (!s->tls()) return s;
  try {
    s->pki_ = std::make_unique<testing::TestPki>();
    s->ca_file_ = s->pki_->MakeCa("bench-region").certificate;
    testing::PemFiles server =
        s->pki_->Issue("bench-region", "registry.bench.test", {"IP:127.0.0.1", "DNS:localhost"});
    testing::PemFiles site = s->pki_->Issue("bench-region", kSiteCn);
    testing::PemFiles portal = s->pki_->Issue("bench-region", kPortalCn);
    s->server_certificate_ = server.certificate;
    s->server_key_ = server.private_key;
    s->site_certificate_ = site.certificate;
    s->site_key_ = site.private_key;
    s->portal_certificate_ = portal.certificate;
    s->portal_key_ = portal.private_key;
  } catch (const std::exception& e) {
    return Status::Internal(std::string("cannot make the bench PKI: ") + e.what());
  }
  return s;
}

std::string RegistrySecurity::NodeSections() const {
  if (!tls()) return {};
  std::string out = "\n[tls]\nca_file = " + TomlString(ca_file_) + "\ncertificate_file = " +
                    TomlString(server_certificate_) + "\nprivate_key_file = " + TomlString(server_key_) +
                    "\nrequire_client_certificate = true\n";
  if (!sealing()) return out;
  out += "\n[access]\nsealing = true\n";
  out += "\n[access.structures.site]\nname = \"Bench site\"\nsource_ids = [" + TomlString(BenchSourceId()) +
         "]\nrequesters = [\"cert-cn:" + std::string(kSiteCn) + "\"]\n";
  out += "\n[access.structures.portal]\nname = \"Regional portal\"\nsource_ids = [\"" + std::string(kPortalSourceId) +
         "\"]\nrequesters = [\"cert-cn:" + std::string(kPortalCn) + "\"]\n";
  out += "\n[access.consent]\nopt_in_policies = [\"" + std::string(kOptInPolicy) + "\"]\nopt_out_policies = [\"" +
         kOptOutPolicy + "\"]\nwithout_consent = \"opt-out\"\n";
  return out;
}

http::HttpClientOptions RegistrySecurity::As(const std::string& who) const {
  http::HttpClientOptions o;
  if (!tls()) return o;
  http::TlsSettings t;
  t.ca_file = ca_file_;
  t.certificate_file = who == kPortalCn ? portal_certificate_ : site_certificate_;
  t.private_key_file = who == kPortalCn ? portal_key_ : site_key_;
  o.tls = t;
  return o;
}

http::HttpClientOptions RegistrySecurity::SubmitterClient() const { return As(kSiteCn); }

http::HttpClientOptions RegistrySecurity::ConsumerClient() const {
  return As(sealing() && options_.sealing_as == SealingAs::kPortal ? kPortalCn : kSiteCn);
}

std::string RegistrySecurity::Describe() const {
  if (!tls()) return "plain HTTP, access policy off";
  if (!sealing()) return "mutual TLS (EC P-256 certificates), access policy off";
  return options_.sealing_as == SealingAs::kPortal
             ? "mutual TLS + sealing; queries as the portal (consent + sharing rule per object)"
             : "mutual TLS + sealing; queries as the owning site (sees its own)";
}

Result<PolicySetup> RegistrySecurity::PreparePolicy(const std::string& registry_url, int64_t patients,
                                                    int64_t consents_present, int clients) const {
  PolicySetup out;
  out.consents_present = consents_present;
  if (!sealing()) return out;
  if (consents_present < patients) {
    // A partial set (an interrupted run) is completed from the start:
    // a second opt-in of a patient changes nothing the policy decides.
    std::fprintf(stderr, "registering %lld opt-in consents over ITI-42 as %s\n", static_cast<long long>(patients),
                 kSiteCn);
    std::atomic<int64_t> next{0}, done{0};
    std::mutex mu;
    Status failure;
    Stopwatch clock;
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
      threads.emplace_back([&] {
        soap::SoapClient client(registry_url, SubmitterClient());
        for (int64_t p = next++; p < patients; p = next++) {
          auto reply = testing::Register(client, ConsentSubmission(p));
          if (reply.ok() && reply->success()) {
            ++done;
            continue;
          }
          std::lock_guard<std::mutex> lock(mu);
          if (failure.ok())
            failure = !reply.ok() ? reply.status()
                      : Status::Internal("consent of patient " + std::to_string(p) + " refused: " +
                                         (reply->errors.empty() ? reply->status
                                                                : reply->errors[0].error_code + ": " +
                                                                      reply->errors[0].code_context));
          next = patients;
          return;
        }
      });
    }
    for (auto& t : threads) t.join();
    if (!failure.ok()) return failure;
    out.consents_registered = done;
    out.consent_seconds = clock.Seconds();
  }

  access::SharingRule rule;
  rule.id = kRuleId;
  rule.owner = "site";
  rule.grantees = {"portal"};
  for (const char* c : kSharedClasses) rule.class_codes.push_back(std::string(c) + "^" + testing::kClassScheme);
  rule.valid_until = "20991231";
  http::HttpClient http(registry_url, SubmitterClient());
  auto reply = http.Post("/access/sharing-rules", "application/json", access::ToJson(rule));
  if (!reply.ok()) return reply.status();
  if (reply->status != 201)
    return Status::Internal("sharing rule refused: HTTP " + std::to_string(reply->status) + " " + reply->body);
  auto stored = access::SharingRuleFromJson(reply->body);
  if (!stored.ok()) return stored.status();
  out.rule_version = stored->version;
  return out;
}

}  // namespace xds::bench
