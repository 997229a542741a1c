// What registry_bench's security modes put around the registry under test
// (issue 7): mutual TLS on every exchange (--tls), and the registry's access
// policy — sealing between structures, BPPC consent, sharing rules — on
// every query (--sealing, --sealing-as portal|owner).
//
//   --tls      a throw-away PKI (tests/security/test_pki.h, EC P-256): the
//              region's CA, the registry's certificate (SAN 127.0.0.1,
//              localhost) and client certificates. xds-node gets [tls] with
//              require_client_certificate = true; every bench client shows
//              a certificate and keeps its connection alive.
//   --sealing  (implies --tls) [access] sealing = true with two structures:
//              "site" owns every loaded document (its source_ids hold the
//              sourceId the bench's submissions carry; its certificate CN
//              is the loading clients') and "portal", the regional portal.
//              Before the queries, as the registry's own interfaces allow:
//              one opt-in BPPC consent per patient registered over ITI-42
//              by the site, and a sharing rule from the site to the portal
//              (POST /access/sharing-rules by the site, which manages its
//              own rules) for the clinical classes, not CONSENT.
//              Queries are then asked as the portal (sees the site's
//              documents through consent and rule, each checked per
//              object) or as the site (owner: sees its own, no consent or
//              rule read).
//
// Not thread-safe; owned by main(). The PKI's files live in a temp dir
// removed with the object.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "wire/base/status.h"
#include "wire/http/http_client.h"

namespace xds::testing {
class TestPki;
}

namespace xds::bench {

enum class SealingAs { kPortal, kOwner };

struct SecurityOptions {
  bool tls = false;
  bool sealing = false;  // implies tls
  SealingAs sealing_as = SealingAs::kPortal;
};

// Counts the bench's consent DocumentEntries (BPPC formatCode) and their
// SubmissionSets; they are not part of the load's shape.
inline constexpr char kCountConsentEntriesSql[] =
    "SELECT count(*) FROM document_entry de JOIN code c ON c.id = de.format_code "
    "WHERE c.code LIKE 'urn:ihe:iti:bppc%'";

struct PolicySetup {
  int64_t consents_registered = 0;  // by this run (a reused database may hold them)
  int64_t consents_present = 0;     // before this run
  double consent_seconds = 0;
  int64_t rule_version = 0;         // of the sharing rule recorded by this run
};

class RegistrySecurity {
 public:
  // Makes the PKI when TLS is on. Internal when OpenSSL fails.
  static Result<std::unique_ptr<RegistrySecurity>> Make(const SecurityOptions& options);
  ~RegistrySecurity();
  RegistrySecurity(const RegistrySecurity&) = delete;
  RegistrySecurity& operator=(const RegistrySecurity&) = delete;

  bool tls() const { return options_.tls || options_.sealing; }
  bool sealing() const { return options_.sealing; }

  // TOML sections appended to xds-node's configuration ([tls], [access]
  // and its structures and consent); empty without TLS.
  std::string NodeSections() const;
  // HTTP options of the loading clients (the owning site's certificate) and
  // of the querying clients (the portal's or the site's); default options
  // (plain HTTP) without TLS.
  http::HttpClientOptions SubmitterClient() const;
  http::HttpClientOptions ConsumerClient() const;
  // One line for the report: the mode and who asks the queries.
  std::string Describe() const;

  // Sealing only, after the load and before the queries: registers an
  // opt-in consent for each patient [0, patients) unless `consents_present`
  // says a reused database holds them already (`clients` threads, over
  // ITI-42 as the site), then records the site's sharing rule for the
  // portal. Any refusal is an error.
  Result<PolicySetup> PreparePolicy(const std::string& registry_url, int64_t patients, int64_t consents_present,
                                    int clients) const;

 private:
  explicit RegistrySecurity(const SecurityOptions& options);
  http::HttpClientOptions As(const std::string& who) const;

  SecurityOptions options_;
  std::unique_ptr<testing::TestPki> pki_;
  std::string ca_file_, server_certificate_, server_key_;
  std::string site_certificate_, site_key_, portal_certificate_, portal_key_;
};

}  // namespace xds::bench
