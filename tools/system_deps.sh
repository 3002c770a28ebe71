#!/usr/bin/env bash
# Check (and, as root, install) the Debian packages the edition needs beyond Python.
#   tools/system_deps.sh pdf      TeX Live for the PDF
#   tools/system_deps.sh test     everything the test suite uses (TeX, poppler, epubcheck, chromium)
set -euo pipefail
want=${1:-pdf}
pdf_pkgs="latexmk texlive-xetex texlive-fonts-recommended fonts-freefont-otf tex-gyre"
test_pkgs="$pdf_pkgs poppler-utils epubcheck chromium"
pkgs=$pdf_pkgs; [[ $want == test ]] && pkgs=$test_pkgs
missing=()
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing system packages; run: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
