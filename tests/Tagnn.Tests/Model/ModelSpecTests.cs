using System.Text.Json;
using Tagnn.Model;
using Tagnn.Tests.Support;
using Tagnn.Training;

namespace Tagnn.Tests.Model;

/// <summary>Model specifications in JSON: a type discriminator, explicit settings, every spec type round-trips.</summary>
public sealed class ModelSpecTests
{
    public ModelSpecTests() => MeanOfEmbeddingsSpec.Register();

    public static TheoryData<string> Specs() => ["tagnn", "tagnn-paper", "srgnn-masked", "variant", "mean"];

    private static ModelSpec Spec(string name) => name switch
    {
        "tagnn" => ModelConfig.ForTagnn(43098),
        "tagnn-paper" => ModelConfig.ForTagnn(101, Formulation.Paper) with { HiddenSize = 16, GnnSteps = 2 },
        "srgnn-masked" => ModelConfig.ForSrGnn(101, Formulation.Masked) with { Readout = ReadoutKind.Average },
        "variant" => ModelConfig.ForTagnn(101) with { TargetAttention = false, GlobalSoftmax = false, Readout = ReadoutKind.Local },
        "mean" => new MeanOfEmbeddingsSpec(31, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_spec_round_trips_through_json_with_its_type(string name)
    {
        var spec = Spec(name);
        foreach (var options in new[] { RunJson.Indented, RunJson.Compact, JsonSerializerOptions.Default })
        {
            var json = JsonSerializer.Serialize(spec, options);
            var back = JsonSerializer.Deserialize<ModelSpec>(json, options);
            Assert.Equal(spec, back);
            Assert.Equal(spec.GetType(), back!.GetType());
            Assert.Equal(spec.Describe(), back.Describe());
            using var document = JsonDocument.Parse(json);
            var first = document.RootElement.EnumerateObject().First();
            Assert.Equal(("type", ModelSpec.TypeNameOf(spec.GetType())), (first.Name, first.Value.GetString()));
        }
    }

    [Fact]
    public void The_json_holds_the_settings_and_nothing_derived()
    {
        Assert.Equal("""{"type":"test_mean_of_embeddings","item_table_size":31,"hidden_size":8}""",
            JsonSerializer.Serialize<ModelSpec>(new MeanOfEmbeddingsSpec(31, 8), RunJson.Compact));
        Assert.Equal("""{"type":"session_gnn","kind":"sr_gnn","item_table_size":101,"hidden_size":100,"gnn_steps":1,"readout":"local_attentive","target_attention":false,"global_softmax":false,"formulation":"paper"}""",
            JsonSerializer.Serialize<ModelSpec>(ModelConfig.ForSrGnn(101, Formulation.Paper), RunJson.Compact));
    }

    [Fact]
    public void The_published_models_set_every_choice_explicitly()
    {
        foreach (var formulation in Enum.GetValues<Formulation>())
        {
            var tagnn = ModelConfig.ForTagnn(11, formulation);
            var srgnn = ModelConfig.ForSrGnn(11, formulation);
            Assert.Equal((ModelKind.Tagnn, formulation, true, formulation != Formulation.Paper),
                (tagnn.Kind, tagnn.Formulation, tagnn.TargetAttention, tagnn.GlobalSoftmax));
            Assert.Equal((ModelKind.SrGnn, formulation, false, false),
                (srgnn.Kind, srgnn.Formulation, srgnn.TargetAttention, srgnn.GlobalSoftmax));
            Assert.Equal(tagnn, ModelConfig.For(ModelKind.Tagnn, 11, formulation));
        }
        Assert.Equal("TAGNN, reference formulation, local+attentive readout, target attention on, d 100, 1 GNN step(s)",
            ModelConfig.ForTagnn(11).Describe());
        Assert.Equal("SR-GNN, paper formulation, local+attentive readout, target attention off, d 100, 1 GNN step(s)",
            ModelConfig.ForSrGnn(11, Formulation.Paper).Describe());
        Assert.Equal("TAGNN, paper formulation, local+attentive readout, target attention on, d 100, 1 GNN step(s), softmax on alpha on",
            (ModelConfig.ForTagnn(11, Formulation.Paper) with { GlobalSoftmax = true }).Describe());
        Assert.Equal(("TAGNN", "tagnn", 10), (ModelConfig.ForTagnn(11).Name, ModelConfig.ForTagnn(11).ShortName, ModelConfig.ForTagnn(11).ItemCount));
        Assert.Equal(("SR-GNN", "srgnn"), (ModelConfig.ForSrGnn(11).Name, ModelConfig.ForSrGnn(11).ShortName));
    }

    [Fact]
    public void A_model_object_without_type_reads_with_the_first_formats_defaults()
    {
        // As tagnn-run/1 wrote it (RunJson's snake_case) and as the default options write a ModelConfig.
        var snake = """{"kind":"tagnn","item_table_size":21,"hidden_size":4,"gnn_steps":1,"readout":"local_attentive","target_attention":null,"global_softmax":null,"formulation":"paper"}""";
        Assert.Equal(ModelConfig.ForTagnn(21, Formulation.Paper) with { HiddenSize = 4 }, JsonSerializer.Deserialize<ModelSpec>(snake, RunJson.Compact));
        var pascal = """{"Kind":"SrGnn","ItemTableSize":21,"TargetAttention":null,"Formulation":"Masked"}""";
        Assert.Equal(ModelConfig.ForSrGnn(21, Formulation.Masked), JsonSerializer.Deserialize<ModelSpec>(pascal));
        var overridden = """{"kind":"sr_gnn","item_table_size":21,"target_attention":true,"global_softmax":null}""";
        Assert.Equal(ModelConfig.ForSrGnn(21) with { TargetAttention = true }, JsonSerializer.Deserialize<ModelSpec>(overridden, RunJson.Compact));
        var missing = """{"item_table_size":21}""";
        Assert.Equal(ModelConfig.ForTagnn(21), JsonSerializer.Deserialize<ModelSpec>(missing, RunJson.Compact));
    }

    [Fact]
    public void Unknown_and_unregistered_types_fail_with_a_clear_message()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ModelSpec>("""{"type":"gru9rec","items":3}""", RunJson.Compact));
        Assert.Contains("Unknown model type 'gru9rec'", e.Message);
        Assert.Contains("session_gnn", e.Message);
        Assert.Contains("ModelSpec.Register", e.Message);

        var unregistered = Assert.Throws<JsonException>(() => JsonSerializer.Serialize<ModelSpec>(new UnregisteredSpec(), RunJson.Compact));
        Assert.Contains("not a registered model specification", unregistered.Message);

        Assert.Throws<ArgumentException>(() => ModelSpec.Register<UnregisteredSpec>(ModelConfig.TypeName));
        Assert.Throws<ArgumentException>(() => ModelSpec.Register<UnregisteredSpec>("Bad Name"));
        Assert.Throws<ArgumentException>(() => ModelSpec.Register<MeanOfEmbeddingsSpec>("another_name"));
        MeanOfEmbeddingsSpec.Register(); // the same pair again: nothing happens
        Assert.Equal(typeof(MeanOfEmbeddingsSpec), ModelSpec.TypeOf(MeanOfEmbeddingsSpec.TypeName));
    }

    [Fact]
    public void Sampling_seeds_are_a_pure_function_of_the_step()
    {
        var step = new TrainingStepContext(Epoch: 2, Step: 17, Seed: 2020);
        Assert.Equal(step.SamplingSeed(), new TrainingStepContext(2, 17, 2020).SamplingSeed());
        var neighbours = new[]
        {
            step.SamplingSeed(), step.SamplingSeed(stream: 1), (step with { Step = 18 }).SamplingSeed(),
            (step with { Epoch = 3 }).SamplingSeed(), (step with { Seed = 2021 }).SamplingSeed(),
        };
        Assert.Equal(neighbours.Length, neighbours.Distinct().Count());
    }

    private sealed record UnregisteredSpec : ModelSpec
    {
        public override string Name => "Unregistered";

        public override int ItemCount => 1;

        public override string Describe() => Name;

        public override SessionRecommender Build(long seed = 0, TorchSharp.torch.Device? device = null) => throw new NotSupportedException();
    }
}
