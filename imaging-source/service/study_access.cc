#include "imaging-source/service/study_access.h"

#include <spdlog/spdlog.h>

namespace xds::imaging {

std::vector<std::string> AllowedStudies(const access::AccessDecisionPoint* access,
                                        const security::Requester& requester, std::vector<std::string> study_uids) {
  if (access == nullptr) return study_uids;
  access::AccessQuestion question;
  question.requester = requester;
  question.study_instance_uids = std::move(study_uids);
  auto answer = access->Decide(question);
  if (!answer.ok()) {
    spdlog::error("imaging source: no access decision ({}); refusing", answer.status().ToString());
    return {};
  }
  return std::move(answer->study_instance_uids);
}

}  // namespace xds::imaging
