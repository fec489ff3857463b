#!/usr/bin/env bash
# Chainrule's JMH training benchmark and, when PyTorch is installed (Debian: python3-torch,
# libopenblas0-pthread), the same nets in PyTorch eager, one thread each, in one run; prints
# the ratio table README's speed section comes from (the dense MNIST nets N3, N4 and LeNet-5).
# Not part of CI. About 8 minutes.
#   benchmarks/side-by-side.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-benchmarks/results/$(date +%F)}"
mkdir -p "$out"
lscpu | grep -E -m3 'Model name|CPU family|^Model:' || true
# the widest vectors C2 may use (an AVX-512 host runs these kernels differently from AVX2)
if grep -q -w avx512f /proc/cpuinfo; then echo "vectors: AVX-512"
elif grep -q -w avx2 /proc/cpuinfo; then echo "vectors: AVX2"; fi

# always rebuilt: a jar left from an older checkout would measure older code
mvn -q -B install -DskipTests
mvn -q -B -Pbenchmarks -pl benchmarks package
# the runtime's Vector API kernels in the forks, where the JDK has the module (as ./chainrule)
simd=()
if java --list-modules 2>/dev/null | grep -q '^jdk\.incubator\.vector@'; then
  simd=(-jvmArgsAppend "--add-modules jdk.incubator.vector")
  echo "simd: on (jdk.incubator.vector)"
else
  echo "simd: off"
fi
# 20 s of warm-up: the Vector API kernels run their slow Java fallback until C2 compiles them
java -jar benchmarks/target/benchmarks.jar TrainingThroughputBenchmark -p net=N3,N4,LeNet \
    -p batch=1,32,128 -p trainer=BYTECODE -p threads=1 -f 1 -wi 4 -i 5 -w 5s -r 2s "${simd[@]}" \
    -rf json -rff "$out/chainrule.json" > "$out/chainrule.log"

torch_json=""
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
      /usr/bin/python3 benchmarks/side_by_side.py torch "$out/pytorch.json"
  torch_json="$out/pytorch.json"
else
  echo "PyTorch not installed (apt-get install python3-torch libopenblas0-pthread): Chainrule only" >&2
fi
/usr/bin/python3 benchmarks/side_by_side.py table "$out/chainrule.json" $torch_json \
    | tee "$out/side-by-side.md"
