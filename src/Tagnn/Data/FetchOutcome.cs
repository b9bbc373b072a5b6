namespace Tagnn.Data;

/// <summary>The outcome of <see cref="DatasetFetcher.FetchAsync"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Path">The click log's final path.</param>
/// <param name="Messages">What happened, in order (tried addresses and why they failed, checks, hashes).</param>
public sealed record FetchOutcome(FetchStatus Status, string Path, IReadOnlyList<string> Messages);
