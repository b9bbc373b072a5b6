namespace Tagnn.Training;

/// <summary>The device of a run.</summary>
/// <param name="Requested"><c>auto</c>, <c>cpu</c> or <c>cuda</c>.</param>
/// <param name="Used">The device used (<c>cpu</c>, <c>cuda:0</c>).</param>
/// <param name="Reason">Why.</param>
public sealed record RunDevice(string Requested, string Used, string Reason);
