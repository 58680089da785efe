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

# Makes a scoped API key for the app once per azd environment: the key ($1) and its settings hash ($1_HASH,
# "sha256:<hex>", what Memory:Auth:Keys stores) go into the azd environment (.azure/<env>/.env on this machine); the
# template receives only the hash, so the key never passes through ARM, its outputs or the repository. Kept on re-runs.
ensure_scoped_key() {
  local name="$1" hash_name="$1_HASH" key
  if [[ -n "${!name:-}" && -n "${!hash_name:-}" ]]; then
    log "$name: kept from the azd environment"
    return
  fi
  key="mfk_$(head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n')"
  azd env set "$name" "$key"
  azd env set "$hash_name" "sha256:$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)"
  log "$name: made a new key (azd env get-value $name)"
}
