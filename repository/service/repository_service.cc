#include "repository/service/repository_service.h"

#include "wire/ihe/vocabulary.h"

namespace xds::repository {

void RepositoryService::Bind(soap::SoapEndpoint& endpoint) {
  endpoint.On(std::string(vocab::kActionProvideAndRegister),
              [this](const soap::SoapRequest& r) { return provide_.Handle(r); });
  endpoint.On(std::string(vocab::kActionRetrieve), [this](const soap::SoapRequest& r) { return retrieve_.Handle(r); });
  endpoint.On(std::string(vocab::kActionRemoveDocuments),
              [this](const soap::SoapRequest& r) { return remove_.Handle(r); });
}

}  // namespace xds::repository
