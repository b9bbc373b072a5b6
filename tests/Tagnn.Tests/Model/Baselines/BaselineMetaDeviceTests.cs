using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>
/// Every baseline runs a whole training step (loss, backward, Adam) and the evaluation forward on the meta device
/// (shapes and dtypes without values): it creates every tensor on the model's device and reads nothing back to the
/// host, which is what it needs to run on a GPU.
/// </summary>
public sealed class BaselineMetaDeviceTests
{
    public static TheoryData<string> Names() => [.. NeuralBaselines.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_training_step_and_the_evaluation_forward_run_on_meta(string name)
    {
        var meta = new Device(DeviceType.META);
        var train = BaselineCases.Augmented([1, 2, 3, 4], [5, 6, 5], [7, 1, 2]);
        using var scope = NewDisposeScope();
        using var model = NeuralBaselines.Default(name, 8).Build(seed: 1, device: meta);
        model.BindTrainingSet(train);                                             // BPR-MF, FPMC: the session table, on meta
        Assert.All(model.CheckpointTensors(), p => Assert.True(p.Tensor.device_type == DeviceType.META, $"{p.Name} is on {p.Tensor.device}"));
        using var batch = new SessionBatcher(train, new BatcherOptions(8, PaddingPolicy.Batch, Prefetch: false) { Device = meta }).Batches().Single();
        using var optimizer = new AdamOptimizer(model.named_parameters());
        model.train();                                                            // dropouts on

        var loss = TrainingStep.Run(model, optimizer, batch, new TrainingStepContext(0, 0, 7));
        Assert.Equal(DeviceType.META, loss.device_type);
        Assert.Empty(loss.shape);
        foreach (var (parameter, grad) in model.named_parameters().Select(p => (p.name, p.parameter.grad)))
        {
            Assert.True(grad is not null, $"{parameter} got no gradient");
            Assert.Equal(DeviceType.META, grad.device_type);
        }
        Assert.All(optimizer.Steps, s => Assert.Equal(1, s));
        Assert.Contains("meta", Assert.ThrowsAny<Exception>(() => loss.item<float>()).Message, StringComparison.OrdinalIgnoreCase);

        model.eval();
        using (no_grad())
        {
            var scores = model.forward(batch);
            Assert.Equal(DeviceType.META, scores.device_type);
            Assert.Equal(new long[] { batch.Count, 7 }, scores.shape);
        }
    }
}
