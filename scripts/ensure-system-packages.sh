#!/usr/bin/env bash
# WeasyPrint needs Pango (>= 1.44) from the system. Install it with apt only when missing.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0'; then
  exit 0
fi
echo "Pango ontbreekt; installeren met apt-get (nodig voor WeasyPrint)..."
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=""; fi
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null
