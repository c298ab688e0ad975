#!/usr/bin/env bash
# WeasyPrint needs Pango (>= 1.44) from the system, and subsets fonts with HarfBuzz's subsetter
# (without it, it falls back to fontTools: 0,4-1 s more per document). Install with apt only what
# is missing.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so.0' || missing+=(libharfbuzz-subset0)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Systeempakketten voor WeasyPrint ontbreken (${missing[*]}); installeren met apt-get..."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
