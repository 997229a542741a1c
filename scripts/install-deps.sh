#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds, tests and benches with,
# skipping those already present. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config
  # libraries
  libxml2-dev libxmlsec1-dev libcpp-httplib-dev libsqlite3-dev libssl-dev
  libdcmtk-dev libtomlplusplus-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev
  # the servers' allocator (apps/CMakeLists.txt)
  libjemalloc-dev
  # real peers and tools used by tests and the README demo
  dcmtk sqlite3 curl openssl
  # the audit record repository the ATNA tests send to (RFC 5424 over TLS and UDP)
  rsyslog rsyslog-gnutls
  # the reference servers the benches compare against (bench/README.md)
  nginx-light orthanc orthanc-dicomweb
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
