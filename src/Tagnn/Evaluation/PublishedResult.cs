namespace Tagnn.Evaluation;

/// <summary>One number of a published results table, with where it was printed.</summary>
/// <param name="Model">The method as the table prints it (e.g. "GRU4REC", "SR-GNN").</param>
/// <param name="ModelKey">This repository's name for the method (<c>pop</c>, <c>spop</c>, <c>itemknn</c>,
/// <c>bprmf</c>, <c>fpmc</c>, <c>gru4rec</c>, <c>narm</c>, <c>stamp</c>, <c>srgnn</c>, <c>tagnn</c>).</param>
/// <param name="Dataset">The dataset as the table prints it ("Diginetica", "Yoochoose 1/64").</param>
/// <param name="Metric">The metric as the table prints it ("P@20", "MRR@20"); P@20 is a hit rate
/// (docs/REFERENCE.md#r14-evaluation).</param>
/// <param name="Value">The printed value, in percent, exactly as printed.</param>
/// <param name="Paper">The paper that prints it.</param>
/// <param name="Table">The table of that paper.</param>
public sealed record PublishedResult(string Model, string ModelKey, string Dataset, string Metric, double Value, string Paper, string Table)
{
    /// <summary>The source in one line, e.g. "Yu et al., SIGIR 2020 (TAGNN), Table 1".</summary>
    public string Citation => $"{Paper}, {Table}";

    /// <summary>E.g. "TAGNN, Diginetica, P@20 = 51.31 (Yu et al., SIGIR 2020 (TAGNN), Table 1)".</summary>
    public override string ToString() =>
        $"{Model}, {Dataset}, {Metric} = {Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} ({Citation})";
}
