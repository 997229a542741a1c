// A registry (and, on request, a repository that registers with it
// in-process, as in an all-in-one xds-node) on a real loopback socket whose
// SOAP endpoints check XUA user assertions from an [xua] TOML section (as
// xds-node reads it), and whose audit records land in memory for the test
// to read.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "registry/registry_actor.h"
#include "repository/repository_actor.h"
#include "tests/support/temp_dir.h"
#include "wire/audit/audit_sink.h"
#include "wire/audit/transaction_auditor.h"
#include "wire/http/http_server.h"
#include "wire/security/xua_verifier.h"
#include "wire/soap/soap_transport.h"

namespace xds::testing {

// Keeps every record; thread-safe (the server records from pool threads).
class MemoryAuditSink : public audit::AuditSink {
 public:
  void Record(const audit::AuditMessage& message) override {
    std::lock_guard lock(mutex_);
    records_.push_back(message);
  }
  std::vector<audit::AuditMessage> records() const {
    std::lock_guard lock(mutex_);
    return records_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<audit::AuditMessage> records_;
};

class XuaRegistryNode {
 public:
  // `xua_toml`: the [xua] section. Throws std::runtime_error on failure.
  explicit XuaRegistryNode(const std::string& xua_toml, bool with_repository = false);
  ~XuaRegistryNode();

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/xds/registry"; }
  std::string repository_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/xds/repository"; }
  const MemoryAuditSink& audit() const { return sink_; }

 private:
  TempDir dir_;
  MemoryAuditSink sink_;
  std::unique_ptr<audit::TransactionAuditor> auditor_;
  std::unique_ptr<security::XuaVerifier> verifier_;
  std::unique_ptr<http::HttpServer> server_;
  std::unique_ptr<registry::RegistryActor> actor_;
  std::unique_ptr<soap::LocalSoapTransport> local_registry_;
  std::unique_ptr<repository::RepositoryActor> repository_;
  int port_ = 0;
};

}  // namespace xds::testing
