using Plotly.NET;

namespace Tagnn.Notebooks;

/// <summary>
/// Builds plotly.js traces and layout objects attribute by attribute, for figures that Plotly.NET's typed API does
/// not express easily (several subplots with shared axes, coloured tick labels, arrows between points).
/// </summary>
internal static class PlotlyRaw
{
    /// <summary>A plotly.js object (nested objects, arrays and scalars as given).</summary>
    public static DynamicObj.DynamicObj Obj(params (string Name, object? Value)[] properties)
    {
        var result = new DynamicObj.DynamicObj();
        foreach (var (name, value) in properties)
        {
            if (value is not null) result.SetProperty(name, value);
        }
        return result;
    }

    /// <summary>A chart holding one trace of plotly.js type <paramref name="type"/> with the given attributes.</summary>
    public static GenericChart Trace(string type, params (string Name, object? Value)[] properties)
    {
        var trace = new Trace2D(type);
        foreach (var (name, value) in properties)
        {
            if (value is not null) trace.SetProperty(name, value);
        }
        return GenericChart.ofTraceObject(true, trace);
    }

    /// <summary>Sets layout attributes (replacing any Plotly.NET has set under the same names).</summary>
    public static GenericChart WithLayout(GenericChart chart, params (string Name, object? Value)[] properties) =>
        GenericChart.mapLayout(Microsoft.FSharp.Core.FuncConvert.FromFunc<Plotly.NET.Layout, Plotly.NET.Layout>(layout =>
        {
            foreach (var (name, value) in properties)
            {
                if (value is not null) layout.SetProperty(name, value);
            }
            return layout;
        }), chart);
}
