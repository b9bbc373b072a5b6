using Tagnn.Data;
using Tagnn.Graphs;
using Tagnn.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Tests.Graphs;

public sealed class SessionBatcherTests
{
    [Theory]
    [InlineData("tagnn")]
    [InlineData("srgnn")]
    public void Parity_fixture_batch_is_exactly_the_reference_batch(string model)
    {
        using var scope = NewDisposeScope();
        var fixture = ParityFixture.Load(model);
        var expected = fixture.Expected();
        var batcher = new SessionBatcher(fixture.Dataset(),
            new BatcherOptions(BatchSize: 100, Padding: PaddingPolicy.Dataset, PadLength: fixture.PadLength));
        using var batch = Assert.Single(batcher.Batches(0));
        TensorAssert.Equal(expected["items"], batch.Items, "items");
        TensorAssert.Equal(expected["alias_inputs"], batch.Alias, "alias_inputs");
        TensorAssert.Equal(expected["A"], batch.Adjacency, "A");
        TensorAssert.Equal(expected["mask"], batch.Mask, "mask");
        Assert.Equal(ScalarType.Int64, batch.Items.dtype);
        Assert.Equal(ScalarType.Int64, batch.Alias.dtype);
        Assert.Equal(ScalarType.Float32, batch.Adjacency.dtype);
        Assert.Equal(ScalarType.Float32, batch.Mask.dtype);
        Assert.Equal(fixture.Targets, batch.Targets.data<long>().Select(t => (int)t).ToArray());
        Assert.Equal(fixture.Sessions.Select(s => (long)s.Length).ToArray(), batch.Lengths.data<long>().ToArray());
        Assert.Equal(fixture.PadLength, batch.PadLength);
        Assert.True(batch.IsDatasetPadded);
        Assert.Equal([0, 1, 2, 3, 4, 5], batch.ExampleIndices);
    }

    [Fact]
    public void Graph_of_the_reference_page_example()
    {
        // [1,2,3,2,4]: node 2 receives 1/2 from items 1 and 3 and sends 1/2 to 3 and 4.
        var g = SessionGraph.Build([1, 2, 3, 2, 4], paddedLength: 7);
        Assert.Equal([0, 1, 2, 3, 4], g.Nodes);
        Assert.Equal([1, 2, 3, 2, 4, 0, 0], g.Alias);
        Assert.Equal([(1, 2), (2, 3), (2, 4), (3, 2)], g.Edges);
        var a = g.Adjacency();
        var n = g.NodeCount;
        Assert.Equal(0.5f, a[2, 1]); // in: 1 -> 2
        Assert.Equal(0.5f, a[2, 3]); // in: 3 -> 2
        Assert.Equal(0.5f, a[2, n + 3]); // out: 2 -> 3
        Assert.Equal(0.5f, a[2, n + 4]); // out: 2 -> 4
        Assert.Equal(1f, a[3, 2]); // in: 2 -> 3
        Assert.Equal(1f, a[1, n + 2]); // out: 1 -> 2
        Assert.Equal(0f, a[0, 0]);
        var total = 0f;
        foreach (var x in a) total += x;
        // In-weights of a node with in-edges sum to 1 (items 2, 3, 4), out-weights likewise (items 1, 2, 3).
        Assert.Equal(6f, total, 5);
    }

    [Fact]
    public void Repeated_transitions_count_once_and_self_loops_are_edges()
    {
        var g = SessionGraph.Build([4, 4, 4, 6, 4, 6]);
        Assert.False(g.IsPadded);
        Assert.Equal([4, 6], g.Nodes);
        Assert.Equal([(0, 0), (0, 1), (1, 0)], g.Edges);
        var a = g.Adjacency();
        Assert.Equal(0.5f, a[0, 0]); // 4 receives from 4 and 6
        Assert.Equal(0.5f, a[0, 1]);
        Assert.Equal(0.5f, a[0, 2 + 0]); // 4 sends to 4 and 6
        Assert.Equal(0.5f, a[0, 2 + 1]);
        Assert.Equal(1f, a[1, 0]); // 6 receives from 4 only
        Assert.Equal(1f, a[1, 2 + 0]); // 6 sends to 4 only
    }

    [Fact]
    public void One_click_session_works_in_both_policies()
    {
        using var scope = NewDisposeScope();
        var data = SessionDataset.FromExamples([(2, [7]), (3, [7, 2, 9])]);
        foreach (var policy in new[] { PaddingPolicy.Dataset, PaddingPolicy.Batch })
        {
            var batcher = new SessionBatcher(data, new BatcherOptions(BatchSize: 1, Padding: policy, Prefetch: false));
            var batches = batcher.Batches(0).ToList();
            Assert.Equal(2, batches.Count);
            using var first = batches[0];
            using var second = batches[1];
            Assert.Equal(policy == PaddingPolicy.Dataset ? 3 : 1, first.Length);
            Assert.Equal(policy == PaddingPolicy.Dataset ? [0L, 7L] : [7L], first.Items.data<long>().ToArray());
            Assert.Equal(0f, first.Adjacency.abs().sum().item<float>()); // no edges
            Assert.Equal(1f, first.Mask.sum().item<float>());
            Assert.Equal(3, first.PadLength);
        }
    }

    [Fact]
    public void Batch_padding_pads_to_the_longest_prefix_of_the_batch_and_keeps_the_dataset_length()
    {
        using var scope = NewDisposeScope();
        var data = SessionDataset.FromExamples([(1, [1, 2]), (2, [3]), (3, [1, 2, 3, 4, 5])]);
        var batcher = new SessionBatcher(data, new BatcherOptions(BatchSize: 2, Padding: PaddingPolicy.Batch));
        var batches = batcher.Batches(0).ToList();
        try
        {
            Assert.Equal(2, batches[0].Length);
            Assert.Equal(5, batches[0].PadLength);
            Assert.False(batches[0].IsDatasetPadded);
            Assert.Equal([[1L, 2L], [0L, 3L]], Rows(batches[0].Items));
            Assert.Equal(1, batches[1].Count); // the last batch is smaller
            Assert.Equal(5, batches[1].Length);
            Assert.True(batches[1].IsDatasetPadded);
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    [Fact]
    public void Shuffled_order_is_a_pure_function_of_seed_and_epoch()
    {
        var data = SessionDataset.FromExamples(Enumerable.Range(0, 50).Select(i => (i + 1, (IReadOnlyList<int>)[i + 1])));
        var a = new SessionBatcher(data, new BatcherOptions(Shuffle: true, Seed: 7));
        var b = new SessionBatcher(data, new BatcherOptions(Shuffle: true, Seed: 7));
        var c = new SessionBatcher(data, new BatcherOptions(Shuffle: true, Seed: 8));
        Assert.Equal(a.Order(3), b.Order(3));
        Assert.NotEqual(a.Order(3), a.Order(4));
        Assert.NotEqual(a.Order(3), c.Order(3));
        Assert.Equal(Enumerable.Range(0, 50), a.Order(3).Order());
        Assert.Equal(Enumerable.Range(0, 50), new SessionBatcher(data).Order(3)); // no shuffle: dataset order
    }

    [Fact]
    public void Prefetched_and_sequential_batches_are_identical()
    {
        using var scope = NewDisposeScope();
        var random = new Random(5);
        var data = SessionDataset.FromExamples(Enumerable.Range(0, 237).Select(_ =>
            (random.Next(1, 40), (IReadOnlyList<int>)Enumerable.Range(0, random.Next(1, 12)).Select(_ => random.Next(1, 40)).ToArray())));
        foreach (var policy in new[] { PaddingPolicy.Dataset, PaddingPolicy.Batch })
        {
            var options = new BatcherOptions(BatchSize: 20, Padding: policy, Shuffle: true, Seed: 3);
            var pre = new SessionBatcher(data, options).Batches(2).ToList();
            var seq = new SessionBatcher(data, options with { Prefetch = false }).Batches(2).ToList();
            Assert.Equal(12, pre.Count);
            Assert.Equal(17, pre[^1].Count);
            for (var k = 0; k < pre.Count; k++)
            {
                Assert.Equal(seq[k].ExampleIndices, pre[k].ExampleIndices);
                TensorAssert.Equal(seq[k].Items, pre[k].Items, "items");
                TensorAssert.Equal(seq[k].Alias, pre[k].Alias, "alias");
                TensorAssert.Equal(seq[k].Adjacency, pre[k].Adjacency, "A");
                TensorAssert.Equal(seq[k].Mask, pre[k].Mask, "mask");
                TensorAssert.Equal(seq[k].Targets, pre[k].Targets, "targets");
                // and each batch equals the graphs built one by one
                for (var i = 0; i < pre[k].Count; i++)
                {
                    var index = pre[k].ExampleIndices[i];
                    var g = SessionGraph.Build(data.Prefix(index).ToArray(), pre[k].Length);
                    var items = pre[k].Items[i].data<long>().ToArray();
                    Assert.Equal(g.Nodes.Select(x => (long)x), items.Take(g.NodeCount));
                    Assert.All(items.Skip(g.NodeCount), x => Assert.Equal(0L, x));
                    Assert.Equal(g.Alias.Select(x => (long)x), pre[k].Alias[i].data<long>().ToArray());
                    Assert.Equal(data.Target(index), (int)pre[k].Targets[i].item<long>());
                }
                pre[k].Dispose();
                seq[k].Dispose();
            }
        }
    }

    [Fact]
    public void Stopping_early_stops_the_prefetch_worker()
    {
        var data = SessionDataset.FromExamples(Enumerable.Range(0, 100).Select(i => (1, (IReadOnlyList<int>)[1, 2])));
        var batcher = new SessionBatcher(data, new BatcherOptions(BatchSize: 3));
        foreach (var batch in batcher.Batches(0).Take(2)) batch.Dispose();
        // a second full pass still works
        Assert.Equal(34, batcher.Batches(1).Select(b => { b.Dispose(); return 1; }).Sum());
    }

    [Fact]
    public void Bad_inputs_are_refused_with_clear_errors()
    {
        var data = SessionDataset.FromExamples([(1, [1, 2, 3])]);
        var e = Assert.Throws<ArgumentException>(() => new SessionBatcher(data, new BatcherOptions(PadLength: 2)));
        Assert.Contains("longest prefix", e.Message);
        Assert.Throws<ArgumentException>(() => SessionGraph.Build([1, 0]));
        Assert.Throws<ArgumentException>(() => SessionBatch.FromSessions([[]], 3));
    }

    [Fact]
    public void Batches_are_created_on_the_requested_device()
    {
        var data = SessionDataset.FromExamples([(1, [1, 2, 3])]);
        using var batch = new SessionBatcher(data, new BatcherOptions { Device = CPU }).Build([0]);
        Assert.Equal(DeviceType.CPU, batch.Items.device_type);
        Assert.Equal(DeviceType.CPU, batch.Adjacency.device_type);
    }

    private static long[][] Rows(Tensor t) =>
        Enumerable.Range(0, (int)t.shape[0]).Select(i => t[i].data<long>().ToArray()).ToArray();
}
