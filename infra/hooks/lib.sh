#!/usr/bin/env bash
# shellcheck shell=bash
# Shared helpers for the posix hooks. Sourced, not executed.

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
fail() {
  log "ERROR: $*"
  exit 1
}

require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is required (see docs/deploy.md, prerequisites)."
  done
}

require_env() {
  local name
  for name in "$@"; do
    [[ -n "${!name:-}" ]] || fail "$name is not set; run this through 'azd up' / 'azd provision' / 'azd deploy' or export it (azd env get-values)."
  done
}

# The value azd will pass for a parameter of infra/main.parameters.json: "${NAME=default}" resolves to $NAME when set,
# else to the default; a literal value is itself. Keeps main.parameters.json the one place for the defaults.
parameter_value() {
  local parameters_file="$1" parameter="$2" raw
  raw="$(jq -r --arg parameter "$parameter" '.parameters[$parameter].value // empty' "$parameters_file")"
  if [[ "$raw" =~ ^\$\{([A-Za-z_][A-Za-z0-9_]*)(=([^}]*))?\}$ ]]; then
    local name="${BASH_REMATCH[1]}" fallback="${BASH_REMATCH[3]}"
    printf '%s' "${!name:-$fallback}"
  else
    printf '%s' "$raw"
  fi
}

# Lower-case without spaces, so "East US 2" and "eastus2" compare equal.
normalize_location() { printf '%s' "$1" | tr -d ' ' | tr '[:upper:]' '[:lower:]'; }
