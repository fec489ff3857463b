#!/bin/sh
# Trains samples/mnist.yaml with the Spark estimator (src/test/java/.../examples/MnistOnSpark.java):
#   spark/examples/mnist-on-spark.sh [MASTER]        (from anywhere; builds first)
set -e
cd "$(dirname "$0")/../.."
MVN="mvn -B -q ${MAVEN_ARGS:-}"
$MVN -pl spark -am -DskipTests install
$MVN -pl spark dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/example.cp
OPENS=$(sed -n 's:.*<spark.java.opens>\(.*\)</spark.java.opens>.*:\1:p' spark/pom.xml)
exec java $OPENS -Dchainrule.samples=samples \
    -cp "spark/target/classes:spark/target/test-classes:$(cat spark/target/example.cp)" \
    dev.chainrule.spark.examples.MnistOnSpark "$@"
