namespace Tagnn.Model.Variants;

/// <summary>
/// A variant provided by a compiled class library, for <c>tagnn train --variant ASSEMBLY:TYPE</c>
/// (<see cref="VariantProviders"/>): a public class with a public parameterless constructor that registers its parts
/// (<see cref="Part"/>) and returns the variant.
/// </summary>
public interface IVariantProvider
{
    /// <summary>Registers the variant's parts and returns it, built on <paramref name="baseConfig"/> (the model the
    /// command-line options describe: d, GNN steps, formulation, readout, item table size).</summary>
    VariantSpec Create(ModelConfig baseConfig);
}
