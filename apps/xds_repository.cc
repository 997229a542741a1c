// xds-repository: the Document Repository alone (ITI-41, ITI-43), from the
// [repository] section of a configuration file; its registry is reached at
// repository.registry_url (see apps/node_main.h).
#include "apps/node_main.h"

int main(int argc, char** argv) {
  return xds::app::NodeMain(argc, argv, "XDS.b Document Repository", xds::app::ActorChoice::kRepositoryOnly);
}
