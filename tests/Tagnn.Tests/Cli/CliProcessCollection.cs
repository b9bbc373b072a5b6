namespace Tagnn.Tests.Cli;

/// <summary>The process-level test classes share one <see cref="CliRunFixture"/>.</summary>
[CollectionDefinition(CliRunFixture.Collection)]
public sealed class CliProcessCollection : ICollectionFixture<CliRunFixture>;
