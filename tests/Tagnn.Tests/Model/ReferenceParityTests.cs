using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// Reference mode reproduces the authors' code on the fixture batch: GNN output, position states, scores, loss,
/// every gradient and every parameter after one Adam step, for TAGNN and SR-GNN, with the batch padded dataset-wide
/// (the reference's own tensors) and per batch (dataset-wide semantics added analytically).
/// </summary>
public sealed class ReferenceParityTests
{
    [Theory]
    [InlineData("tagnn", PaddingPolicy.Dataset)]
    [InlineData("tagnn", PaddingPolicy.Batch)]
    [InlineData("srgnn", PaddingPolicy.Dataset)]
    [InlineData("srgnn", PaddingPolicy.Batch)]
    public void Reproduces_the_reference_forward_backward_and_Adam_step(string name, PaddingPolicy policy)
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load(name);
        var expected = fixture.Expected();
        var model = LoadModel(fixture);
        var batcher = new SessionBatcher(fixture.Dataset(),
            new BatcherOptions(BatchSize: 100, Padding: policy, PadLength: fixture.PadLength, Prefetch: false));
        using var batch = batcher.Build([0, 1, 2, 3, 4, 5]);
        Assert.Equal(policy == PaddingPolicy.Dataset ? 9 : 7, batch.Length);

        var encoding = model.Encode(batch);
        if (policy == PaddingPolicy.Dataset)
        {
            // The per-batch batch has other node lists and positions; its states are compared through the scores.
            TensorAssert.Close(expected["gnn_hidden"], encoding.NodeStates, 1e-5, "gnn_hidden");
            TensorAssert.Close(expected["seq_hidden"], encoding.PositionStates, 1e-5, "seq_hidden");
        }
        var scores = model.Score(encoding);
        TensorAssert.Close(expected["scores"], scores, 1e-5, "scores");
        var loss = NextItemLoss.Compute(scores, batch.Targets);
        Assert.Equal(fixture.Loss, loss.item<float>(), fixture.Loss * 1e-6);
        Assert.Equal(expected["loss"].item<float>(), loss.item<float>(), fixture.Loss * 1e-6);

        loss.backward();
        var tensors = model.ReferenceTensors();
        var gradients = 0;
        foreach (var (tensorName, tensor) in tensors)
        {
            if (!expected.TryGetValue($"grad.{tensorName}", out var grad))
            {
                Assert.StartsWith("gnn.linear_edge_f.", tensorName); // the reference's unused layer gets no gradient
                Assert.Null(tensor.grad);
                continue;
            }
            Assert.NotNull(tensor.grad);
            TensorAssert.RelativeClose(grad, tensor.grad!, 1e-4, $"grad.{tensorName}");
            gradients++;
        }
        Assert.Equal(expected.Keys.Count(k => k.StartsWith("grad.", StringComparison.Ordinal)), gradients);

        var adam = optim.Adam(model.parameters(), lr: fixture.LearningRate, weight_decay: fixture.WeightDecay);
        adam.step();
        foreach (var (tensorName, tensor) in tensors)
        {
            TensorAssert.Close(expected[$"after_step.{tensorName}"], tensor, 1e-6, $"after_step.{tensorName}");
        }
    }

    [Theory]
    [InlineData("tagnn")]
    [InlineData("srgnn")]
    public void Loads_the_fixture_weights_under_the_reference_names(string name)
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load(name);
        var model = LoadModel(fixture);
        var weights = Tagnn.IO.Safetensors.Load(fixture.WeightsPath);
        Assert.Equal(weights.Keys, model.ReferenceTensors().Select(p => p.Name)); // same names, same order
        foreach (var (tensorName, tensor) in model.ReferenceTensors())
        {
            TensorAssert.Equal(weights[tensorName], tensor, tensorName);
        }
    }

    internal static SessionModel LoadModel(ParityFixture fixture)
    {
        var config = (fixture.Model == "tagnn" ? ModelConfig.ForTagnn(fixture.NodeTableSize) : ModelConfig.ForSrGnn(fixture.NodeTableSize))
            with { HiddenSize = fixture.HiddenSize, GnnSteps = fixture.GnnSteps };
        var model = ModelFactory.Create(config, seed: 1);
        model.LoadReferenceWeights(fixture.WeightsPath);
        return model;
    }
}
