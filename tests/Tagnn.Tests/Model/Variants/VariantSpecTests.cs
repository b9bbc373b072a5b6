using System.Text.Json;
using Tagnn.Model;
using Tagnn.Model.Parts;
using Tagnn.Model.Variants;
using Tagnn.Tests.Support;
using Tagnn.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model.Variants;

/// <summary><see cref="VariantSpec"/>, <see cref="Part"/>, <see cref="CodeFingerprint"/> and
/// <see cref="VariantProviders"/>: what is recorded, what is refused, and the messages.</summary>
public sealed class VariantSpecTests
{
    private static readonly ModelConfig Paper = ModelConfig.ForTagnn(24, Formulation.Paper) with { HiddenSize = 6 };

    [Fact]
    public void Eq10_from_scratch_scores_as_the_paper_formulations_combiner()
    {
        using var scope = NewDisposeScope();
        using var paper = ModelFactory.Create(Paper, seed: 5);
        using var variant = new ConcatVariant().Create(Paper).Build(seed: 5);
        var w3 = paper.Combiner is ConcatCombiner ? paper.ReferenceTensors().Single(p => p.Name == "linear_transform.weight").Tensor : null!;
        var blocks = ((ConcatFromScratch)variant.Parts.Combiner).Blocks;
        using (no_grad())
        {
            // Same weights everywhere else (same seed, same order), then W3's blocks [target | local | global].
            foreach (var ((name, a), (_, b)) in paper.ReferenceTensors().Where(p => p.Name != "linear_transform.weight")
                         .Zip(variant.CheckpointTensors().Where(p => !p.Name.StartsWith("combiner.", StringComparison.Ordinal))))
            {
                Assert.Equal(a.shape, b.shape);
                b.copy_(a);
            }
            blocks.Target.copy_(w3.narrow(1, 0, 6));
            blocks.Local.copy_(w3.narrow(1, 6, 6));
            blocks.Global.copy_(w3.narrow(1, 12, 6));
        }
        using var batch = GenericTargetPathTests.Batch(Tagnn.Graphs.PaddingPolicy.Batch);
        var (expected, expectedGrads) = GenericTargetPathTests.ScoresAndGradients(paper, batch);
        var (actual, actualGrads) = GenericTargetPathTests.ScoresAndGradients(variant, batch);
        TensorAssert.Close(expected, actual, 1e-5, "Eq. 10 from scratch vs ConcatCombiner");
        TensorAssert.Close(expectedGrads["embedding.weight"], actualGrads["embedding.weight"], 1e-5, "d/d embedding");
        TensorAssert.Close(expectedGrads["combiner.linear_transform.weight"].narrow(1, 0, 6), actualGrads["combiner.target.weight"], 1e-5, "d/d W3_target");
    }

    [Fact]
    public void A_variant_round_trips_through_json_and_is_equal_by_value()
    {
        var spec = new RecencyVariant().Create(Paper);
        var json = JsonSerializer.Serialize<ModelSpec>(spec, RunJson.Indented);
        Assert.Contains("\"type\": \"variant\"", json);
        Assert.Contains("\"role\": \"target_attention\"", json);
        var back = Assert.IsType<VariantSpec>(JsonSerializer.Deserialize<ModelSpec>(json, RunJson.Indented));
        Assert.Equal(spec, back);
        Assert.Equal(spec.GetHashCode(), back.GetHashCode());
        Assert.NotEqual(spec, back with { Base = Paper with { HiddenSize = 7 } });
        Assert.NotEqual(spec, back with { Parts = [back.Parts[0] with { Fingerprint = new string('0', 64) }] });
        Assert.Equal(Paper with { HiddenSize = 7 }, spec.WithBase(Paper with { HiddenSize = 7 }).Base);
    }

    [Fact]
    public void Building_a_part_not_registered_or_from_other_code_names_the_type_and_the_assembly()
    {
        var spec = new RecencyVariant().Create(Paper);
        var part = spec.Parts[0];
        var missing = spec with { Parts = [part with { Name = "never-registered-anywhere" }] };
        var e = Assert.Throws<InvalidOperationException>(() => missing.Build());
        Assert.Contains($"type {typeof(RecencyTargetAttention).FullName} from assembly Tagnn.Tests", e.Message);
        Assert.Contains("no part of that name is registered", e.Message);
        Assert.Contains("run the cell that defines", e.Message);
        var changed = spec with { Parts = [part with { Fingerprint = new string('a', 64) }] };
        e = Assert.Throws<InvalidOperationException>(() => changed.Build());
        Assert.Contains("registered with other code", e.Message);
        Assert.Contains("aaaaaaaa", e.Message);
        var role = spec with { Parts = [part with { Role = PartRole.Readout }] };
        Assert.Contains("registered as a target attention part", Assert.Throws<InvalidOperationException>(() => role.Build()).Message);
    }

    [Fact]
    public void Invalid_variants_and_parts_are_refused_with_the_reason()
    {
        var recency = new RecencyVariant().Create(Paper).Parts[0];
        var srgnn = ModelConfig.ForSrGnn(24) with { HiddenSize = 6 };
        Assert.Contains("target attention off", Assert.Throws<ArgumentException>(() => VariantSpec.Of("x", srgnn, recency)).Message);
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => VariantSpec.Of("x", Paper, recency, recency)).Message);
        Assert.Contains("replaces no part", Assert.Throws<ArgumentException>(() => VariantSpec.Of("x", Paper)).Message);
        // A part that is not an nn.Module cannot be trained: refused when the model is assembled.
        var e = Assert.Throws<ArgumentException>(() => ModelFactory.Create(Paper, new PartOverrides { Readout = () => new NotAModuleReadout() }, null));
        Assert.Contains("is not a TorchSharp nn.Module", e.Message);
        Assert.Contains(nameof(NotAModuleReadout), e.Message);
    }

    [Fact]
    public void Registering_a_name_again_replaces_its_factory_and_the_spec_records_the_newest_code()
    {
        var first = Part.Combiner("test-reregistered", c => new ConcatFromScratch(c.HiddenSize), "first");
        var second = Part.Combiner("test-reregistered", c => new ScaledConcat(c.HiddenSize), "second");
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal(second, Part.Find("test-reregistered"));
        using var model = VariantSpec.Of("v", Paper, second).Build();
        Assert.IsType<ScaledConcat>(model.Parts.Combiner);
        Assert.Throws<InvalidOperationException>(() => VariantSpec.Of("v", Paper, first).Build()); // the old code is gone
    }

    [Fact]
    public void The_code_fingerprint_is_stable_tells_types_apart_and_ignores_submission_numbers()
    {
        Assert.Equal(CodeFingerprint.Of(typeof(RecencyTargetAttention)), CodeFingerprint.Of(typeof(RecencyTargetAttention)));
        Assert.NotEqual(CodeFingerprint.Of(typeof(ConcatFromScratch)), CodeFingerprint.Of(typeof(ScaledConcat)));
        Assert.Matches("^[0-9a-f]{64}$", CodeFingerprint.Of(typeof(ScaledConcat)));
        Assert.Equal("Submission+Recency", CodeFingerprint.Normalise("Submission#12+Recency"));
        Assert.Equal("List<Submission+A>", CodeFingerprint.Normalise("List<Submission#3+A>"));
    }

    [Fact]
    public void A_provider_loads_from_a_class_library_and_bad_references_say_what_is_wrong()
    {
        var assembly = typeof(RecencyVariant).Assembly.Location;
        var spec = VariantProviders.Load($"{assembly}:{typeof(RecencyVariant).FullName}", Paper);
        Assert.Equal("TAGNN+recency", spec.VariantName);
        Assert.Equal($"{assembly}:{typeof(RecencyVariant).FullName}", spec.Provider);
        Assert.Null(VariantProviders.LoadRecorded(spec));                                       // its parts are registered

        var e = Assert.Throws<ArgumentException>(() => VariantProviders.Load($"{assembly}:No.Such.Type", Paper));
        Assert.Contains("has no type No.Such.Type", e.Message);
        Assert.Contains(typeof(RecencyVariant).FullName!, e.Message);                           // lists the providers it has
        e = Assert.Throws<ArgumentException>(() => VariantProviders.Load($"{assembly}:{typeof(NotAVariant).FullName}", Paper));
        Assert.Contains("does not implement Tagnn.Model.Variants.IVariantProvider", e.Message);
        Assert.Contains("no assembly at", Assert.Throws<FileNotFoundException>(() => VariantProviders.Load("/no/such/Variants.dll:A.B", Paper)).Message);
        Assert.Contains("ASSEMBLY:TYPE", Assert.Throws<ArgumentException>(() => VariantProviders.Load("JustAName", Paper)).Message);
        var text = Path.GetTempFileName();
        try
        {
            Assert.Contains("is not a .NET assembly", Assert.Throws<ArgumentException>(() => VariantProviders.Load($"{text}:A.B", Paper)).Message);
        }
        finally
        {
            File.Delete(text);
        }
        var gone = spec with { Provider = "/no/such/Variants.dll:A.B", Parts = [spec.Parts[0] with { Name = "never-registered-anywhere" }] };
        Assert.Contains("no longer exists", Assert.Throws<FileNotFoundException>(() => VariantProviders.LoadRecorded(gone)).Message);
    }

    private sealed class NotAModuleReadout : ISessionReadout
    {
        public bool HasLocal => true;

        public bool HasGlobal => false;

        public ReadoutOutput Read(ReadoutInput input) => new(input.Last, null, null);
    }

    private sealed class ScaledConcat : nn.Module, ISessionCombiner
    {
        private readonly ConcatFromScratch inner;

        public ScaledConcat(int d) : base(nameof(ScaledConcat))
        {
            inner = new ConcatFromScratch(d);
            RegisterComponents();
        }

        public Tensor SessionVector(ReadoutOutput readout) => inner.SessionVector(readout) * 2;

        public Tensor TargetValues(Tensor targets) => inner.TargetValues(targets) * 2;
    }
}
