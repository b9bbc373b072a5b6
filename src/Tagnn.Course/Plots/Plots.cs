using Plotly.NET;
using Plotly.NET.CSharp;

namespace Tagnn.Course;

/// <summary>
/// The course's chart style (size, titles, axis titles, log axes), shared by every chart helper. The helpers are
/// grouped by chart type: <see cref="LineCharts"/>, <see cref="BarCharts"/>, <see cref="Histograms"/>,
/// <see cref="Heatmaps"/> and <see cref="ScatterCharts"/> return Plotly charts (a <see cref="GenericChart"/>: make it
/// the last expression of a cell to show it, or combine it further with Plotly.NET.CSharp); <see cref="Diagrams"/>
/// (SVG drawings) and <see cref="Tables"/> return <see cref="HtmlFigure"/>s. Both Plotly.NET and Plotly.NET.CSharp
/// define a <c>Chart</c> class; the helpers alias the C# one as <c>PlotlyChart</c>, and notebooks can do the same.
/// </summary>
public static class Plots
{
    /// <summary>Default chart width in pixels.</summary>
    public const int Width = 720;

    /// <summary>Default chart height in pixels.</summary>
    public const int Height = 420;

    /// <summary>Applies the course's title, axis titles, size and optional log axes to any Plotly chart.</summary>
    /// <param name="chart">The chart.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">X axis title.</param>
    /// <param name="yTitle">Y axis title.</param>
    /// <param name="logX">Logarithmic x axis.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <param name="width">Width in pixels (default <see cref="Width"/>).</param>
    /// <param name="height">Height in pixels (default <see cref="Height"/>).</param>
    public static GenericChart Style(GenericChart chart, string title, string xTitle = "", string yTitle = "",
        bool logX = false, bool logY = false, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var styled = Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(width, height);
        // Axis types are left to Plotly (categorical labels stay categorical) unless a log axis is asked for.
        if (logX) styled = styled.WithXAxisStyle<double, double, string>(TitleText: xTitle, AxisType: StyleParam.AxisType.Log);
        if (logY) styled = styled.WithYAxisStyle<double, double, string>(TitleText: yTitle, AxisType: StyleParam.AxisType.Log);
        return styled;
    }
}
