#!/usr/bin/env bash
# Runs a keychain test against a real Secret Service: gnome-keyring on a private D-Bus
# session, with a throw-away keyring in a temporary home, so the user's own keychain is
# never touched. Without dbus-run-session or gnome-keyring-daemon (Debian: dbus-daemon,
# gnome-keyring; packaging/install-deps.sh --test) the test runs with GB_NO_SECRET_SERVICE
# set to the reason, and checks only that GemBalance does without a keychain.
#   run-with-secret-service.sh TEST_BINARY [test arguments]
set -uo pipefail
test_binary=${1:?usage: run-with-secret-service.sh TEST_BINARY [args]}
shift
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

missing=""
command -v dbus-run-session >/dev/null || missing+=" dbus-run-session (dbus-daemon)"
command -v gnome-keyring-daemon >/dev/null || missing+=" gnome-keyring-daemon (gnome-keyring)"
if [[ -n "$missing" ]]; then
    # No D-Bus session either: the probe must fail fast.
    GB_NO_SECRET_SERVICE="not installed:$missing" DBUS_SESSION_BUS_ADDRESS="unix:path=$home/no-bus" \
        exec "$test_binary" "$@"
fi
# In the private session: start the keyring daemon with a throw-away password (that creates
# a new login keyring, unlocked; an empty one creates none), then the test.
exec dbus-run-session -- bash -c '
    printf "gembalance-test\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 ||
        export GB_NO_SECRET_SERVICE="gnome-keyring-daemon did not start"
    exec "$@"' run-with-secret-service "$test_binary" "$@"
