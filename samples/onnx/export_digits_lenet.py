"""Trains a small LeNet-style CNN on the UCI digits (8x8 images) with PyTorch 1.13 and exports
it to ONNX: the CNN round trip in README.md (PyTorch -> Chainrule -> onnxruntime).
    /usr/bin/python3 samples/onnx/export_digits_lenet.py      (from the repository root)
Writes samples/onnx/digits-lenet.onnx and prints the test accuracy torch measured.
ZeroPad2d + Conv and AvgPool2d(padding=1) export as Pad nodes that Chainrule folds into the
Conv's and the AveragePool's own padding."""
import csv
import torch
import torch.nn as nn


def load(path):
    rows = [r for r in csv.reader(open(path)) if r and not r[0][0].isalpha()]
    x = torch.tensor([[float(v) for v in r[:-1]] for r in rows]).reshape(-1, 1, 8, 8)
    y = torch.tensor([int(float(r[-1])) for r in rows])
    return x, y


torch.manual_seed(7)
x, y = load("samples/data/digits-train.csv")
xt, yt = load("samples/data/digits-test.csv")
model = nn.Sequential(
    nn.ZeroPad2d(1), nn.Conv2d(1, 6, 3), nn.ReLU(),           # 6 x 8 x 8
    nn.AvgPool2d(3, stride=2, padding=1),                      # 6 x 4 x 4 (Pad + AveragePool)
    nn.Conv2d(6, 16, 3, padding=1), nn.ReLU(),                 # 16 x 4 x 4
    nn.MaxPool2d(2),                                           # 16 x 2 x 2
    nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(dim=1))
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for epoch in range(3):  # deliberately short: the walk-through fine-tunes it in Chainrule
    for i in range(0, len(x), 16):
        opt.zero_grad()
        logits = model[:-1](x[i:i + 16])
        nn.functional.cross_entropy(logits, y[i:i + 16]).backward()
        opt.step()
model.eval()
with torch.no_grad():
    accuracy = (model(xt).argmax(1) == yt).float().mean().item()
print(f"torch test accuracy after 3 epochs: {accuracy:.4f}")
torch.onnx.export(model, x[:1], "samples/onnx/digits-lenet.onnx", opset_version=13,
                  input_names=["pixels"], output_names=["probabilities"],
                  dynamic_axes={"pixels": {0: "N"}, "probabilities": {0: "N"}})
