#!/usr/bin/env bash
# Context assembly for conversations of 100, 10,000 and 100,000 messages: median and p99 per size, and the ratio
# of each median to the smallest's. The target is a ratio of at most 1.5 at 100,000 messages.
# Usage: bench/context-assembly.sh [--starkbot.database.url=jdbc:postgresql://...]
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building (tests skipped)..." >&2
mvn -B -q test-compile -DskipTests
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
JAVA="$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)/bin/java"
[ -x "$JAVA" ] || JAVA=java
echo "filling conversations and measuring (about a minute)..." >&2
exec "$JAVA" --enable-native-access=ALL-UNNAMED \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    dev.starkbot.conversation.internal.ContextAssemblyBenchmark "$@"
