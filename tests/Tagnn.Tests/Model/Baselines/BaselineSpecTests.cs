using System.Text.Json;
using Tagnn.Model;
using Tagnn.Model.Baselines;
using Tagnn.Training;

namespace Tagnn.Tests.Model.Baselines;

/// <summary>The baselines' specifications: registered JSON types that round-trip, the defaults, and the checks.</summary>
public sealed class BaselineSpecTests
{
    public static TheoryData<string> Names() => [.. NeuralBaselines.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_spec_round_trips_through_json_under_its_name(string name)
    {
        var defaults = NeuralBaselines.Default(name, 1353);
        ModelSpec changed = defaults switch
        {
            Gru4RecConfig g => g with { HiddenSize = 16, HiddenDropout = 0.1, EmbeddingDropout = 0.2 },
            NarmConfig n => n with { HiddenSize = 16, ContextDropout = 0.3, EmbeddingDropout = 0.1 },
            StampConfig s => s with { HiddenSize = 16 },
            BprMfConfig b => b with { HiddenSize = 16 },
            FpmcConfig f => f with { HiddenSize = 16 },
            _ => throw new InvalidOperationException(),
        };
        foreach (var spec in new[] { defaults, changed })
        {
            foreach (var options in new[] { RunJson.Indented, RunJson.Compact, JsonSerializerOptions.Default })
            {
                var json = JsonSerializer.Serialize(spec, options);
                var back = JsonSerializer.Deserialize<ModelSpec>(json, options);
                Assert.Equal(spec, back);
                Assert.Equal(spec.GetType(), back!.GetType());
                Assert.Equal(spec.Describe(), back.Describe());
                using var document = JsonDocument.Parse(json);
                var first = document.RootElement.EnumerateObject().First();
                Assert.Equal(("type", name), (first.Name, first.Value.GetString()));
            }
        }
        Assert.Equal(name, defaults.ShortName);
        Assert.Equal(1352, defaults.ItemCount);
    }

    [Fact]
    public void The_json_holds_the_settings_and_the_defaults_are_the_documented_ones()
    {
        Assert.Equal("""{"type":"gru4rec","item_table_size":101,"hidden_size":100,"embedding_dropout":0,"hidden_dropout":0.4}""",
            JsonSerializer.Serialize(NeuralBaselines.Default("gru4rec", 101), RunJson.Compact));
        Assert.Equal("""{"type":"narm","item_table_size":101,"hidden_size":100,"embedding_dropout":0.25,"context_dropout":0.5}""",
            JsonSerializer.Serialize(NeuralBaselines.Default("NARM", 101), RunJson.Compact));
        Assert.Equal("""{"type":"stamp","item_table_size":101,"hidden_size":100}""",
            JsonSerializer.Serialize(NeuralBaselines.Default("stamp", 101), RunJson.Compact));
        Assert.Equal("""{"type":"bprmf","item_table_size":101,"hidden_size":100}""",
            JsonSerializer.Serialize(NeuralBaselines.Default("bprmf", 101), RunJson.Compact));
        Assert.Equal("""{"type":"fpmc","item_table_size":101,"hidden_size":100}""",
            JsonSerializer.Serialize(NeuralBaselines.Default("fpmc", 101), RunJson.Compact));
        Assert.Equal(["GRU4Rec", "NARM", "STAMP", "BPR-MF", "FPMC"],
            new[] { "gru4rec", "narm", "stamp", "bprmf", "fpmc" }.Select(n => NeuralBaselines.Default(n, 101).Name));
        Assert.All(NeuralBaselines.Names, n => Assert.Contains(n, ModelSpec.TypeNames()));
    }

    [Fact]
    public void Bad_settings_and_names_are_refused_with_the_setting_named()
    {
        Assert.Contains("Unknown neural baseline 'sasrec'", Assert.Throws<ArgumentException>(() => NeuralBaselines.Default("sasrec", 101)).Message);
        Assert.Contains("HiddenDropout", Assert.Throws<ArgumentException>(() => (Gru4RecConfig.For(101) with { HiddenDropout = 1 }).Build()).Message);
        Assert.Contains("ContextDropout", Assert.Throws<ArgumentException>(() => (NarmConfig.For(101) with { ContextDropout = -0.1 }).Validate()).Message);
        Assert.Contains("HiddenSize", Assert.Throws<ArgumentException>(() => (StampConfig.For(101) with { HiddenSize = 0 }).Validate()).Message);
        Assert.Contains("ItemTableSize", Assert.Throws<ArgumentException>(() => BprMfConfig.For(2).Validate()).Message);
        Assert.Contains("ItemTableSize", Assert.Throws<ArgumentException>(() => NeuralBaselines.Default("fpmc", 1)).Message);
        Assert.True(NeuralBaselines.HasSessionFactors("BPRMF") && NeuralBaselines.HasSessionFactors("fpmc") && !NeuralBaselines.HasSessionFactors("narm"));
    }
}
