#!/usr/bin/env bash
# LeNet-5 on the full Fashion-MNIST (samples/fashion-mnist-lenet.yaml): trains on the 60,000
# training images and tests on the 10,000 test images after every epoch. Installs Debian's
# dataset-fashion-mnist (IDX files under /usr/share/datasets/fashion-mnist/) when it is
# missing. Not part of the default build: it keeps the machine busy for a while.
#   samples/fashion-mnist-lenet.sh [train options, e.g. --threads 2 or --epochs 12]
set -euo pipefail
cd "$(dirname "$0")/.."
data=/usr/share/datasets/fashion-mnist
if [ ! -f "$data/train-images-idx3-ubyte.gz" ] || [ ! -f "$data/t10k-labels-idx1-ubyte.gz" ]; then
    echo "installing Debian's dataset-fashion-mnist into $data" >&2
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
    $sudo apt-get install -y dataset-fashion-mnist >&2 \
        || { $sudo apt-get update >&2 && $sudo apt-get install -y dataset-fashion-mnist >&2; }
fi
start=$(date +%s)
./chainrule train samples/fashion-mnist-lenet.yaml "$@"
echo "fashion-mnist-lenet: $(( $(date +%s) - start )) s wall clock (the CLI's start included)"
