namespace Tagnn.Experiments;

/// <summary>One run of a table, as <see cref="Table1Observer"/> sees it.</summary>
/// <param name="Model">The model.</param>
/// <param name="Seed">The seed, or null for a deterministic baseline run once.</param>
/// <param name="Number">1-based position among the table's runs.</param>
/// <param name="Count">The table's runs.</param>
/// <param name="Action">What it does.</param>
/// <param name="Path">Its run folder or result file, relative to the table's folder.</param>
/// <param name="Description">The model and its settings in one line.</param>
public sealed record Table1Job(CatalogEntry Model, long? Seed, int Number, int Count, Table1Action Action, string Path, string Description);
