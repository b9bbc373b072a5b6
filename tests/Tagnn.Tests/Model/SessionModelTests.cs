using System.Text.Json;
using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Model;

public sealed class SessionModelTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tagnn-model-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Theory]
    [InlineData("tagnn")]
    [InlineData("srgnn")]
    public void Exporting_the_fixture_weights_reproduces_the_fixture_file_byte_for_byte(string name)
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load(name);
        var model = ReferenceParityTests.LoadModel(fixture);
        var path = Path.Combine(dir, "export.safetensors");
        model.SaveReferenceWeights(path);
        Assert.Equal(File.ReadAllBytes(fixture.WeightsPath), File.ReadAllBytes(path));
    }

    [Fact]
    public void Weights_round_trip_and_give_the_same_scores()
    {
        using var scope = NewDisposeScope();
        var a = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Paper, ReadoutKind.LocalAttentive, 2, seed: 1);
        var b = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Paper, ReadoutKind.LocalAttentive, 2, seed: 2);
        var data = RandomSessions.Dataset(12, 23, 5, seed: 1);
        using var batch = new SessionBatcher(data, new BatcherOptions(Prefetch: false)).Build(Enumerable.Range(0, 12).ToArray());
        Assert.True(TensorAssert.MaxAbsDiff(a.forward(batch), b.forward(batch)) > 1e-3); // different seeds differ
        var path = Path.Combine(dir, "paper.safetensors");
        a.SaveReferenceWeights(path, new Dictionary<string, string> { ["formulation"] = "Paper" });
        b.LoadReferenceWeights(path);
        TensorAssert.Equal(a.forward(batch), b.forward(batch), "scores after loading");
        Assert.Equal([8L, 24L], b.ReferenceTensors().Single(p => p.Name == "linear_transform.weight").Tensor.shape); // Eq. 10: d x 3d
    }

    [Fact]
    public void Loading_weights_of_another_shape_or_model_is_refused_with_the_reasons()
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load("tagnn");
        var srgnn = ModelFactory.Create(ModelConfig.ForSrGnn(fixture.NodeTableSize) with { HiddenSize = fixture.HiddenSize });
        var e = Assert.Throws<InvalidDataException>(() => srgnn.LoadReferenceWeights(fixture.WeightsPath));
        Assert.Contains("unknown tensor 'linear_t.weight'", e.Message);
        var wide = ModelFactory.Create(ModelConfig.ForTagnn(fixture.NodeTableSize) with { HiddenSize = 10 });
        e = Assert.Throws<InvalidDataException>(() => wide.LoadReferenceWeights(fixture.WeightsPath));
        Assert.Contains("'embedding.weight' has shape [21, 12], the model needs [21, 10]", e.Message);
    }

    [Fact]
    public void Initialisation_is_uniform_in_the_reference_bound_and_seeded()
    {
        using var scope = NewDisposeScope();
        var config = ModelConfig.ForTagnn(50) with { HiddenSize = 16 };
        var a = ModelFactory.Create(config, seed: 3);
        var b = ModelFactory.Create(config, seed: 3);
        var c = ModelFactory.Create(config, seed: 4);
        var names = a.ReferenceTensors().Select(p => p.Name).ToArray();
        Assert.Equal(["embedding.weight", "gnn.w_ih", "gnn.w_hh", "gnn.b_ih", "gnn.b_hh", "gnn.b_iah", "gnn.b_oah",
            "gnn.linear_edge_in.weight", "gnn.linear_edge_in.bias", "gnn.linear_edge_out.weight", "gnn.linear_edge_out.bias",
            "gnn.linear_edge_f.weight", "gnn.linear_edge_f.bias", "linear_one.weight", "linear_one.bias", "linear_two.weight",
            "linear_two.bias", "linear_three.weight", "linear_transform.weight", "linear_transform.bias", "linear_t.weight"], names);
        foreach (var ((_, ta), (_, tb), (_, tc)) in a.ReferenceTensors().Zip(b.ReferenceTensors(), c.ReferenceTensors()))
        {
            Assert.True(ta.eq(tb).all().item<bool>());
            Assert.False(ta.eq(tc).all().item<bool>());
            Assert.True(ta.abs().max().item<float>() <= 0.25f);
        }
        // linear_edge_f is not a parameter (no optimiser sees it), everything else is
        Assert.Equal(names.Length - 2, a.parameters().Count());
    }

    [Fact]
    public void Attention_weights_are_exposed_and_consistent_with_the_scores()
    {
        using var scope = NewDisposeScope();
        var data = RandomSessions.Dataset(6, 23, 5, seed: 8);
        foreach (var (formulation, policy) in new[] { (Formulation.Reference, PaddingPolicy.Dataset), (Formulation.Reference, PaddingPolicy.Batch), (Formulation.Masked, PaddingPolicy.Batch) })
        {
            var model = FormulationPropertyTests.Build(ModelKind.Tagnn, formulation, ReadoutKind.LocalAttentive, 1, seed: 6);
            using var batch = new SessionBatcher(data, new BatcherOptions(Padding: policy, PadLength: 8, Prefetch: false)).Build(Enumerable.Range(0, 6).ToArray());
            var encoding = model.Encode(batch);
            var scores = model.Score(encoding);
            var candidates = tensor(new long[,] { { 1, 5, 9 }, { 2, 2, 23 }, { 3, 4, 5 }, { 6, 7, 8 }, { 10, 11, 12 }, { 13, 14, 15 } });
            var beta = model.TargetAttentionWeights(encoding, candidates);                 // (B, K, L)
            Assert.Equal([6L, 3L, (long)batch.Length], beta.shape);
            Assert.Equal(0f, (beta * (1 - batch.Mask).unsqueeze(1)).abs().sum().item<float>());
            var mass = beta.sum(2);
            if (formulation == Formulation.Masked) TensorAssert.Close(ones_like(mass), mass, 1e-6, "beta sums to 1");
            else Assert.True(mass.max().item<float>() < 1f); // the reference puts the rest on padding
            // score[b,t] = session . E_t + sum_i beta_ti (h_i . E_t): recompute the chosen candidates' scores from beta
            var e = model.Embedding.call(candidates);                                         // (B, K, d)
            var recomputed = (encoding.Session.unsqueeze(1) * e).sum(2) + (beta.matmul(encoding.Values!) * e).sum(2);
            var chosen = scores.gather(1, candidates - 1);
            TensorAssert.Close(chosen, recomputed, 1e-5, "scores from beta");

            Assert.NotNull(encoding.Alpha);
            Assert.Equal([6L, (long)batch.Length], encoding.Alpha!.shape);
            Assert.Equal([6L, (long)batch.NodeCount, 8L], encoding.NodeStates.shape);
        }
    }

    [Fact]
    public void Many_training_steps_do_not_grow_the_live_tensor_count()
    {
        var model = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Reference, ReadoutKind.LocalAttentive, 1, seed: 6);
        var data = RandomSessions.Dataset(60, 23, 6, seed: 2);
        var batcher = new SessionBatcher(data, new BatcherOptions(BatchSize: 10, Padding: PaddingPolicy.Batch, PadLength: 9, Shuffle: true));
        var adam = optim.Adam(model.parameters(), lr: 1e-3, weight_decay: 1e-5);
        // An outer scope catches anything a step moves out of its own scope (a leak would be counted as live).
        using var outer = NewDisposeScope();
        long? baseline = null, outside = null;
        for (var epoch = 0; epoch < 8; epoch++)
        {
            foreach (var batch in batcher.Batches(epoch))
            {
                using (batch)
                using (var scope = NewDisposeScope())
                {
                    adam.zero_grad();
                    var encoding = model.Encode(batch);
                    var loss = NextItemLoss.Compute(model.Score(encoding), batch.Targets);
                    loss.backward();
                    adam.step();
                }
            }
            var live = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var created = DisposeScopeManager.Statistics.CreatedOutsideScopeCount;
            if (epoch == 1) (baseline, outside) = (live, created); // after Adam has created its state
            if (epoch > 1)
            {
                Assert.Equal(baseline, live);
                Assert.Equal(outside, created);
            }
        }
    }

    [Fact]
    public void Config_round_trips_through_json_and_resolves_defaults()
    {
        var config = ModelConfig.ForSrGnn(43098) with { Formulation = Formulation.Masked, Readout = ReadoutKind.Average };
        var json = JsonSerializer.Serialize(config);
        Assert.Contains("\"Kind\":\"SrGnn\"", json);
        Assert.Contains("\"Formulation\":\"Masked\"", json);
        Assert.Equal(config, JsonSerializer.Deserialize<ModelConfig>(json));
        Assert.False(config.TargetAttention);
        Assert.False(config.GlobalSoftmax);
        var tagnn = ModelConfig.ForTagnn(43098);
        Assert.True(tagnn.TargetAttention);
        Assert.True(tagnn.GlobalSoftmax);
        Assert.False(ModelConfig.ForTagnn(43098, Formulation.Paper).GlobalSoftmax);
        Assert.Equal(100, tagnn.HiddenSize);
        Assert.Equal(1, tagnn.GnnSteps);
        Assert.Equal(43097, tagnn.ItemCount);
        Assert.Throws<ArgumentException>(() => (tagnn with { HiddenSize = 0 }).Validate());
    }

    [Fact]
    public void A_replacement_scorer_is_used()
    {
        using var scope = NewDisposeScope();
        var model = FormulationPropertyTests.Build(ModelKind.Tagnn, Formulation.Reference, ReadoutKind.LocalAttentive, 1, seed: 1);
        var data = RandomSessions.Dataset(4, 23, 4, seed: 1);
        using var batch = new SessionBatcher(data, new BatcherOptions(Prefetch: false)).Build([0, 1, 2, 3]);
        var exact = model.forward(batch);
        var counting = new CountingScorer();
        model.Scorer = counting;
        TensorAssert.Close(exact, model.forward(batch), 1e-5, "naive scorer through the interface");
        Assert.Equal(1, counting.Calls);
    }

    private sealed class CountingScorer : ITargetScorer
    {
        public int Calls { get; private set; }

        public Tensor Score(TargetScorerInput input)
        {
            Calls++;
            return NaiveReference.Score(input);
        }
    }
}
