#!/usr/bin/env bash
# The main job: install what is missing, build, and run every actor in one
# process on embedded SQLite with example data. Prints the endpoints.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DXDS_BUILD_TESTS=OFF >/dev/null
cmake --build build --target xds-node xds
exec ./build/apps/xds-node --config config/xds-node.toml --demo
