using Tagnn.Graphs;
using Tagnn.Model;
using Tagnn.Model.Scoring;
using static TorchSharp.torch;

namespace Tagnn.Tests.Support;

/// <summary>
/// The models written out from the equations, the slow way (materialising (B, N, d) tensors), from a model's
/// parameters: the yardstick the production code is checked against.
/// </summary>
internal static class NaiveReference
{
    /// <summary>
    /// The scorer contract of <see cref="ITargetScorer"/>, computed naively: beta (B, N, L) from a plain softmax over
    /// attended positions plus virtual positions, s_target (B, N, d), score = (session + s_target) . E.
    /// </summary>
    public static Tensor Score(TargetScorerInput x)
    {
        var b = x.Keys.shape[0];
        var l = x.Keys.shape[1];
        var n = x.Candidates.shape[0];
        var logits = einsum("nd,bld->bnl", x.Candidates, x.Keys);                          // (B, N, L)
        var attend = x.Attend.unsqueeze(1).expand(b, n, l);
        var exp = logits.exp() * attend;
        var denominator = exp.sum(2, keepdim: true);
        if (x.VirtualCount is not null) denominator = denominator + x.VirtualCount.view(b, 1, 1); // exp(0) each
        var beta = exp / denominator;                                                       // (B, N, L)
        var target = beta.matmul(x.Values);                                                 // (B, N, d)
        var s = x.Session.unsqueeze(1) + target;                                            // (B, N, d)
        return (s * x.Candidates.unsqueeze(0)).sum(2);                                      // (B, N)
    }

    /// <summary>
    /// Scores (B, N) of the whole model written from the equations of <paramref name="config"/>'s formulation,
    /// with the parameters of <paramref name="model"/>. The batch must be padded dataset-wide for the reference
    /// formulation (the code's softmaxes run over the padded positions literally).
    /// </summary>
    public static Tensor ModelScores(SessionModel model, SessionBatch batch)
    {
        var config = model.Config;
        var p = model.ReferenceTensors().ToDictionary(t => t.Name, t => t.Tensor);
        var d = config.HiddenSize;
        var emb = p["embedding.weight"];
        var h = emb[batch.Items];                                                           // (B, n, d)
        var a = batch.Adjacency;
        var n = a.shape[1];
        for (var step = 0; step < config.GnnSteps; step++)
        {
            var inA = a[.., .., ..(int)n].matmul(h.matmul(p["gnn.linear_edge_in.weight"].t()) + p["gnn.linear_edge_in.bias"]) + p["gnn.b_iah"];
            var outA = a[.., .., (int)n..].matmul(h.matmul(p["gnn.linear_edge_out.weight"].t()) + p["gnn.linear_edge_out.bias"]) + p["gnn.b_oah"];
            var gi = cat([inA, outA], 2).matmul(p["gnn.w_ih"].t()) + p["gnn.b_ih"];
            var gh = h.matmul(p["gnn.w_hh"].t()) + p["gnn.b_hh"];
            var r = (gi[.., .., ..d] + gh[.., .., ..d]).sigmoid();
            var z = (gi[.., .., d..(2 * d)] + gh[.., .., d..(2 * d)]).sigmoid();
            var c = (gi[.., .., (2 * d)..] + r * gh[.., .., (2 * d)..]).tanh();
            h = (1 - z) * c + z * h;                                                        // Eq. 5 (GRU convention)
        }
        var bsz = batch.Count;
        var l = batch.Length;
        var hs = stack(Enumerable.Range(0, bsz).Select(i => h[i][batch.Alias[i]]).ToArray()); // (B, L, d)
        var mask = batch.Mask;
        var lengths = batch.Lengths.data<long>().ToArray();
        var last = stack(Enumerable.Range(0, bsz).Select(i => hs[i][lengths[i] - 1]).ToArray()); // (B, d)
        var literal = config.Formulation == Formulation.Reference;
        if (literal && !batch.IsDatasetPadded) throw new ArgumentException("The naive reference needs a dataset-padded batch.");
        var attend = literal ? ones_like(mask) : mask;

        Tensor? local = null, global = null;
        switch (config.Readout)
        {
            case ReadoutKind.Local:
                local = last;
                break;
            case ReadoutKind.Average:
                global = (hs * mask.unsqueeze(2)).sum(1) / mask.sum(1, keepdim: true);
                break;
            default:
                var alpha = (last.matmul(p["linear_one.weight"].t()) + p["linear_one.bias"]).unsqueeze(1)
                            + hs.matmul(p["linear_two.weight"].t()) + p["linear_two.bias"];
                alpha = alpha.sigmoid().matmul(p["linear_three.weight"].t()).squeeze(2);   // (B, L)  Eq. 8
                if (config.GlobalSoftmax)
                {
                    var e = alpha.exp() * attend;
                    alpha = e / e.sum(1, keepdim: true);
                }
                global = (alpha.unsqueeze(2) * hs * mask.unsqueeze(2)).sum(1);             // Eq. 9
                if (config.Readout == ReadoutKind.LocalAttentive) local = last;
                break;
        }

        var candidates = emb[1..];                                                         // (N, d)
        var items = candidates.shape[0];
        Tensor? target = null;                                                             // (B, N, d)
        if (config.TargetAttention)
        {
            var hm = hs * mask.unsqueeze(2);
            var keys = hm.matmul(p["linear_t.weight"].t());                                // (B, L, d)
            var logits = einsum("nd,bld->bnl", candidates, keys);                          // (B, N, L)  Eq. 6
            var e = logits.exp() * attend.unsqueeze(1);
            var beta = e / e.sum(2, keepdim: true);
            target = beta.matmul(hm);                                                      // (B, N, d)  Eq. 7
        }

        Tensor st;                                                                         // (B, N, d) or (B, 1, d)
        if (config.Formulation == Formulation.Paper)
        {
            // Eq. 10: s_t = W3 [s_target; s_local; s_global]
            var parts = new List<Tensor>();
            if (target is not null) parts.Add(target);
            var width = target is null ? 1 : items;
            if (local is not null) parts.Add(local.unsqueeze(1).expand(bsz, width, d));
            if (global is not null) parts.Add(global.unsqueeze(1).expand(bsz, width, d));
            st = cat(parts.ToArray(), 2).matmul(p["linear_transform.weight"].t());
        }
        else
        {
            var session = local is not null && global is not null
                ? cat([global, local], 1).matmul(p["linear_transform.weight"].t()) + p["linear_transform.bias"]
                : (local ?? global)!;
            st = session.unsqueeze(1);
            if (target is not null) st = st + target;
        }
        return (st * candidates.unsqueeze(0)).sum(2);                                      // (B, N)  Section 2.5: v_t . s_t
    }
}
