using Tagnn.Evaluation;
using Tagnn.Evaluation.Baselines;
using Tagnn.Experiments;
using Tagnn.Model;

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
    public void The_neural_baselines_are_trainable_or_marked_not_available_in_this_build()
    {
        // Until Tagnn.Model.Baselines lands, the five are UnavailableEntry lines; afterwards NeuralEntry lines.
        foreach (var name in new[] { "bprmf", "fpmc", "gru4rec", "narm", "stamp" })
        {
            var entry = ModelCatalog.Default.Find(name);
            Assert.True(entry is NeuralEntry || entry is UnavailableEntry { Reason: ModelCatalog.NotInThisBuild }, $"{name}: {entry}");
        }
        Assert.All(ModelCatalog.Default.Unavailable, u => Assert.Equal(ModelCatalog.NotInThisBuild, u.Reason));
        Assert.Equal(ModelCatalog.Default.Entries.Where(e => e.IsAvailable), ModelCatalog.Default.Select(null));
        Assert.Equal(ModelCatalog.Default.Available, ModelCatalog.Default.Select([]));
    }

    [Fact]
    public void Asking_for_a_model_not_in_this_build_or_an_unknown_one_is_a_clear_error()
    {
        var catalog = new ModelCatalog(
        [
            new BaselineEntry("pop", "POP", () => new PopSpec()),
            new UnavailableEntry("gru4rec", "GRU4REC", ModelCatalog.NotInThisBuild),
            new UnavailableEntry("narm", "NARM", ModelCatalog.NotInThisBuild),
            new BaselineEntry("sr", "SR", () => new SrSpec()),
        ]);
        Assert.Equal(["pop", "sr"], catalog.Select(null).Select(e => e.Name));
        var e = Assert.Throws<ArgumentException>(() => catalog.Select(["pop", "gru4rec", "narm"]));
        Assert.Equal("gru4rec, narm are not available in this build. Available: pop, sr.", e.Message);
        var one = Assert.Throws<ArgumentException>(() => catalog.Select(["narm"]));
        Assert.Equal("narm is not available in this build. Available: pop, sr.", one.Message);
        var unknown = Assert.Throws<ArgumentException>(() => ModelCatalog.Default.Select(["pop", "bert4rec"]));
        Assert.StartsWith("Unknown model 'bert4rec'; known: pop, spop, itemknn, bprmf, fpmc, gru4rec, narm, stamp, srgnn, tagnn, sknn, vsknn, stan, sr.", unknown.Message);
    }

    [Fact]
    public void Select_keeps_table_order_ignores_case_and_repeats_and_with_replaces_or_adds()
    {
        Assert.Equal(["pop", "tagnn", "sr"], ModelCatalog.Default.Select(["SR", "tagnn", " pop", "pop"]).Select(e => e.Name));
        Assert.Equal(["pop", "srgnn"], ModelCatalog.Default.Select(ModelCatalog.ParseList("srgnn, pop,,")).Select(e => e.Name));

        var plugged = ModelCatalog.Default.With(new NeuralEntry("gru4rec", "GRU4REC", n => ModelConfig.ForSrGnn(n)));
        Assert.Equal(ModelCatalog.Table1Names, plugged.Entries.Select(e => e.Name));
        Assert.IsType<NeuralEntry>(plugged.Find("gru4rec"));
        Assert.Equal(["gru4rec"], plugged.Select(["gru4rec"]).Select(e => e.Name));
        Assert.IsType<UnavailableEntry>(ModelCatalog.Default.Find("gru4rec")); // the original is unchanged

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
