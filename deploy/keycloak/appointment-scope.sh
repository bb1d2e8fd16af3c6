#!/usr/bin/env bash
# Makes a login's token scope follow the union workforce register (membership-service, issue 23): sets the user's
# `org_path` attribute and realm role `officer` in realm `union` through the Keycloak admin REST API.
#
#   appointment-scope.sh appointed '<OfficerAppointed data JSON>'   grant, if the post acts for the union and the term
#                                                                   has started (grantsOfficerScope, termFrom <= today)
#   appointment-scope.sh ended '<OfficerTermEnded data JSON>'       revoke, if the login's org_path is still that org's
#   appointment-scope.sh grant <username> <org_path>                set org_path, add role officer
#   appointment-scope.sh revoke <username>                          remove role officer and org_path, end sessions
#
# The JSON is the event's data as published on membership.appointment.v1 (or the Appointment the API returns, whose
# fields have the same names). Environment: KEYCLOAK_URL (http://localhost:8180), KEYCLOAK_REALM (union),
# KEYCLOAK_ADMIN (kc-admin), KEYCLOAK_ADMIN_PASSWORD (kc-admin-dev: the local run's master-realm admin).
# Needs curl and jq. A new scope reaches the user's next token; revoke also ends their sessions, so no refresh token
# outlives it (an access token already issued lives out its 15 minutes). See deploy/keycloak/README.md.
set -euo pipefail

KC=${KEYCLOAK_URL:-http://localhost:8180}
REALM=${KEYCLOAK_REALM:-union}
ADMIN=${KEYCLOAK_ADMIN:-kc-admin}
ADMIN_PASSWORD=${KEYCLOAK_ADMIN_PASSWORD:-kc-admin-dev}

die() { echo "appointment-scope: $*" >&2; exit 2; }

admin_token() {
  curl -fsS "$KC/realms/master/protocol/openid-connect/token" \
    -d grant_type=password -d client_id=admin-cli \
    --data-urlencode "username=$ADMIN" --data-urlencode "password=$ADMIN_PASSWORD" | jq -r .access_token
}

api() { # METHOD PATH [JSON]
  local method=$1 path=$2
  if [[ $# -ge 3 ]]; then
    curl -fsS -X "$method" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data "$3" "$KC/admin/realms/$REALM$path"
  else
    curl -fsS -X "$method" -H "Authorization: Bearer $TOKEN" "$KC/admin/realms/$REALM$path"
  fi
}

user_id() {
  local id
  id=$(api GET "/users?exact=true&username=$(jq -rn --arg u "$1" '$u|@uri')" | jq -r '.[0].id // empty')
  [[ -n $id ]] || die "no user '$1' in realm $REALM"
  echo "$id"
}

officer_role() { api GET /roles/officer; }

grant() { # username org_path
  [[ $2 =~ ^[0-9]+(\.[0-9]+){0,31}$ ]] || die "'$2' is not an org path"
  local id user
  id=$(user_id "$1")
  # The whole representation goes back: a PUT without firstName, email, ... would clear them under the user profile.
  user=$(api GET "/users/$id" | jq --arg p "$2" '.attributes = ((.attributes // {}) + {org_path: [$p]})')
  api PUT "/users/$id" "$user" >/dev/null
  api POST "/users/$id/role-mappings/realm" "[$(officer_role)]" >/dev/null
  echo "granted: $1 officer at org_path $2"
}

revoke() { # username
  local id user
  id=$(user_id "$1")
  user=$(api GET "/users/$id" | jq 'del(.attributes.org_path)')
  api PUT "/users/$id" "$user" >/dev/null
  api DELETE "/users/$id/role-mappings/realm" "[$(officer_role)]" >/dev/null
  api POST "/users/$id/logout" >/dev/null
  echo "revoked: $1 is no longer an officer; sessions ended"
}

current_org_path() {
  api GET "/users/$(user_id "$1")" | jq -r '.attributes.org_path[0] // empty'
}

[[ $# -ge 1 ]] || die "usage: $0 appointed|ended '<json>' | grant <username> <org_path> | revoke <username>"
command -v jq >/dev/null || die "needs jq"
TOKEN=$(admin_token)
[[ -n $TOKEN && $TOKEN != null ]] || die "no admin token from $KC (KEYCLOAK_ADMIN / KEYCLOAK_ADMIN_PASSWORD)"

case $1 in
  appointed)
    [[ $# -eq 2 ]] || die "appointed needs the event's JSON"
    login=$(jq -r '.login // empty' <<<"$2")
    path=$(jq -r '.orgPath' <<<"$2")
    from=$(jq -r '.termFrom' <<<"$2")
    [[ -n $login ]] || { echo "skipped: the appointment names no login"; exit 0; }
    [[ $(jq -r '.grantsOfficerScope' <<<"$2") == true ]] || { echo "skipped: the post does not act for the union"; exit 0; }
    today=$(TZ=Asia/Shanghai date +%F)
    [[ ! $from > $today ]] || { echo "skipped: the term starts on $from; run this again that day"; exit 0; }
    grant "$login" "$path"
    ;;
  ended)
    [[ $# -eq 2 ]] || die "ended needs the event's JSON"
    login=$(jq -r '.login // empty' <<<"$2")
    path=$(jq -r '.orgPath' <<<"$2")
    [[ -n $login ]] || { echo "skipped: the appointment names no login"; exit 0; }
    current=$(current_org_path "$login")
    # A later appointment elsewhere has moved the login's scope already: leave it.
    [[ $current == "$path" ]] || { echo "skipped: $login acts at '${current:-nothing}', not at $path"; exit 0; }
    revoke "$login"
    ;;
  grant)
    [[ $# -eq 3 ]] || die "grant needs <username> <org_path>"
    grant "$2" "$3"
    ;;
  revoke)
    [[ $# -eq 2 ]] || die "revoke needs <username>"
    revoke "$2"
    ;;
  *) die "unknown command '$1'" ;;
esac
