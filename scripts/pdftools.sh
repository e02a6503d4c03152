# Sourced by scripts/run and scripts/test. The PDFs embed fonts from Debian's fonts-dejavu-core (DejaVu Sans) and
# fonts-droid-fallback (Chinese and Japanese); the tests read PDFs back with poppler-utils (pdftotext, pdffonts,
# pdfinfo). Whatever is missing is installed with apt-get.

ee_apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing $* with apt-get..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

ee_ensure_pdf_fonts() {
  local missing=()
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  [ -f /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf ] || missing+=(fonts-droid-fallback)
  [ -f /usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf ] || missing+=(fonts-symbola)
  [ ${#missing[@]} -eq 0 ] || ee_apt_install "${missing[@]}"
}

ee_ensure_pdf_tools() {
  ee_ensure_pdf_fonts
  command -v pdftotext >/dev/null || ee_apt_install poppler-utils
}
