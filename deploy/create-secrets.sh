#!/usr/bin/env bash
# Creates the secret files docker-compose.production.yml reads, and gives each the owner and mode
# its container needs:
#
#   deploy/create-secrets.sh [FOLDER]      (default: secrets/ beside docker-compose.production.yml)
#
# Idempotent: a file that exists is never written again (its owner and mode are set, nothing else),
# so running it again only adds what is missing and repairs ownership: after upgrading, after a
# restore, after replacing a key by hand.
#
# Why the owners matter: Docker Compose bind-mounts a file secret as it is on the host, with the
# host's owner and mode (a secret's uid, gid and mode are ignored without Swarm). The API runs as
# uid 1000 (user node of the image); PostgreSQL and Redis start as root and drop to their own user,
# uid and gid 999 in the official Debian images. So:
#
#   file                          content                                   owner      mode
#   postgres_password             the superuser's (postgres) password       root:999   0640
#   postgres_owner_password       rolegate's (owner, migrations) password   root:999   0640
#   postgres_app_password         rolegate_app's (runtime) password         root:999   0640
#   redis_password                Redis' password (the health check)        root:999   0640
#   redis_auth.conf               `requirepass <it>` (deploy/redis.conf)    root:999   0640
#   database_url                  postgres://rolegate_app:...               1000:1000  0640
#   database_migration_url        postgres://rolegate:...                   1000:1000  0640
#   redis_url                     redis://:...@redis:6379                   1000:1000  0640
#   metrics_token                 the bearer token /metrics asks for        1000:1000  0640
#   jwt_private_key.pem           the Ed25519 signing key (PKCS#8 PEM)      1000:1000  0400
#   jwt_previous_public_keys.pem  public keys still accepted (rotation)     1000:1000  0640
#   and the folder itself                                                   (yours)    0700
#
# root:999 lets the container's root (the entrypoint, the health check) read as owner and the
# service's user read through its group, without giving either container DAC_OVERRIDE.
#
# Run it as root (sudo) to set the owners; run as anyone else it creates what is missing, then
# prints the sudo command that finishes the job and exits with status 2.
#
# The functions printing a file's content are called through write, which shellcheck cannot see:
# shellcheck disable=SC2317
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
umask 077
folder="${1:-$here/../secrets}"
mkdir -p "$folder"
folder="$(cd "$folder" && pwd -P)"

if ! command -v openssl > /dev/null; then
  echo "openssl is needed (apt-get install openssl)." >&2
  exit 1
fi

# The PostgreSQL and Redis images' user (postgres, redis) and the API image's (node).
service_group=999
api_owner=1000:1000
service_files=(postgres_password postgres_owner_password postgres_app_password redis_password redis_auth.conf)
api_files=(database_url database_migration_url redis_url metrics_token jwt_private_key.pem jwt_previous_public_keys.pem)

trap 'rm -f -- "$folder"/.draft.*' EXIT

# write NAME COMMAND...: the command's output becomes the file, written whole under another name
# and then moved into place, unless the file exists.
write() {
  local name="$1" draft
  shift
  if [[ -e "$folder/$name" ]]; then
    echo "kept     $name"
    return
  fi
  draft="$(mktemp "$folder/.draft.XXXXXX")"
  "$@" > "$draft"
  mv -- "$draft" "$folder/$name"
  echo "created  $name"
}

password() { openssl rand -hex 32 | tr -d '\n'; }

# A secret another file is built from, checked to fit in a URL as it is.
secret() {
  local value
  if ! value="$(< "$folder/$1")"; then
    echo "Cannot read $folder/$1: run this script as root (sudo)." >&2
    exit 1
  fi
  if [[ ! "$value" =~ ^[A-Za-z0-9._~-]+$ ]]; then
    echo "$folder/$1 holds characters a URL would need escaped: use letters, digits and ._~- only." >&2
    exit 1
  fi
  printf '%s' "$value"
}

# Each reads its secret into a variable first: a failed read stops the script (set -e) instead of
# writing a URL without its password.
database_url() {
  local value
  value="$(secret postgres_app_password)"
  printf 'postgres://rolegate_app:%s@postgres:5432/rolegate' "$value"
}
database_migration_url() {
  local value
  value="$(secret postgres_owner_password)"
  printf 'postgres://rolegate:%s@postgres:5432/rolegate' "$value"
}
redis_url() {
  local value
  value="$(secret redis_password)"
  printf 'redis://:%s@redis:6379' "$value"
}
redis_auth() {
  local value
  value="$(secret redis_password)"
  printf 'requirepass %s\n' "$value"
}
signing_key() { openssl genpkey -algorithm ed25519; }
previous_public_keys() {
  cat << 'EOF'
# Public keys (PEM, "BEGIN PUBLIC KEY") of signing keys that are not the current one, still accepted
# and published in /.well-known/jwks.json: the next key before a rotation, the old one after it
# (docs/deployment.md, "Rotating the signing key"). Empty: only the current key.
EOF
}

write postgres_password password
write postgres_owner_password password
write postgres_app_password password
write redis_password password
write metrics_token password
write jwt_private_key.pem signing_key
write jwt_previous_public_keys.pem previous_public_keys
write database_url database_url
write database_migration_url database_migration_url
write redis_url redis_url
write redis_auth.conf redis_auth

# owner and mode of each file, as `stat -c '%u:%g %a'` prints them
wanted() {
  case "$1" in
    jwt_private_key.pem) echo "$api_owner 400" ;;
    database_url | database_migration_url | redis_url | metrics_token | jwt_previous_public_keys.pem) echo "$api_owner 640" ;;
    *) echo "0:$service_group 640" ;;
  esac
}

if [[ "$(id -u)" == 0 ]]; then
  for name in "${service_files[@]}" "${api_files[@]}"; do
    read -r owner mode <<< "$(wanted "$name")"
    chown "$owner" "$folder/$name"
    chmod "$mode" "$folder/$name"
  done
  chmod 700 "$folder"
  echo "Owners and modes set in $folder."
  exit 0
fi

# Not root: chown is not ours to do. Say what is left, if anything.
chmod 700 "$folder"
left=()
for name in "${service_files[@]}" "${api_files[@]}"; do
  [[ "$(stat -c '%u:%g %a' "$folder/$name")" == "$(wanted "$name")" ]] || left+=("$name")
done
if ((${#left[@]} == 0)); then
  echo "Owners and modes already right in $folder."
  exit 0
fi
echo "Not run as root: ${left[*]} still need their owner and mode (the containers could not read them). Run:" >&2
echo "  sudo $here/create-secrets.sh $folder" >&2
exit 2
