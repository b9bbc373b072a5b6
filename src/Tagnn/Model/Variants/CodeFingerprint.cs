using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Tagnn.Model.Variants;

/// <summary>
/// A SHA-256 fingerprint of a type's compiled code: its full name, its fields' types and names, and the signature and
/// IL of every method and constructor, of the type and of its nested types (the closures of lambdas), in a stable
/// order. Works the same for a class library and for a notebook cell's type (each cell is its own assembly).
/// </summary>
/// <remarks>A notebook cell's types are nested in a class named after the submission's number
/// (<c>Submission#7+RecencyAttention</c>); the number is left out, so running the same cell again, or the notebook in
/// a new kernel, gives the same fingerprint. What it is not: a hash of the source text (comments and formatting do not count), nor of the code the
/// type calls in other types (a helper it uses may change without changing the fingerprint). IL holds metadata tokens,
/// so an unrelated change elsewhere in the same class library may change it too: a false alarm, never a missed change
/// of the type's own code.</remarks>
public static class CodeFingerprint
{
    private const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
        BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The fingerprint of <paramref name="type"/> (64 lower-case hex digits).</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Add(hash, type);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Add(IncrementalHash hash, Type type)
    {
        void Text(string s) => hash.AppendData(Encoding.UTF8.GetBytes(Normalise(s) + "\n"));
        Text("type " + type.FullName + " : " + type.BaseType?.FullName);
        foreach (var i in type.GetInterfaces().Select(i => i.FullName).Order(StringComparer.Ordinal)) Text("implements " + i);
        foreach (var f in type.GetFields(All).OrderBy(f => f.Name, StringComparer.Ordinal)) Text($"field {f.FieldType.FullName} {f.Name}");
        var methods = type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All))
            .Select(m => (Signature: m.ToString() ?? m.Name, Method: m))
            .OrderBy(m => m.Signature, StringComparer.Ordinal);
        foreach (var (signature, method) in methods)
        {
            Text("method " + signature);
            var il = method.GetMethodBody()?.GetILAsByteArray();
            if (il is not null) hash.AppendData(il);
        }
        foreach (var nested in type.GetNestedTypes(All).OrderBy(t => t.FullName, StringComparer.Ordinal)) Add(hash, nested);
    }

    /// <summary>A type or member name without notebook submission numbers (<c>Submission#7+X</c> becomes
    /// <c>Submission+X</c>).</summary>
    public static string Normalise(string name) => SubmissionNumber.Replace(name ?? "", "Submission");

    // A plain Regex, not [GeneratedRegex]: MetaDeviceTests' host-read scan compiles this source without generators.
    private static readonly Regex SubmissionNumber = new(@"Submission#\d+", RegexOptions.CultureInvariant);
}
