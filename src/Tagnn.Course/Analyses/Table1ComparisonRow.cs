namespace Tagnn.Course;

/// <summary>One model of a results table (<c>tagnn table1</c>) beside the TAGNN paper's Table 1 (notebook 08).</summary>
/// <param name="Model">The short name (<c>tagnn</c>, <c>sknn</c>).</param>
/// <param name="Title">The name tables print (the paper's spelling for its methods).</param>
/// <param name="InPaper">Whether the paper's Table 1 has a row for it.</param>
/// <param name="P20">Our P@20 (percent; the mean over seeds), or null when the model has no finished run.</param>
/// <param name="Mrr20">Our MRR@20 (percent).</param>
/// <param name="Ndcg20">Our NDCG@20 (percent).</param>
/// <param name="PaperDigineticaP20">The paper's P@20 on Diginetica, or null when it has no such row.</param>
/// <param name="PaperDigineticaMrr20">The paper's MRR@20 on Diginetica.</param>
/// <param name="PaperYoochooseP20">The paper's P@20 on Yoochoose 1/64.</param>
/// <param name="PaperYoochooseMrr20">The paper's MRR@20 on Yoochoose 1/64.</param>
public sealed record Table1ComparisonRow(
    string Model, string Title, bool InPaper, double? P20, double? Mrr20, double? Ndcg20,
    double? PaperDigineticaP20, double? PaperDigineticaMrr20, double? PaperYoochooseP20, double? PaperYoochooseMrr20)
{
    /// <summary>Our value of <paramref name="metric"/> (<c>P@20</c> or <c>MRR@20</c>).</summary>
    /// <exception cref="ArgumentException">Another metric.</exception>
    public double? Ours(string metric) => Table1Comparison.IsP20(metric) ? P20 : Mrr20;

    /// <summary>The paper's value of <paramref name="metric"/> on <paramref name="dataset"/> (Diginetica or
    /// Yoochoose 1/64), or null.</summary>
    /// <exception cref="ArgumentException">Another metric or dataset.</exception>
    public double? Paper(string dataset, string metric) => (Table1Comparison.IsDiginetica(dataset), Table1Comparison.IsP20(metric)) switch
    {
        (true, true) => PaperDigineticaP20,
        (true, false) => PaperDigineticaMrr20,
        (false, true) => PaperYoochooseP20,
        (false, false) => PaperYoochooseMrr20,
    };
}
