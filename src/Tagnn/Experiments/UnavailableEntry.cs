namespace Tagnn.Experiments;

/// <summary>A model the catalog knows by name but this build cannot run; asking for it is an error that says why.</summary>
/// <param name="Name">The short name.</param>
/// <param name="Title">The name tables print.</param>
/// <param name="Reason">Why it cannot run, e.g. "not available in this build".</param>
public sealed record UnavailableEntry(string Name, string Title, string Reason) : CatalogEntry(Name, Title)
{
    /// <inheritdoc />
    public override bool IsAvailable => false;
}
