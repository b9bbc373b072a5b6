using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Variants;
using Tagnn.Tests.Support;
using Tagnn.Training;
using static TorchSharp.torch;

namespace Tagnn.Tests.Repository;

/// <summary>docs/VARIANTS.md ("Writing a variant"): its complete minimal example compiles as a class library, loads
/// through the <c>--variant</c> loader and trains a step; the page is linked from the README and ARCHITECTURE.</summary>
public sealed partial class VariantsDocsTests
{
    private static string Read(params string[] path) => File.ReadAllText(Repo.Path(path));

    [Fact]
    public void The_pages_complete_example_compiles_loads_as_a_variant_and_trains_a_step()
    {
        var page = Read("docs", "VARIANTS.md");
        var section = page[page.IndexOf("## A complete minimal example", StringComparison.Ordinal)..];
        var code = CodeBlock().Match(section).Groups["code"].Value;
        Assert.Contains("IVariantProvider", code);

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat([typeof(ModelSpec).Assembly.Location, typeof(TorchSharp.torch).Assembly.Location])
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("MyVariants." + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var dll = Path.Combine(Directory.CreateTempSubdirectory("tagnn-variants-doc-").FullName, "MyVariants.dll");
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, "docs/VARIANTS.md's example does not compile:\n" +
            string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var config = ModelConfig.ForTagnn(24) with { HiddenSize = 6 };
        var spec = VariantProviders.Load($"{dll}:MyVariants.Recency", config);
        Assert.Equal("TAGNN+recency", spec.VariantName);
        Assert.Equal("recency-prior", spec.Parts.Single().Name);
        Assert.Equal("MyVariants.RecencyAttention", spec.Parts.Single().Type);

        using var scope = NewDisposeScope();
        using var model = spec.Build(seed: 1);
        using var batch = new SessionBatcher(RandomSessions.Dataset(8, 23, 6, seed: 2), new BatcherOptions(BatchSize: 8, Prefetch: false))
            .Build([.. Enumerable.Range(0, 8)]);
        using var adam = new AdamOptimizer(model.named_parameters());
        var loss = TrainingStep.Run(model, adam, batch, new TrainingStepContext(0, 0, 1));
        Assert.True(float.IsFinite(loss.item<float>()));
        foreach (var (name, p) in model.named_parameters())
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name} got no gradient");
        Assert.Contains(model.CheckpointTensors(), t => t.Name == "target_attention.prior.weight");
    }

    [Fact]
    public void The_page_is_linked_from_the_readme_and_the_architecture_and_names_its_commands()
    {
        Assert.Contains("(docs/VARIANTS.md)", Read("README.md"));
        Assert.Contains("(VARIANTS.md)", Read("docs", "ARCHITECTURE.md"));
        var page = Read("docs", "VARIANTS.md");
        Assert.StartsWith("# Writing a variant", page);
        Assert.Contains("train --variant MyVariants/bin/Release/net10.0/MyVariants.dll:MyVariants.Recency", page);
        Assert.Contains("bench train-step --scorer generic --items 43097 --batch 100 --dim 100", page);
        Assert.Equal(page.Split("Eq. 11").Length - 1, page.Split("no Eq. 11").Length - 1);   // only to say there is none
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
