// xds-node: every actor of the platform in one process, from one
// configuration file (see apps/node_main.h).
//
//   xds-node --config config/xds-node.toml [--demo]
//   xds-node --config config/xds-node.toml add-patient '123^^^&1.2.3&ISO' --family Doe
#include "apps/node_main.h"

int main(int argc, char** argv) {
  return xds::app::NodeMain(argc, argv, "Regional XDS.b node: every configured actor in one process",
                            xds::app::ActorChoice::kFromConfig);
}
