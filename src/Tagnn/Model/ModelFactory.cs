using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model;

/// <summary>Assembles TAGNN and SR-GNN (and their variants) from a <see cref="ModelConfig"/>.</summary>
public static class ModelFactory
{
    /// <summary>
    /// Assembles the model <paramref name="config"/> describes and initialises every parameter (and the reference's
    /// unused buffers) from U(-1/sqrt(d), 1/sqrt(d)), in the reference's order, as its <c>reset_parameters</c> does
    /// (<see cref="SessionModel.Initialize"/>).
    /// </summary>
    /// <param name="config">What to build.</param>
    /// <param name="seed">Seed of the initialisation (a private generator: the global torch seed is untouched).</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    public static SessionModel Create(ModelConfig config, long seed = 0, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var d = config.HiddenSize;
        var gnn = new GatedGraphCell(d, config.GnnSteps);                                             // Eq. 1-5
        var readout = SessionReadout.Create(config.Readout, d, config.GlobalSoftmax);                 // Eq. 8-9
        SessionCombiner combiner = config.Formulation == Formulation.Paper
            ? new ConcatCombiner(d, config.TargetAttention, readout.HasLocal, readout.HasGlobal)     // Eq. 10
            : new SumCombiner(d, readout.HasLocal, readout.HasGlobal);                                // the code's sum
        var target = config.TargetAttention ? new TargetAttention(d) : null;                          // Eq. 6-7
        var model = new SessionModel(config, gnn, readout, combiner, target);
        model.Initialize(seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }
}
