#!/usr/bin/env bash
# ctest packaging.linux: installs the build into a temporary prefix and checks the tree that
# Linux desktops read (launcher, AppStream metadata, hicolor icons, binary), then validates
# the launcher and the metadata with desktop-file-validate and appstreamcli when they are
# installed (Debian: desktop-file-utils, appstream; packaging/install-deps.sh --test).
#   check-linux-install.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-linux-install.sh BUILD_DIR}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
app_id=io.github.gembalance.GemBalance
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

cmake --install "$build" --prefix "$prefix" >/dev/null

check_file() { [[ -s "$prefix/$1" ]] && echo "ok: $1" || fail "missing or empty: $1"; }
check_file bin/gembalance
[[ -x "$prefix/bin/gembalance" ]] || fail "bin/gembalance is not executable"
check_file "share/applications/$app_id.desktop"
check_file "share/metainfo/$app_id.metainfo.xml"
check_file share/icons/hicolor/scalable/apps/gembalance.svg

# Each PNG is where its size says: the IHDR width and height (bytes 16..23, big-endian).
for size in 16 22 24 32 48 64 128 256; do
    png="share/icons/hicolor/${size}x${size}/apps/gembalance.png"
    check_file "$png"
    [[ -s "$prefix/$png" ]] || continue
    read -r w h < <(od -An -tu1 -j16 -N8 "$prefix/$png" |
                    awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
    [[ "$w" == "$size" && "$h" == "$size" ]] || fail "$png is ${w}x${h}, not ${size}x${size}"
done

# The launcher starts what is installed and names an installed icon.
desktop="$prefix/share/applications/$app_id.desktop"
if [[ -s "$desktop" ]]; then
    exec_cmd=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n1)
    icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n1)
    [[ -x "$prefix/bin/$exec_cmd" ]] || fail "Exec=$exec_cmd is not the installed binary"
    [[ -s "$prefix/share/icons/hicolor/scalable/apps/$icon.svg" ]] || fail "Icon=$icon is not an installed icon"
    grep -q '^Categories=.*Network;' "$desktop" || fail "Categories lacks Network"
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
        "$prefix/share/metainfo/$app_id.metainfo.xml" || fail "the metainfo does not launch $app_id.desktop"
fi

# The installed binary runs (--version needs no display, no settings, no network).
"$prefix/bin/gembalance" --version | grep -q '^GemBalance ' || fail "bin/gembalance --version"

if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$desktop" && echo "ok: desktop-file-validate" || fail "desktop-file-validate"
else
    echo "SKIPPED: desktop-file-validate is not installed (apt install desktop-file-utils)"
fi
if command -v appstreamcli >/dev/null; then
    appstreamcli validate --no-net "$prefix/share/metainfo/$app_id.metainfo.xml" && echo "ok: appstreamcli validate" \
        || fail "appstreamcli validate"
else
    echo "SKIPPED: appstreamcli is not installed (apt install appstream)"
fi

if ((failures > 0)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "the install tree is complete"
