#!/usr/bin/env bash
# The platform path: a message on a fake Telegram to the whole reply on the fake Telegram (fake Claude streaming 50
# words without delay), p50 and p99, one chat at a time and 10 chats at once, beside the floor measured in the same
# run (a loopback HTTP round trip, the fake Claude alone).
# Usage: bench/platform-path.sh [--starkbot.database.url=jdbc:postgresql://...]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building (tests skipped)..." >&2
mvn -B -q test-compile -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
JAVA="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java"
[ -x "$JAVA" ] || JAVA=java
echo "starting StarkBot against the fakes and measuring (about a minute)..." >&2
exec "$JAVA" --enable-native-access=ALL-UNNAMED \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    dev.starkbot.platform.PlatformPathBenchmark "$@"
