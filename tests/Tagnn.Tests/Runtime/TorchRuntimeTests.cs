using Tagnn.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Runtime;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void Loads_and_runs_forward_backward_and_an_Adam_step()
    {
        var info = TorchRuntime.EnsureLoaded();
        Assert.Equal("0.107.0", info.TorchSharpVersion);
        Assert.Same(info, TorchRuntime.EnsureLoaded()); // idempotent

        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var layer = nn.Linear(3, 2);
        var x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        var before = layer.weight!.detach().clone();
        var loss = layer.call(x).pow(2).sum();
        loss.backward();
        Assert.NotNull(layer.weight.grad);
        Assert.True(layer.weight.grad!.abs().sum().item<float>() > 0);
        var adam = optim.Adam(layer.parameters(), lr: 0.1);
        adam.step();
        // Adam's first step moves every weight with a non-zero gradient by about lr.
        var moved = (layer.weight.detach() - before).abs();
        Assert.True(moved.max().item<float>() is > 0.09f and < 0.11f);
    }
}
