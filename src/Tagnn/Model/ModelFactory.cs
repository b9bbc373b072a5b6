using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>Builds TAGNN and SR-GNN (and their variants) from a <see cref="ModelConfig"/>.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Assembles the model <paramref name="config"/> describes and initialises every parameter (and the reference's
    /// unused buffers) from U(-1/sqrt(d), 1/sqrt(d)), in the reference's order, as its <c>reset_parameters</c> does.
    /// </summary>
    /// <param name="config">What to build.</param>
    /// <param name="seed">Seed of the initialisation (a private generator: the global torch seed is untouched).</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    public static SessionModel Create(ModelConfig config, long seed = 0, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var d = config.HiddenSize;
        var gnn = new GatedGraphCell(d, config.GnnSteps);
        var readout = SessionReadout.Create(config.Readout, d, config.UsesGlobalSoftmax);
        SessionCombiner combiner = config.Formulation == Formulation.Paper
            ? new ConcatCombiner(d, config.UsesTargetAttention, readout.HasLocal, readout.HasGlobal)
            : new SumCombiner(d, readout.HasLocal, readout.HasGlobal);
        var target = config.UsesTargetAttention ? new TargetAttention(d) : null;
        var model = new SessionModel(config, gnn, readout, combiner, target);
        Initialize(model, seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }

    /// <summary>Re-initialises every reference tensor of <paramref name="model"/> from U(-1/sqrt(d), 1/sqrt(d)).</summary>
    public static void Initialize(SessionModel model, long seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var bound = 1.0 / Math.Sqrt(model.Config.HiddenSize);
        using var generator = new Generator((ulong)seed, model.Device);
        using (no_grad())
        {
            foreach (var (_, tensor) in model.ReferenceTensors())
            {
                // Tensor.uniform_, not nn.init.uniform_: TorchSharp 0.107's nn.init.uniform_ ignores its generator.
                tensor.uniform_(-bound, bound, generator);
            }
        }
    }
}
