# Sourced by scripts/test. PDF tests read the PDFs back with Debian's poppler-utils (pdftotext, pdffonts, pdftoppm),
# and the PDFs use the DejaVu fonts from fonts-dejavu-core; both are installed here when they are missing.

ee_ensure_pdf_tools() {
  if command -v pdftotext >/dev/null && [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    return 0
  fi
  echo "poppler-utils or fonts-dejavu-core is not installed; installing them with apt-get..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils fonts-dejavu-core >/dev/null
}
