#!/usr/bin/env bash
# Fashion-MNIST benchmark: VexFS vector index vs Lucene standalone HNSW (see benchmarks/README-vector.md).
#   benchmarks/run-vector-bench.sh [--quick] [--train N] [--queries Q] [--ef 10,20,40] [--threads 2] ...
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -B -q -Dstyle.color=never -pl benchmarks -am -DskipTests package dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt >/tmp/vexfs-vector-bench-build.log 2>&1 \
  || { cat /tmp/vexfs-vector-bench-build.log; exit 1; }
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx6g \
  -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.vexfs.bench.vector.VectorBench "$@"
