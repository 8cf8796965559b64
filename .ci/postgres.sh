#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1:$PGPORT for the store tests and print the
# URL they use. Debian's packages; the cluster lives in a temporary folder owned by `postgres`.
set -euo pipefail
PGPORT=${PGPORT:-55432}
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PGDATA=$(mktemp -d /tmp/aftersales-pg.XXXXXX)
chown postgres "$PGDATA"
su postgres -c "$PGBIN/initdb -D $PGDATA -A trust -U postgres" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $PGDATA -l $PGDATA/server.log -w -o '-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1' start" >&2
echo "$PGDATA" > /tmp/aftersales-pg.dir
echo "postgresql://postgres@127.0.0.1:$PGPORT/postgres"
