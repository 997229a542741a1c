// AuditSink: where the actors' audit records go (ITI-20). The composition
// root (apps/) picks the implementation; actors and wire/ only see this.
//
// Record() must be cheap and must not block on the network: it is called
// on request threads. Implementations are thread-safe.
#pragma once

#include "wire/audit/audit_message.h"

namespace xds::audit {

class AuditSink {
 public:
  virtual ~AuditSink() = default;
  virtual void Record(const AuditMessage& message) = 0;
};

}  // namespace xds::audit
