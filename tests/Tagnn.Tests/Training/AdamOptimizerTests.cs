using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Tests.Model;
using Tagnn.Tests.Support;
using Tagnn.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Training;

public sealed class AdamOptimizerTests
{
    [Fact]
    public void Matches_TorchSharps_Adam_bit_for_bit_over_steps_with_changing_rates()
    {
        using var scope = NewDisposeScope();
        var (ours, theirs) = (TwoLayers(3), TwoLayers(3));
        var adam = new AdamOptimizer(ours.named_parameters(), learningRate: 1e-2, weightDecay: 1e-3);
        var reference = new TorchSharp.Modules.Adam(theirs.parameters(), lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 1e-3);
        var input = randn(new long[] { 5, 4 }, generator: new Generator(11));
        for (var step = 0; step < 6; step++)
        {
            var rate = step < 3 ? 1e-2 : 1e-3;
            adam.LearningRate = rate;
            foreach (var g in reference.ParamGroups) g.LearningRate = rate;
            adam.ZeroGrad();
            reference.zero_grad();
            ours.call(input).pow(2).sum().backward();
            theirs.call(input).pow(2).sum().backward();
            adam.Step();
            reference.step();
            TinyData.AssertSameParameters(theirs, ours);
        }
        Assert.All(adam.Steps, s => Assert.Equal(6, s));
    }

    [Fact]
    public void Large_parameters_updated_slice_by_slice_match_TorchSharps_Adam_bit_for_bit()
    {
        using var scope = NewDisposeScope();
        var (ours, theirs) = (TwoLayers(5), TwoLayers(5));
        // Slices of 7 elements: every weight matrix is updated in several slices, the last one shorter.
        var adam = new AdamOptimizer(ours.named_parameters(), learningRate: 1e-2, weightDecay: 1e-3) { SliceElements = 7 };
        var reference = new TorchSharp.Modules.Adam(theirs.parameters(), lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weight_decay: 1e-3);
        var input = randn(new long[] { 5, 4 }, generator: new Generator(12));
        for (var step = 0; step < 4; step++)
        {
            adam.ZeroGrad();
            reference.zero_grad();
            ours.call(input).pow(2).sum().backward();
            theirs.call(input).pow(2).sum().backward();
            adam.Step();
            reference.step();
            TinyData.AssertSameParameters(theirs, ours);
        }
        Assert.Contains(ours.parameters(), p => p.numel() > 7);
    }

    [Theory]
    [InlineData("tagnn")]
    [InlineData("srgnn")]
    public void Reproduces_the_reference_Adam_step_of_the_parity_fixture(string name)
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load(name);
        var expected = fixture.Expected();
        var model = ReferenceParityTests.LoadModel(fixture);
        var batcher = new SessionBatcher(fixture.Dataset(), new BatcherOptions(BatchSize: 100, PadLength: fixture.PadLength, Prefetch: false));
        using var batch = batcher.Build([0, 1, 2, 3, 4, 5]);
        var adam = new AdamOptimizer(model.named_parameters(), fixture.LearningRate, weightDecay: fixture.WeightDecay);
        adam.ZeroGrad();
        model.Loss(batch).backward();
        adam.Step();
        foreach (var (tensorName, tensor) in model.ReferenceTensors())
            TensorAssert.Close(expected[$"after_step.{tensorName}"], tensor, 1e-6, $"after_step.{tensorName}");
    }

    [Fact]
    public void Saved_state_continues_exactly()
    {
        using var scope = NewDisposeScope();
        var input = randn(new long[] { 5, 4 }, generator: new Generator(3));
        void Steps(nn.Module<Tensor, Tensor> m, AdamOptimizer o, int count)
        {
            for (var i = 0; i < count; i++)
            {
                o.ZeroGrad();
                m.call(input).tanh().sum().backward();
                o.Step();
            }
        }
        var straight = TwoLayers(5);
        Steps(straight, new AdamOptimizer(straight.named_parameters(), 1e-2), 4);

        var first = TwoLayers(5);
        var firstAdam = new AdamOptimizer(first.named_parameters(), 1e-2);
        Steps(first, firstAdam, 2);
        var (tensors, counts) = firstAdam.State();
        var saved = tensors.ToDictionary(p => p.Key, p => p.Value.clone());
        var resumed = TwoLayers(0);
        using (no_grad())
        {
            foreach (var ((_, to), (_, from)) in resumed.named_parameters().Zip(first.named_parameters())) to.copy_(from);
        }
        var resumedAdam = new AdamOptimizer(resumed.named_parameters(), 1e-2);
        resumedAdam.LoadState(saved, counts);
        Steps(resumed, resumedAdam, 2);
        TinyData.AssertSameParameters(straight, resumed);
    }

    [Fact]
    public void A_state_that_does_not_fit_is_rejected_with_every_problem_named()
    {
        using var scope = NewDisposeScope();
        var model = TwoLayers(1);
        var adam = new AdamOptimizer(model.named_parameters());
        var (tensors, counts) = adam.State();
        var broken = tensors.ToDictionary(p => p.Key, p => p.Value);
        broken.Remove("exp_avg.0.weight");
        broken["exp_avg_sq.0.bias"] = zeros(7);
        var e = Assert.Throws<InvalidDataException>(() => adam.LoadState(broken, counts));
        Assert.Contains("missing 'exp_avg.0.weight'", e.Message);
        Assert.Contains("'exp_avg_sq.0.bias' has shape [7]", e.Message);
    }

    private static nn.Module<Tensor, Tensor> TwoLayers(int seed)
    {
        var model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2));
        using var generator = new Generator((ulong)seed);
        using (no_grad())
        {
            foreach (var p in model.parameters()) p.uniform_(-0.5, 0.5, generator);
        }
        return model;
    }
}
