using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using Tagnn.Experiments;
using Tagnn.Model;
using Tagnn.Model.Baselines;

namespace Tagnn.Tests.Experiments;

/// <summary>The catalog of <c>tagnn table1</c>: the 14 names, what each maps to, and the errors for the rest.</summary>
public sealed class ModelCatalogTests
{
    [Fact]
    public void The_default_catalog_has_the_fourteen_names_in_table_order()
    {
        Assert.Equal(
            ["pop", "spop", "itemknn", "bprmf", "fpmc", "gru4rec", "narm", "stamp", "srgnn", "tagnn", "sknn", "vsknn", "stan", "sr"],
            ModelCatalog.Table1Names);
        Assert.Equal(ModelCatalog.Table1Names, ModelCatalog.Default.Entries.Select(e => e.Name));

        // The paper's methods carry the paper's spelling; the four others are not in its table.
        foreach (var entry in ModelCatalog.Default.Entries.Where(e => e.InPaper))
            Assert.Equal(PublishedResults.TagnnTable1.First(r => r.ModelKey == entry.Name).Model, entry.Title);
        Assert.Equal(["sknn", "vsknn", "stan", "sr"], ModelCatalog.Default.Entries.Where(e => !e.InPaper).Select(e => e.Name));
    }

    [Fact]
    public void Every_baseline_maps_to_its_default_spec_and_the_gnns_to_the_published_configurations()
    {
        foreach (var entry in ModelCatalog.Default.Entries.OfType<BaselineEntry>())
            Assert.Equal(BaselineSpec.Default(entry.Name), entry.Spec());
        Assert.Equal(BaselineSpec.Names.Order(), ModelCatalog.Default.Entries.OfType<BaselineEntry>().Select(e => e.Name).Order());
        var neural = ModelCatalog.Default.Entries.OfType<NeuralEntry>().ToDictionary(e => e.Name);
        Assert.Equal(ModelConfig.ForSrGnn(101), neural["srgnn"].Spec(101));
        Assert.Equal(ModelConfig.ForTagnn(101), neural["tagnn"].Spec(101));
        Assert.Null(neural["tagnn"].Training);
    }

    [Fact]
    public void The_neural_baselines_train_with_their_default_specs_and_the_table_options()
    {
        var neural = ModelCatalog.Default.Entries.OfType<NeuralEntry>().ToDictionary(e => e.Name);
        Assert.Equal(["bprmf", "fpmc", "gru4rec", "narm", "stamp", "srgnn", "tagnn"], neural.Keys);
        foreach (var name in NeuralBaselines.Names)
        {
            var spec = neural[name].Spec(101);
            Assert.Equal(NeuralBaselines.Default(name, 101), spec);
            Assert.Equal(100, spec.ItemCount); // items 1..100 of a table of 101 rows
            Assert.Null(neural[name].Training); // the table's options (Adam, schedule, batch, patience) unchanged
        }
        Assert.IsType<Gru4RecConfig>(neural["gru4rec"].Spec(50));
        Assert.IsType<NarmConfig>(neural["narm"].Spec(50));
        Assert.IsType<StampConfig>(neural["stamp"].Spec(50));
        Assert.IsType<BprMfConfig>(neural["bprmf"].Spec(50));
        Assert.IsType<FpmcConfig>(neural["fpmc"].Spec(50));
        // Their titles are the paper's rows of Table 1.
        Assert.All(NeuralBaselines.Names, n => Assert.True(ModelCatalog.Default.Find(n)!.InPaper, n));
    }

    [Fact]
    public void No_names_means_every_model_and_an_unknown_name_is_a_clear_error()
    {
        Assert.Equal(ModelCatalog.Default.Entries, ModelCatalog.Default.Select(null));
        Assert.Equal(ModelCatalog.Default.Entries, ModelCatalog.Default.Select([]));
        Assert.Equal(ModelCatalog.Table1Names, ModelCatalog.Default.Select([" ", ""]).Select(e => e.Name));
        var unknown = Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Select(["pop", "bert4rec"]));
        Assert.StartsWith("Unknown model 'bert4rec'; known: pop, spop, itemknn, bprmf, fpmc, gru4rec, narm, stamp, srgnn, tagnn, sknn, vsknn, stan, sr.", unknown.Message);
        var two = Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Select(["sasrec", "gru4rec", "bert4rec"]));
        Assert.StartsWith("Unknown models 'sasrec', 'bert4rec'; known: ", two.Message);
    }

    [Fact]
    public void Select_keeps_table_order_ignores_case_and_repeats_and_with_replaces_or_adds()
    {
        Assert.Equal(["pop", "tagnn", "sr"], ModelCatalog.Default.Select(["SR", "tagnn", " pop", "pop"]).Select(e => e.Name));
        Assert.Equal(["pop", "srgnn"], ModelCatalog.Default.Select(ModelCatalog.ParseList("srgnn, pop,,")).Select(e => e.Name));

        var plugged = ModelCatalog.Default.With(new NeuralEntry("gru4rec", "GRU4REC", n => ModelConfig.ForSrGnn(n)));
        Assert.Equal(ModelCatalog.Table1Names, plugged.Entries.Select(e => e.Name));
        Assert.IsType<ModelConfig>(((NeuralEntry)plugged.Find("gru4rec")!).Spec(50));
        Assert.Equal(["gru4rec"], plugged.Select(["gru4rec"]).Select(e => e.Name));
        Assert.IsType<Gru4RecConfig>(((NeuralEntry)ModelCatalog.Default.Find("gru4rec")!).Spec(50)); // the original is unchanged

        var added = ModelCatalog.Default.With(new BaselineEntry("my-pop", "My POP", () => new PopSpec()));
        Assert.Equal("my-pop", added.Entries[^1].Name);
        Assert.Throws<ArgumentException>(() => new ModelCatalog([new BaselineEntry("Pop", "POP", () => new PopSpec())]));
        Assert.Throws<ArgumentException>(() => new ModelCatalog([new BaselineEntry("pop", "POP", () => new PopSpec()), new BaselineEntry("pop", "P", () => new PopSpec())]));
    }

    [Fact]
    public void A_neural_entry_may_adjust_training_but_not_what_decides_the_examples()
    {
        var table = new Tagnn.Training.TrainingOptions { Seed = 5 };
        var faster = new NeuralEntry("x", "X", n => ModelConfig.ForSrGnn(n), o => o with { LearningRate = 5e-3 });
        Assert.Equal(5e-3, faster.Options(table).LearningRate);
        var cheating = new NeuralEntry("x", "X", n => ModelConfig.ForSrGnn(n), o => o with { MaxTestExamples = 10 });
        Assert.Throws<InvalidOperationException>(() => cheating.Options(table));
    }

    [Fact]
    public void Seed_statistics_are_the_mean_and_the_sample_standard_deviation()
    {
        // 50, 52, 57: mean 53, squared deviations 9 + 1 + 16 = 26, sample variance 26 / 2 = 13.
        Assert.Equal(53, SeedStatistics.Mean([50, 52, 57]));
        Assert.Equal(Math.Sqrt(13), SeedStatistics.SampleStd([50, 52, 57])!.Value, 12);
        Assert.Null(SeedStatistics.SampleStd([50]));
        Assert.Null(SeedStatistics.Mean([]));
    }
}
