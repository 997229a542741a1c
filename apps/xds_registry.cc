// xds-registry: the Document Registry alone (ITI-42, ITI-18, ITI-8), from
// the [registry] section of a configuration file (see apps/node_main.h).
#include "apps/node_main.h"

int main(int argc, char** argv) {
  return xds::app::NodeMain(argc, argv, "XDS.b Document Registry", xds::app::ActorChoice::kRegistryOnly);
}
