# Sourced by .ci/run and bench/run: make sure a PostgreSQL server answers on 127.0.0.1:5432 (start the machine's
# own, or install one from Debian's packages) and that the test role can log in over TCP. Expects a `say` function.
PG_HOST=127.0.0.1
PG_PORT=5432
export STARKBOT_TEST_PG_USER="${STARKBOT_TEST_PG_USER:-postgres}"
export STARKBOT_TEST_PG_PASSWORD="${STARKBOT_TEST_PG_PASSWORD:-}"

pg_answers() {
    if command -v pg_isready >/dev/null 2>&1; then
        pg_isready -q -h "$PG_HOST" -p "$PG_PORT"
    else
        (exec 3<>"/dev/tcp/$PG_HOST/$PG_PORT") 2>/dev/null
    fi
}

as_postgres() {
    if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; else su postgres -c "$*"; fi
}

start_clusters() {
    local version
    for version in $(ls /etc/postgresql 2>/dev/null); do
        say "starting PostgreSQL $version cluster 'main'"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    done
}

ensure_postgres() {
    if pg_answers; then
        say "PostgreSQL answers on $PG_HOST:$PG_PORT"
        return
    fi
    if [ -n "$(ls /etc/postgresql 2>/dev/null)" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
        start_clusters
    else
        say "no PostgreSQL on this machine: installing Debian's package"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
        start_clusters
    fi
    for _ in $(seq 1 60); do
        pg_answers && { say "PostgreSQL is up"; return; }
        sleep 1
    done
    say "PostgreSQL did not come up on $PG_HOST:$PG_PORT"; return 1
}

ensure_login() {
    command -v psql >/dev/null 2>&1 || return 0
    if PGPASSWORD="$STARKBOT_TEST_PG_PASSWORD" psql -h "$PG_HOST" -p "$PG_PORT" -U "$STARKBOT_TEST_PG_USER" \
            -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
        return
    fi
    # A fresh Debian install asks TCP clients for a password; give the postgres role one through the local socket.
    say "setting a password for the test role '$STARKBOT_TEST_PG_USER'"
    STARKBOT_TEST_PG_PASSWORD="${STARKBOT_TEST_PG_PASSWORD:-starkbot-ci}"
    export STARKBOT_TEST_PG_PASSWORD
    as_postgres psql -q -c "ALTER ROLE $STARKBOT_TEST_PG_USER WITH LOGIN SUPERUSER PASSWORD '$STARKBOT_TEST_PG_PASSWORD'"
}
