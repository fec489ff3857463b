#!/usr/bin/env python3
"""Chainrule against PyTorch on the same nets, one thread, float, in one run.

  side_by_side.py torch OUT.json [NETS [SECONDS]]   PyTorch eager: samples/s per net and batch,
                                     and the sgemm peak (NETS: e.g. LeNet; SECONDS per measurement)
  side_by_side.py table JMH.json TORCH.json   the ratio table (markdown)

Nets as PERFORMANCE.md: N3 784-128-10 and N4 784-256-128-10, relu, softmax cross-entropy,
and LeNet-5 as samples/mnist-lenet.yaml (nn.Conv2d 6@5x5 pad 2, F.max_pool2d 2, nn.Conv2d
16@5x5, F.max_pool2d 2, 120, 84, 10, relu); SGD lr 0.01, batch mean; MNIST's 8k training
images (samples/data), or random images with 19% nonzero pixels when the files are missing.
Run through side-by-side.sh, which pins one thread.
"""
import gzip
import json
import os
import struct
import sys
import time


def mnist(n):
    import numpy as np
    base = os.path.join(os.path.dirname(__file__), "..", "samples", "data")
    images = os.path.join(base, "mnist-train-8k-images-idx3-ubyte.gz")
    labels = os.path.join(base, "mnist-train-8k-labels-idx1-ubyte.gz")
    if os.path.exists(images):
        with gzip.open(images) as f:
            _, count, rows, cols = struct.unpack(">IIII", f.read(16))
            x = np.frombuffer(f.read(), dtype=np.uint8).reshape(count, rows * cols)
        with gzip.open(labels) as f:
            f.read(8)
            y = np.frombuffer(f.read(), dtype=np.uint8)
        return (x[:n] / 255.0).astype(np.float32), y[:n].astype(np.int64)
    rng = np.random.default_rng(42)
    x = (rng.random((n, 784)) * (rng.random((n, 784)) < 0.19)).astype(np.float32)
    return x, rng.integers(0, 10, n).astype(np.int64)


def dense(widths):
    import torch
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def lenet():
    """LeNet-5 over [n, 1, 28, 28] images, as samples/mnist-lenet.yaml."""
    import torch
    import torch.nn.functional as F

    class LeNet(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.conv1 = torch.nn.Conv2d(1, 6, 5, padding=2)
            self.conv2 = torch.nn.Conv2d(6, 16, 5)
            self.fc1 = torch.nn.Linear(400, 120)
            self.fc2 = torch.nn.Linear(120, 84)
            self.fc3 = torch.nn.Linear(84, 10)

        def forward(self, x):
            x = F.max_pool2d(F.relu(self.conv1(x)), 2)
            x = F.max_pool2d(F.relu(self.conv2(x)), 2)
            x = torch.flatten(x, 1)
            return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))

    return LeNet()


NETS = (("N3", lambda: dense([784, 128, 10]), False),
        ("N4", lambda: dense([784, 256, 128, 10]), False),
        ("LeNet", lenet, True))


def torch_run(out, nets=None, seconds=1.5):
    import torch
    torch.set_num_threads(1)
    x_flat, y_all = mnist(2000)
    x_flat = torch.from_numpy(x_flat)
    y_all = torch.from_numpy(y_all)
    results = {}
    for net, build, image in NETS:
        if nets and net not in nets:
            continue
        x_all = x_flat.reshape(-1, 1, 28, 28) if image else x_flat
        for batch in (1, 32, 128):
            torch.manual_seed(42)
            model = build()
            opt = torch.optim.SGD(model.parameters(), lr=0.01)
            loss_fn = torch.nn.CrossEntropyLoss()

            def epoch():
                for start in range(0, x_all.shape[0], batch):
                    xb = x_all[start:start + batch]
                    yb = y_all[start:start + batch]
                    opt.zero_grad()
                    loss_fn(model(xb), yb).backward()
                    opt.step()
                return x_all.shape[0]

            epoch()
            rates = []
            for _ in range(3):
                t0 = time.perf_counter()
                n = 0
                while time.perf_counter() - t0 < seconds:
                    n += epoch()
                rates.append(n / (time.perf_counter() - t0))
            results["%s/%d" % (net, batch)] = sorted(rates)[1]
    a = torch.rand(1024, 1024)
    b = torch.rand(1024, 1024)
    torch.mm(a, b)
    t0 = time.perf_counter()
    reps = 0
    while time.perf_counter() - t0 < 2:
        torch.mm(a, b)
        reps += 1
    results["sgemm_gflops"] = reps * 2 * 1024 ** 3 / (time.perf_counter() - t0) / 1e9
    results["torch"] = torch.__version__
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


# Training FLOPs per sample, dense: forward 2·in·out, weight gradient 2·in·out, input
# gradient 2·in·out but for the first layer (as BenchCommand.denseFlopsPerSample).
# LeNet likewise, per layer its multiply-adds (conv: K·H'·W'·C·kh·kw): forward, weight and
# input gradients but conv1's input gradient, 2 FLOPs each.
FLOPS = {"N3": 4 * 784 * 128 + 6 * 128 * 10,
         "N4": 4 * 784 * 256 + 6 * 256 * 128 + 6 * 128 * 10,
         "LeNet": 4 * 6 * 28 * 28 * 25 + 6 * (16 * 10 * 10 * 150 + 400 * 120 + 120 * 84 + 84 * 10)}


def table(jmh_file, torch_file):
    with open(jmh_file) as f:
        jmh = json.load(f)
    torch_rates = {}
    if torch_file and os.path.exists(torch_file):
        with open(torch_file) as f:
            torch_rates = json.load(f)
    ours = {}
    for r in jmh:
        p = r["params"]
        if p.get("trainer") != "BYTECODE" or p.get("threads") != "1":
            continue
        ours["%s/%s" % (p["net"], p["batch"])] = r["secondaryMetrics"]["samples"]["score"]
    peak = torch_rates.get("sgemm_gflops")
    print("| net | batch | Chainrule samples/s | PyTorch eager | Chainrule / PyTorch |"
          " GFLOP/s dense-equivalent | / sgemm peak |")
    print("|---|---|---|---|---|---|---|")
    for key in sorted(ours, key=lambda k: (k.split("/")[0], int(k.split("/")[1]))):
        net, batch = key.split("/")
        c = ours[key]
        t = torch_rates.get(key)
        gflops = c * FLOPS[net] / 1e9 if net in FLOPS else float("nan")
        print("| %s | %s | %.0f | %s | %s | %.1f | %s |" % (
            net, batch, c, "%.0f" % t if t else "–", "%.2f" % (c / t) if t else "–", gflops,
            "%.2f" % (gflops / peak) if peak else "–"))
    if peak:
        print("\none-thread sgemm peak (torch.mm 1024³): %.1f GFLOP/s; PyTorch %s"
              % (peak, torch_rates.get("torch")))


if __name__ == "__main__":
    if sys.argv[1] == "torch":
        # optional: a comma-separated list of nets, and seconds per measurement (short checks)
        torch_run(sys.argv[2], sys.argv[3].split(",") if len(sys.argv) > 3 else None,
                  float(sys.argv[4]) if len(sys.argv) > 4 else 1.5)
    else:
        table(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
