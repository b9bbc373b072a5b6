using Tagnn.Model.Parts;
using Tagnn.Model.Scoring;
using Tagnn.Model.Variants;
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
    public static SessionModel Create(ModelConfig config, long seed = 0, Device? device = null) =>
        Create(config, null, null, seed, device);

    /// <summary>
    /// As <see cref="Create(ModelConfig, long, Device?)"/>, with some parts replaced (a variant): each replacement is
    /// made in the model's order where the built-in part would be; every parameter, the replacements' included, is
    /// initialised from U(-1/sqrt(d), 1/sqrt(d)) (the reference's tensors first, in its order; then the replacements',
    /// in registration order).
    /// </summary>
    /// <param name="config">The base configuration.</param>
    /// <param name="overrides">Replacement parts (null: none).</param>
    /// <param name="spec">What the model records as its specification (default <paramref name="config"/>).</param>
    /// <param name="seed">Seed of the initialisation.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    public static SessionModel Create(ModelConfig config, PartOverrides? overrides, ModelSpec? spec, long seed = 0, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var d = config.HiddenSize;
        var embedding = overrides?.Embedding?.Invoke();                                               // null: built-in
        IGraphEncoder gnn = overrides?.GraphEncoder?.Invoke() ?? new GatedGraphCell(d, config.GnnSteps); // Eq. 1-5
        ISessionReadout readout = overrides?.Readout?.Invoke()
            ?? SessionReadout.Create(config.Readout, d, config.GlobalSoftmax);                        // Eq. 8-9
        ISessionCombiner combiner = overrides?.Combiner?.Invoke(readout) ?? (config.Formulation == Formulation.Paper
            ? new ConcatCombiner(d, config.TargetAttention, readout.HasLocal, readout.HasGlobal)     // Eq. 10
            : new SumCombiner(d, readout.HasLocal, readout.HasGlobal));                               // the code's sum
        ITargetAttention? target = config.TargetAttention
            ? overrides?.TargetAttention?.Invoke(readout) ?? new TargetAttention(d)                   // Eq. 6-7
            : null;
        var scorer = overrides?.Scorer?.Invoke();
        var model = new SessionModel(config, new SessionParts
        {
            Embedding = embedding,
            GraphEncoder = gnn,
            Readout = readout,
            Combiner = combiner,
            TargetAttention = target,
            Scorer = scorer,
        }, spec);
        model.Initialize(seed);
        if (device is not null && device.type != DeviceType.CPU) model.to(device);
        return model;
    }
}
