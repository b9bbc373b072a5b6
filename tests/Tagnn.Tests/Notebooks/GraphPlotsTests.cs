using Plotly.NET;
using Tagnn.Graphs;
using Tagnn.Notebooks;

namespace Tagnn.Tests.Notebooks;

public sealed class GraphPlotsTests
{
    [Fact]
    public void Adjacency_draws_in_and_out_halves_with_fraction_labels()
    {
        var graph = SessionGraph.Build([1, 2, 3, 2, 4]);
        var json = GenericChart.toFigureJson(GraphPlots.Adjacency(graph, "adjacency"));
        Assert.Contains("1/2", json);
    }
}
