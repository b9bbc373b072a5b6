using Tagnn.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

/// <summary>
/// Module.to(...) replaces parameter objects; the modules that keep parameters in fields must see the new ones.
/// A dtype change takes the same path as a device move, so it is the CPU-testable proof for GPU moves.
/// </summary>
public sealed class ModuleMoveTests
{
    [Fact]
    public void Gated_graph_cell_fields_follow_a_move()
    {
        using var scope = NewDisposeScope();
        var cell = new GatedGraphCell(4);
        foreach (var (_, p) in cell.named_parameters()) p.detach().uniform_(-0.5, 0.5);
        cell.to(ScalarType.Float64);
        Assert.All(cell.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        var output = cell.call(zeros(2, 3, 6, dtype: ScalarType.Float64), randn(2, 3, 4, dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, output.dtype);
        Assert.Equal(ScalarType.Float64, cell.EdgelessState(randn(4, dtype: ScalarType.Float64)).dtype);
    }

    [Fact]
    public void Concat_combiner_weight_follows_a_move()
    {
        using var scope = NewDisposeScope();
        var combiner = new ConcatCombiner(4, hasTarget: true, hasLocal: true, hasGlobal: true);
        combiner.to(ScalarType.Float64);
        var values = combiner.TargetValues(randn(2, 5, 4, dtype: ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, values.dtype);
        var session = combiner.SessionVector(new ReadoutOutput(randn(2, 4, dtype: ScalarType.Float64), randn(2, 4, dtype: ScalarType.Float64), null));
        Assert.Equal([2L, 4L], session.shape);
    }

    [Fact]
    public void Whole_model_moves_and_still_exports_every_tensor()
    {
        using var scope = NewDisposeScope();
        var model = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Paper, ReadoutKind.LocalAttentive, 1, seed: 1);
        model.to(ScalarType.Float64);
        Assert.All(model.ReferenceTensors(), p => Assert.Equal(ScalarType.Float64, p.Tensor.dtype));
        Assert.Equal(20, model.ReferenceTensors().Count); // Eq. 10 has no bias
    }
}
