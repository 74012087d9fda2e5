#!/usr/bin/env bash
# Installs what GemBalance needs from Debian 12's apt, and nothing that is already there.
#   packaging/install-deps.sh          build and run
#   packaging/install-deps.sh --test   also what the test suite needs
#   packaging/install-deps.sh --fuzz   also clang and its libFuzzer runtime (tests/fuzz)
#   packaging/install-deps.sh --bench  also the benchmark and soak tools (bench/)
# Flags combine, e.g. --test --fuzz.
set -euo pipefail

packages=(
  cmake ninja-build g++ pkg-config
  qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev
  qt6-tools-dev qt6-l10n-tools qtkeychain-qt6-dev libxkbcommon-dev
  libqt6sql6-sqlite libqt6sql6-mysql libsqlite3-dev
)
want() { local f; for f in "${flags[@]}"; do [[ $f == "$1" ]] && return 0; done; return 1; }
flags=("$@")
for f in "${flags[@]}"; do
  case $f in --test|--fuzz|--bench) ;; *) echo "unknown flag: $f" >&2; exit 2 ;; esac
done
if want --fuzz; then
  packages+=(clang libclang-rt-14-dev)
fi
if want --bench; then
  # wrk and nginx (the C reference, and the h2c front), h2load (nghttp2-client), curl, python3.
  packages+=(wrk nginx-light nghttp2-client curl python3)
fi
if want --test; then
  packages+=(xvfb xauth)
  # The web admin pages are tested in a real headless browser (integration.webadmin).
  packages+=(chromium)
  # The MySQL half of the repository tests runs against a real MariaDB on loopback.
  packages+=(mariadb-server mariadb-client)
  # The keychain test runs a real Secret Service (gnome-keyring) on a private D-Bus session;
  # the packaging test validates the launcher and the AppStream metadata.
  packages+=(gnome-keyring dbus-daemon desktop-file-utils appstream)
  # The https test (integration.tls) makes a self-signed certificate with the openssl command.
  packages+=(openssl)
  # The SDK compatibility test (tests/sdk) runs node and npm. A node already on the PATH
  # (e.g. a newer one from another source) is kept; Debian 12's own nodejs is 18, older than
  # the SDK needs (>= 20), and that test then says so.
  if ! command -v node >/dev/null; then
    packages+=(nodejs npm)
  fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

as_root=()
if [[ $(id -u) -ne 0 ]]; then
  as_root=(sudo)
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 update -qq
"${as_root[@]}" apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
