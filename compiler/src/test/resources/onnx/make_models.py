"""Exports the small models the ONNX tests import, with PyTorch 1.13 (Debian python3-torch),
and records torch's outputs in double: <name>.onnx, <name>.inputs.csv, <name>.outputs.csv.
    /usr/bin/python3 make_models.py    (run in this directory)"""
import torch
import torch.nn as nn

torch.manual_seed(0)


class Mlp(nn.Module):
    """Gemm, Relu, Tanh, Softmax: the classic MLP, with a BatchNorm1d in inference form."""

    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(4, 8)
        self.bn = nn.BatchNorm1d(8)
        self.l2 = nn.Linear(8, 6)
        self.l3 = nn.Linear(6, 3)

    def forward(self, x):
        h = torch.relu(self.bn(self.l1(x)))
        h = torch.tanh(self.l2(h))
        return torch.softmax(self.l3(h), dim=1)


class Ops(nn.Module):
    """MatMul, Add/Sub/Mul/Div with constants, Neg, Exp, Log, Sqrt, Abs, Pow, Sigmoid,
    a view(x.size(0), -1) (Shape/Gather/Unsqueeze/Concat/Reshape), ReduceMean, LogSoftmax."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.randn(5, 4))
        self.v = nn.Parameter(torch.randn(4))

    def forward(self, x):
        h = x @ self.w + self.v
        h = torch.sigmoid(h) * 2.0 - 0.5
        h = h.view(h.size(0), -1)
        g = torch.sqrt(torch.abs(h) + 1.0) / 3.0 + torch.exp(-h) + torch.log(h * h + 1.0)
        g = g ** 2 - g.mean(dim=1, keepdim=True)
        return torch.log_softmax(g, dim=1)


class FreshBn(nn.Module):
    """A fresh BatchNorm1d: its weight and running variance (all 1) are one initializer read
    through Identity nodes, as are its bias and running mean (all 0). A fixed batch of 6 and a
    Flatten."""

    def __init__(self):
        super().__init__()
        self.l1 = nn.Linear(3, 5)
        self.bn = nn.BatchNorm1d(5)
        self.l2 = nn.Linear(5, 2)

    def forward(self, x):
        return self.l2(torch.flatten(torch.sigmoid(self.bn(self.l1(x))), 1))


class LeNet(nn.Module):
    """Conv (padding, then stride 2 with dilation), MaxPool, AveragePool, a view(N, -1) and
    Linear: a small LeNet on 1x14x14 images."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 4, 3, padding=1)
        self.c2 = nn.Conv2d(4, 6, 3, stride=1, dilation=2)
        self.l1 = nn.Linear(6 * 2 * 2, 3)

    def forward(self, x):
        h = nn.functional.max_pool2d(torch.relu(self.c1(x)), 2)
        h = nn.functional.avg_pool2d(torch.tanh(self.c2(h)), 2, stride=1, padding=0)
        return self.l1(h.view(h.size(0), -1))


class GapNet(nn.Module):
    """Conv without bias, a BatchNorm2d (after the Relu, so not fused into the Conv), a
    strided MaxPool with padding, GlobalAveragePool, Flatten."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(2, 5, (3, 2), stride=(1, 2), bias=False)
        self.bn = nn.BatchNorm2d(5)
        self.l1 = nn.Linear(5, 2)

    def forward(self, x):
        h = nn.functional.max_pool2d(self.bn(torch.relu(self.c1(x))), 3, stride=2, padding=1)
        h = torch.flatten(nn.functional.adaptive_avg_pool2d(h, 1), 1)
        return self.l1(h)


def export(model, name, x, opset, fresh=False, dynamic=True, double=False):
    model.eval()
    if double:
        model, x = model.double(), x.double()
    # a BatchNorm with statistics that are not the fresh 0 and 1
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)) and not fresh:
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 2.0)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.2, 0.2)
    torch.onnx.export(model, x, name + ".onnx", opset_version=opset, input_names=["input"],
                      output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}} if dynamic else None)
    with torch.no_grad():
        y = model.double()(x.double())
    write(name + ".inputs.csv", x.double())
    write(name + ".outputs.csv", y)


def write(path, t):
    with open(path, "w") as f:
        for row in t.reshape(t.shape[0], -1).tolist():
            f.write(",".join(repr(v) for v in row) + "\n")


if __name__ == "__main__":
    x4 = torch.randn(6, 4)
    x5 = torch.randn(6, 5)
    export(Mlp(), "mlp-opset17", x4, 17)
    export(Mlp(), "mlp-opset9", x4, 9)
    export(Ops(), "ops-opset13", x5, 13)
    export(Ops(), "ops-opset11", x5, 11)
    export(Mlp(), "mlp-double-opset15", x4, 15, double=True)
    export(FreshBn(), "fresh-bn-fixed-batch-opset12", torch.randn(6, 3), 12, fresh=True,
           dynamic=False)
    export(LeNet(), "lenet-opset13", torch.randn(5, 1, 14, 14), 13)
    export(GapNet(), "gapnet-opset11", torch.randn(4, 2, 9, 8), 11)
