// Internal to imaging-source/dicom: one C-GET or C-MOVE association that
// fetches what a RetrieveRequest names and hands every instance to the
// callback as soon as it is complete (bit-preserving receipt, see
// get_session.cc). Storage presentation contexts are proposed one per
// (SOP class, transfer syntax) pair, so a PACS that keeps instances as
// acquired can answer in the stored syntax (PS3.4 C.4.3.3: the C-GET
// sub-operations use the contexts negotiated on the same association).
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "imaging-source/dicom/pacs_types.h"
#include "wire/base/status.h"

namespace xds::imaging::internal {

struct SessionOutcome {
  RetrieveSummary summary;
  std::set<std::string> delivered;  // SOP Instance UIDs handed over
};

// One open C-GET association on which C-GET requests run one after the
// other (PS3.7 allows any number per association). Not thread-safe; used
// by one thread at a time. Released (or aborted after a failure) when
// destroyed.
class GetAssociation {
 public:
  // Negotiates Study Root C-GET plus storage for `sop_classes` (empty: the
  // default list) in each of `syntaxes`.
  static Result<std::unique_ptr<GetAssociation>> Open(const PacsConfig& config,
                                                      const std::vector<std::string>& sop_classes,
                                                      const std::vector<std::string>& syntaxes);
  ~GetAssociation();

  // One C-GET. After a failure, or a C-GET that ended in anything but
  // Success, the association is gone (is_open() false); later calls fail.
  Result<SessionOutcome> Get(const RetrieveRequest& request, const InstanceCallback& on_instance);
  bool is_open() const;

 private:
  GetAssociation();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// C-GET (PS3.4 C.4.3) on an association of its own, proposing `syntaxes` for each storage SOP class.
Result<SessionOutcome> RunGetSession(const PacsConfig& config, const RetrieveRequest& request,
                                     const std::vector<std::string>& syntaxes,
                                     const InstanceCallback& on_instance);

class MoveDestination;
// C-MOVE (PS3.4 C.4.2) to our own storage SCP (`destination`, listening on
// config.move_port as config.move_destination_ae, which the PACS must know).
// The PACS chooses the transfer syntaxes it proposes; we accept its stored
// syntax when offered (storage_scp.h).
Result<SessionOutcome> RunMoveSession(const PacsConfig& config, MoveDestination& destination,
                                      const RetrieveRequest& request, const InstanceCallback& on_instance);

}  // namespace xds::imaging::internal
