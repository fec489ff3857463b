# PyTorch 1.13 float64 reference for ConvGraphCommandTest
import torch, json, random
import torch.nn.functional as F
random.seed(7)
def r(*shape):
    n=1
    for d in shape: n*=d
    return torch.tensor([round(random.uniform(-1,1),2) for _ in range(n)],dtype=torch.float64).reshape(shape)
x=r(2,5,6).requires_grad_(); W=r(3,2,3,2).requires_grad_(); b=r(3).requires_grad_()
c=F.conv2d(x[None],W,b,stride=(2,1),padding=1,dilation=(1,2))[0]
p=F.max_pool2d(F.relu(c)[None],2,stride=1)[0]
a=F.avg_pool2d(c[None],(2,2),stride=1,padding=1,count_include_pad=True)[0]
f=p.flatten(); rr=a.reshape(3,28)
y=(f*f).sum()+rr.sum()+c.mean()
y.backward()
print("y", repr(y.item()))
def L(t): return json.dumps(t.tolist())
print("x", L(x.detach())); print("W", L(W.detach())); print("b", L(b.detach()))
print("gx", L(x.grad)); print("gW", L(W.grad)); print("gb", L(b.grad))
