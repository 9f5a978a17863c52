#!/bin/bash
# Entrypoint of the diplograph/neo4j stand-in image. Follows the contract of the official
# neo4j:5 image's entrypoint where diplograph relies on it:
#   * runs as root only long enough to fix ownership of /data and /logs, then drops to neo4j
#     (uid/gid 7474); with `docker run --user` it runs as that user instead
#   * NEO4J_AUTH=neo4j/<password>[/true] sets the initial password (neo4j-admin dbms
#     set-initial-password, /true = require a change), NEO4J_AUTH=none disables auth
#   * NEO4J_<setting> env vars become neo4j.conf settings: strip NEO4J_, '_' -> '.', '__' -> '_'
#     (NEO4J_server_memory_heap_max__size=1G -> server.memory.heap.max_size=1G)
#   * Docker defaults unless configured: server.default_listen_address=0.0.0.0 and a 512M page cache
#   * `neo4j` (the default command) runs the server in the foreground with its log on stdout;
#     any other command (`neo4j version`, `neo4j-admin ...`, `bash`) is run as given, as neo4j
# Set NEO4J_DEBUG=yes to trace it.
set -euo pipefail
[[ -n ${NEO4J_DEBUG:-} ]] && set -x

cmd=${1:-neo4j}
NEO4J_HOME=${NEO4J_HOME:-/var/lib/neo4j}
CONF_DIR=$NEO4J_HOME/conf
CONF=$CONF_DIR/neo4j.conf

fail() {
  echo >&2 "docker-entrypoint: $*"
  exit 1
}

if [[ $(id -u) == 0 ]]; then
  # Keep the environment (settings, JAVA_OPTS), set HOME for the neo4j user.
  as_neo4j=(env HOME="$NEO4J_HOME" setpriv --reuid=neo4j --regid=neo4j --init-groups)
else
  as_neo4j=()
fi

# ---- ownership of the writable directories (named volumes start owned by neo4j; bind mounts may not)
fix_owner() {
  local dir=$1
  [[ -d $dir ]] || return 0
  if [[ $(id -u) == 0 ]]; then
    if ! "${as_neo4j[@]}" test -w "$dir" ||
      [[ -n $("${as_neo4j[@]}" find "$dir" ! -writable -print -quit 2>/dev/null) ]]; then
      echo "docker-entrypoint: $dir is not writable for neo4j; changing its owner to neo4j:neo4j"
      chown -R neo4j:neo4j "$dir"
    fi
  elif [[ ! -w $dir ]]; then
    fail "$dir is not writable for uid $(id -u); mount a directory this user can write, or run as root"
  fi
}
fix_owner /data
fix_owner /logs

# ---- configuration: image default or a mounted /conf, then Docker defaults, then the environment
if [[ -f /conf/neo4j.conf ]]; then
  base_conf=/conf/neo4j.conf
  # Other files of a mounted /conf (e.g. user-logs.xml) are used as they are.
  find /conf -maxdepth 1 -type f ! -name neo4j.conf -exec cp {} "$CONF_DIR"/ \;
else
  base_conf=/startup/neo4j.conf
fi
tmp_conf=$(mktemp)
cp "$base_conf" "$tmp_conf"

has_setting() { grep -q "^[[:space:]]*${1//./\\.}[[:space:]]*=" "$tmp_conf"; }

set_setting() { # name value: replaces (server.jvm.additional: appends)
  local name=$1 value=$2
  if [[ $name != server.jvm.additional ]] && has_setting "$name"; then
    sed -i "/^[[:space:]]*${name//./\\.}[[:space:]]*=/d" "$tmp_conf"
  fi
  printf '%s=%s\n' "$name" "$value" >>"$tmp_conf"
}

has_setting server.default_listen_address || set_setting server.default_listen_address 0.0.0.0
has_setting server.memory.pagecache.size || set_setting server.memory.pagecache.size 512M
[[ -d /import ]] && ! has_setting server.directories.import && set_setting server.directories.import /import
[[ -d /plugins ]] && ! has_setting server.directories.plugins && set_setting server.directories.plugins /plugins

while IFS= read -r var; do
  case $var in
    # Control variables of the image, not settings.
    NEO4J_ACCEPT_LICENSE_AGREEMENT | NEO4J_AUTH | NEO4J_AUTH_PATH | NEO4J_DEBUG | NEO4J_EDITION | NEO4J_HOME | \
      NEO4J_CONF | NEO4J_PLUGINS | NEO4J_VERSION | NEO4J_SHA256 | NEO4J_TARBALL | NEO4J_ADMIN_JAVA_OPTS) continue ;;
  esac
  value=${!var}
  [[ -n $value ]] || continue
  name=${var#NEO4J_}
  name=${name//_/.}
  name=${name//../_}
  if [[ $name =~ ^[0-9] ]]; then
    echo >&2 "docker-entrypoint: WARNING: $var not applied: settings cannot start with a digit"
    continue
  fi
  set_setting "$name" "$value"
done < <(compgen -e | grep '^NEO4J_' | sort)

# NEO4J_AUTH=none is a setting too (set last, so it wins).
[[ $cmd == neo4j && $# -le 1 && ${NEO4J_AUTH:-} == none && -z ${NEO4J_AUTH_PATH:-} ]] && set_setting dbms.security.auth_enabled false

install -m 0644 "$tmp_conf" "$CONF"
rm -f "$tmp_conf"
[[ $(id -u) == 0 ]] && chown neo4j:neo4j "$CONF"

# ---- authentication
set_auth() {
  local auth=$1
  if [[ $auth == none ]]; then
    grep -q '^dbms\.security\.auth_enabled=false' "$CONF" || echo "dbms.security.auth_enabled=false" >>"$CONF"
  elif [[ $auth =~ ^([^/]+)/([^/]+)(/[tT][rR][uU][eE])?$ ]]; then
    local user=${BASH_REMATCH[1]} password=${BASH_REMATCH[2]} reset=${BASH_REMATCH[3]}
    [[ $user == neo4j ]] || fail "Invalid admin username '$user' in NEO4J_AUTH, it must be neo4j."
    [[ $password != neo4j ]] || fail "Invalid value for password. It cannot be 'neo4j', which is the default."
    local min
    min=$(sed -n 's/^dbms\.security\.auth_minimum_password_length=//p' "$CONF" | tail -n 1)
    if ((${#password} < ${min:-8})); then
      echo >&2 "docker-entrypoint: the password in NEO4J_AUTH is shorter than ${min:-8} characters; Neo4j will refuse it" \
        "(or set NEO4J_dbms_security_auth__minimum__password__length)"
    fi
    local -a extra=()
    [[ -n $reset ]] && extra+=(--require-password-change)
    if [[ $(id -u) == 0 ]]; then
      mkdir -p /data/dbms
      chown neo4j:neo4j /data/dbms
    fi
    "${as_neo4j[@]}" neo4j-admin dbms set-initial-password "$password" "${extra[@]}"
  elif [[ -n $auth ]]; then
    fail "Invalid value for NEO4J_AUTH: '$auth' (use neo4j/<password> or none)"
  fi
}

if [[ $cmd == neo4j && $# -le 1 ]]; then
  if [[ -n ${NEO4J_AUTH_PATH:-} ]]; then
    [[ -r $NEO4J_AUTH_PATH ]] || fail "The password file '$NEO4J_AUTH_PATH' does not exist or is not readable"
    set_auth "$(cat "$NEO4J_AUTH_PATH")"
  else
    set_auth "${NEO4J_AUTH:-}"
  fi
  exec "${as_neo4j[@]}" neo4j console
fi

exec "${as_neo4j[@]}" "$@"
