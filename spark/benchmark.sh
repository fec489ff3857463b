#!/bin/sh
# Chainrule on Spark against MLlib's MultilayerPerceptronClassifier, MNIST-8k replicated
# R times (R = 125 is 1M rows), local[2]. Not part of the build: takes minutes to an hour.
#   spark/benchmark.sh [R] [EPOCHS] [targets]   (from the repository root; builds first;
#   targets: only synchronous at batch 1,024 and averaging relu, with their chainrule train ratio)
set -e
cd "$(dirname "$0")/.."
MVN="mvn -B -q ${MAVEN_ARGS:-}"
$MVN -pl spark -am -DskipTests install
$MVN -pl spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.cp
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' spark/pom.xml)
# local[2]'s executor is this JVM: the Vector API kernels when the JDK has the module, as
# ./chainrule runs them (CHAINRULE_SIMD=off: plain Java); the header says which ran.
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
SIMD=
if [ "${CHAINRULE_SIMD:-on}" != off ] && grep -qw 'jdk\.incubator\.vector' "$java_home/release"; then
    SIMD="--add-modules jdk.incubator.vector"
fi
exec java ${BENCH_JAVA_OPTS:--Xmx12g} $SIMD $OPENS -Dchainrule.samples=samples \
    -cp "spark/target/classes:spark/target/test-classes:$(cat spark/target/bench.cp)" \
    dev.chainrule.spark.SparkBenchmark "$@"
