#!/usr/bin/env bash
# One command from a fresh clone: system packages (Tesseract, Poppler, DejaVu fonts), a virtual environment with
# evidex and its test tools, then evidex run on the bundled example -> outputs/example/.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr tesseract-ocr-eng)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# the fixture generator typesets test PDFs in DejaVu (it has the glyphs OCR junk needs: ¥ « ±)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || need+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSansCondensed.ttf ] || need+=(fonts-dejavu-extra)
# R and metafor: the meta-analysis agreement tests and the R script `evidex export --format metafor` writes
command -v Rscript >/dev/null 2>&1 || need+=(r-base-core r-cran-metafor)
# Debian's Chromium: the review page's browser tests drive it headless through Playwright (no browser download)
[ -x /usr/bin/chromium ] || need+=(chromium)
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing system packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[dev]"

echo "running evidex on the bundled example -> outputs/example/"
.venv/bin/evidex run examples/ --out outputs/example --no-progress
echo "done: open outputs/example/report.html, or query outputs/example/evidex.duckdb"
