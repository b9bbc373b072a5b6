using Microsoft.FSharp.Core;
using Plotly.NET;

namespace Tagnn.Course;

/// <summary>Sets plotly.js attributes that Plotly.NET's C# API does not expose (e.g. a heatmap's <c>texttemplate</c>,
/// a layout's <c>barmode</c>), as dynamic properties on the traces or the layout, and builds traces and layout
/// objects attribute by attribute for figures the typed API does not express easily (several subplots with shared
/// axes, coloured tick labels, arrows between points).</summary>
internal static class PlotlyExtras
{
    /// <summary>Sets <paramref name="name"/> on every trace of <paramref name="chart"/>.</summary>
    public static GenericChart SetTrace(GenericChart chart, string name, object value) =>
        GenericChart.mapTrace(FuncConvert.FromFunc<Trace, Trace>(t =>
        {
            t.SetProperty(name, value);
            return t;
        }), chart);

    /// <summary>Sets <paramref name="name"/> on the trace with index <paramref name="index"/> only.</summary>
    public static GenericChart SetTrace(GenericChart chart, int index, string name, object value) =>
        GenericChart.mapiTrace(FuncConvert.FromFunc<int, Trace, Trace>((i, t) =>
        {
            if (i == index) t.SetProperty(name, value);
            return t;
        }), chart);

    /// <summary>
    /// Sets the layout attribute <paramref name="name"/>. A dictionary <paramref name="value"/> is merged key by key
    /// into an existing attribute object (e.g. an axis Plotly.NET already made), or becomes a new one.
    /// </summary>
    public static GenericChart SetLayout(GenericChart chart, string name, object value) =>
        GenericChart.mapLayout(FuncConvert.FromFunc<Layout, Layout>(layout =>
        {
            if (value is IDictionary<string, object> patch)
            {
                var existing = layout.TryGetPropertyValue(name);
                var target = existing is not null && OptionModule.IsSome(existing) && existing.Value is DynamicObj.DynamicObj d
                    ? d
                    : name.StartsWith("xaxis", StringComparison.Ordinal) || name.StartsWith("yaxis", StringComparison.Ordinal)
                        ? new Plotly.NET.LayoutObjects.LinearAxis() // what Plotly.NET's own axis styling expects to find
                        : new DynamicObj.DynamicObj();
                foreach (var (key, v) in patch) target.SetProperty(key, ToDynamic(v));
                layout.SetProperty(name, target);
            }
            else
            {
                layout.SetProperty(name, value);
            }
            return layout;
        }), chart);

    /// <summary>Nested dictionaries as <see cref="DynamicObj.DynamicObj"/>s: Plotly.NET merges layout objects
    /// recursively and expects every nested object to be one.</summary>
    internal static object ToDynamic(object value)
    {
        if (value is not IDictionary<string, object> dictionary) return value;
        var result = new DynamicObj.DynamicObj();
        foreach (var (key, v) in dictionary) result.SetProperty(key, ToDynamic(v));
        return result;
    }

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

    /// <summary>Plain text for plotly.js's HTML-like labels: escapes what would be read as markup (&amp;, &lt;, &gt;)
    /// and leaves every other character as it is (plotly.js shows a numeric entity such as <c>&amp;#183;</c> literally,
    /// which <see cref="System.Net.WebUtility.HtmlEncode(string)"/> would make of a middle dot).</summary>
    public static string Text(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
