// C-MOVE retrieval (PS3.4 C.4.2). Not built yet: it needs a storage SCP of
// our own that the PACS knows by AE title, host and port, running while the
// move is in progress, with a hand-over queue from its thread to the
// caller's. Until then a PACS without C-GET cannot serve images.
#include "imaging-source/dicom/retrieve_session.h"

namespace xds::imaging::internal {

Result<SessionOutcome> RunMoveSession(const PacsConfig&, const RetrieveRequest&, const std::vector<std::string>&,
                                      const InstanceCallback&) {
  return Status::Unavailable("retrieve_method = \"move\" (C-MOVE) is not implemented yet; use \"get\"");
}

}  // namespace xds::imaging::internal
