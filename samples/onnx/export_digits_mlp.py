"""Trains a small MLP on the UCI digits with PyTorch 1.13 and exports it to ONNX: the model the
walk-through in README.md imports, fine-tunes and exports again.
    /usr/bin/python3 samples/onnx/export_digits_mlp.py      (from the repository root)
Writes samples/onnx/digits-mlp.onnx and prints the test accuracy torch measured."""
import csv
import torch
import torch.nn as nn


def load(path):
    rows = [r for r in csv.reader(open(path)) if r and not r[0][0].isalpha()]
    x = torch.tensor([[float(v) for v in r[:-1]] for r in rows])
    y = torch.tensor([int(float(r[-1])) for r in rows])
    return x, y


torch.manual_seed(7)
x, y = load("samples/data/digits-train.csv")
xt, yt = load("samples/data/digits-test.csv")
model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(dim=1))
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for epoch in range(2):  # deliberately short: the walk-through fine-tunes it in Chainrule
    for i in range(len(x)):
        opt.zero_grad()
        logits = model[:-1](x[i:i + 1])
        nn.functional.cross_entropy(logits, y[i:i + 1]).backward()
        opt.step()
model.eval()
with torch.no_grad():
    accuracy = (model(xt).argmax(1) == yt).float().mean().item()
print(f"torch test accuracy after 2 epochs: {accuracy:.4f}")
torch.onnx.export(model, x[:1], "samples/onnx/digits-mlp.onnx", opset_version=17,
                  input_names=["pixels"], output_names=["probabilities"],
                  dynamic_axes={"pixels": {0: "N"}, "probabilities": {0: "N"}})
