# Sourced by scripts/test. The browser tests drive the machine's Chromium (Playwright's own browser download
# cannot work here), installing Debian's package when it is missing.

ee_ensure_chromium() {
  export CHROMIUM_PATH="${CHROMIUM_PATH:-$(command -v chromium || command -v chromium-browser || true)}"
  if [ -n "$CHROMIUM_PATH" ] && [ -x "$CHROMIUM_PATH" ]; then
    echo "Using Chromium at $CHROMIUM_PATH."
    return 0
  fi
  echo "Chromium is not installed; installing it with apt-get..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  export CHROMIUM_PATH="$(command -v chromium)"
  echo "Installed Chromium at $CHROMIUM_PATH."
}
