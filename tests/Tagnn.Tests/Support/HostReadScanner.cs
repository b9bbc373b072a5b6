using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Tagnn.Tests.Support;

/// <summary>
/// Finds, by symbol (Roslyn binds the library's source), every use of a TorchSharp member that reads tensor data on
/// the host: <c>item&lt;T&gt;()</c>, <c>data&lt;T&gt;()</c> (and anything done with its accessor, e.g.
/// <c>ToArray()</c>), <c>bytes</c>, <c>cpu()</c>, <c>ToSingle()</c> and the other scalar conversions, explicit casts to
/// numbers, <c>ToScalar()</c>, <c>allclose</c>, <c>equal</c>, <c>Equals</c>, <c>is_nonzero</c>, and printing values
/// (<c>str()</c>, <c>ToString(style)</c>, ...). LINQ's <c>ToArray()</c> on a list is not one of them.
/// </summary>
internal static class HostReadScanner
{
    /// <summary>One host read: where, in which member, through which API, and the code.</summary>
    public sealed record Finding(string File, int Line, string Member, string Api, string Code)
    {
        public override string ToString() => $"{File}:{Line} in {Member}: {Api} ({Code})";
    }

    private static readonly HashSet<string> TensorReads = new(StringComparer.Ordinal)
    {
        "item", "data", "bytes", "cpu", "allclose", "equal", "Equals", "is_nonzero", "ToScalar", "tolist", "numpy",
    };

    private static readonly HashSet<string> ExtensionReads = new(StringComparer.Ordinal)
    {
        "ToSingle", "ToDouble", "ToSByte", "ToByte", "ToInt16", "ToInt32", "ToInt64", "ToBoolean", "ToHalf",
        "ToBFloat16", "ToComplex32", "ToComplex64", "ToArray", "str", "jlstr", "npstr", "cstr", "print",
    };

    /// <summary>The host reads in <paramref name="scanned"/>, bound against <paramref name="sources"/> (the whole
    /// library, so every symbol resolves).</summary>
    /// <param name="sources">(path, text) of every file of the compilation.</param>
    /// <param name="scanned">Which of them to scan.</param>
    /// <param name="errors">Compile errors of the scanned files (a symbol that does not bind cannot be checked).</param>
    public static IReadOnlyList<Finding> Scan(IReadOnlyList<(string Path, string Text)> sources, Func<string, bool> scanned,
        out IReadOnlyList<string> errors)
    {
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).ToList();
        // ImplicitUsings of Microsoft.NET.Sdk.
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", options, "GlobalUsings.g.cs"));
        var compilation = CSharpCompilation.Create("Tagnn", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
        var findings = new List<Finding>();
        var errorList = new List<string>();
        foreach (var tree in trees.Where(t => scanned(t.FilePath)))
        {
            var model = compilation.GetSemanticModel(tree);
            errorList.AddRange(model.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var api = node switch
                {
                    InvocationExpressionSyntax or MemberAccessExpressionSyntax or IdentifierNameSyntax or GenericNameSyntax =>
                        Read(model.GetSymbolInfo(node).Symbol),
                    CastExpressionSyntax cast => model.GetOperation(cast) is IConversionOperation { OperatorMethod: { } op } ? Read(op) : null,
                    _ => null,
                };
                if (api is null || IsPartOfReportedNode(node)) continue;
                var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                findings.Add(new Finding(tree.FilePath, line, MemberOf(node), api, node.ToString()));
            }
        }
        errors = errorList;
        return findings.DistinctBy(f => (f.File, f.Line, f.Api)).ToList();
    }

    // The member a read is in, e.g. "TargetScorePlan.Copy".
    private static string MemberOf(SyntaxNode node)
    {
        var member = node.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault(m => m is not BaseTypeDeclarationSyntax);
        var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "?";
        var name = member switch
        {
            MethodDeclarationSyntax m => m.Identifier.Text,
            PropertyDeclarationSyntax p => p.Identifier.Text,
            ConstructorDeclarationSyntax => ".ctor",
            OperatorDeclarationSyntax o => o.OperatorToken.Text,
            _ => "?",
        };
        return $"{type}.{name}";
    }

    // A member access is reported once: not again for its name, nor for the invocation around it.
    private static bool IsPartOfReportedNode(SyntaxNode node) =>
        node is IdentifierNameSyntax or GenericNameSyntax && node.Parent is MemberAccessExpressionSyntax access && access.Name == node ||
        node is MemberAccessExpressionSyntax && node.Parent is InvocationExpressionSyntax;

    // "Tensor.item" etc. when the symbol reads tensor data on the host, else null.
    private static string? Read(ISymbol? symbol)
    {
        if (symbol is null) return null;
        if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
        var type = symbol.ContainingType?.OriginalDefinition.ToDisplayString();
        var name = symbol.Name;
        return type switch
        {
            "TorchSharp.torch.Tensor" when TensorReads.Contains(name) || name.StartsWith("ReadCpu", StringComparison.Ordinal) ||
                name == "op_Explicit" || name == "ToString" && symbol is IMethodSymbol { Parameters.Length: > 0 } => $"Tensor.{name}",
            "TorchSharp.TensorExtensionMethods" when ExtensionReads.Contains(name) && FirstIsTensor(symbol) => $"TensorExtensionMethods.{name}",
            "TorchSharp.torch" when name is "equal" or "allclose" or "is_nonzero" => $"torch.{name}",
            "TorchSharp.Utils.TensorAccessor<T>" => $"TensorAccessor.{name}",
            _ => null,
        };
    }

    private static bool FirstIsTensor(ISymbol symbol) =>
        symbol is IMethodSymbol { Parameters: [var first, ..] } && first.Type.ToDisplayString() == "TorchSharp.torch.Tensor";

    // The assemblies the library needs, transitively (from the running framework and the packages beside the tests),
    // except this repository's own: the library is compiled from source here.
    private static List<MetadataReference> References()
    {
        var available = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("Tagnn", StringComparison.Ordinal))
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var pending = new Queue<string>(typeof(Tagnn.Model.ModelSpec).Assembly.GetReferencedAssemblies().Select(a => a.Name!));
        pending.Enqueue("netstandard");
        var references = new List<MetadataReference>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name) || !available.TryGetValue(name, out var path)) continue;
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            if (!pe.HasMetadata) continue;
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            foreach (var handle in metadata.AssemblyReferences) pending.Enqueue(metadata.GetString(metadata.GetAssemblyReference(handle).Name));
            references.Add(MetadataReference.CreateFromFile(path));
        }
        return references;
    }
}
