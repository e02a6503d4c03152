# Sourced by scripts/test and scripts/run. The mail catcher (scripts/mailcatcher.py) is a real SMTP server built on
# Debian's python3-aiosmtpd, installed here when it is missing.

ee_ensure_aiosmtpd() {
  if /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then
    return 0
  fi
  echo "python3-aiosmtpd is not installed; installing it with apt-get..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-aiosmtpd >/dev/null
}

# Starts the mail catcher in the background (SMTP on $1, web page on $2) unless something already listens there.
ee_start_mailcatcher() {
  local smtp_port="$1" http_port="$2"
  ee_ensure_aiosmtpd
  if (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null; then
    echo "Something already listens on port $smtp_port; using it as the SMTP server."
    return 0
  fi
  mkdir -p "$EE_ROOT/.mail"
  /usr/bin/python3 "$EE_ROOT/scripts/mailcatcher.py" --smtp "127.0.0.1:$smtp_port" --http "127.0.0.1:$http_port" --dir "$EE_ROOT/.mail" \
    >"$EE_ROOT/.mail/catcher.log" 2>&1 &
  for _ in $(seq 1 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "The mail catcher did not start; see .mail/catcher.log." >&2
  return 1
}
