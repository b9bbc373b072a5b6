namespace Tagnn.Tests.Repository;

/// <summary>One use of a type (or namespace) by another, for the layer rules.</summary>
/// <param name="FromNamespace">The namespace of the user.</param>
/// <param name="FromType">The user: a type name, or a source file.</param>
/// <param name="ToNamespace">The namespace of what is used.</param>
/// <param name="ToType">What is used: a type name, or the using directive.</param>
internal sealed record Dependency(string FromNamespace, string FromType, string ToNamespace, string ToType)
{
    /// <summary>"From.Namespace.Type uses To.Namespace.Type", for failure messages.</summary>
    public override string ToString() => $"{FromNamespace}.{FromType} uses {ToNamespace}.{ToType}";
}
