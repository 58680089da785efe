# Shared helpers for the posix hooks. Sourced, not executed.

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() { log "ERROR: $*"; exit 1; }

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is required (see docs/deploy.md, prerequisites)."
  done
}

require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || fail "$name is not set; run this through 'azd up' / 'azd deploy' or export it (azd env get-values)."
  done
}
