using TorchSharp;
using static TorchSharp.torch;

namespace Tagnn.Model.Baselines;

/// <summary>
/// Rows of a large table with a sparse gradient: forward, <c>table.gather</c> of the rows at the ids (P ids, (P, d));
/// backward, the incoming (P, d) gradient as a sparse (S, d) tensor of those rows (repeated ids summed when it is
/// added), which autograd adds in place into the table's dense gradient buffer. An embedding with
/// <c>sparse: true</c> does the same through <c>index_select</c>, which has no meta kernel. On the meta device, which
/// cannot add a sparse tensor to a dense one, the backward pass returns the same gradient dense (a scatter-add).
/// </summary>
internal sealed class SparseRows : autograd.SingleTensorFunction<SparseRows>
{
    /// <inheritdoc />
    public override string Name => nameof(SparseRows);

    /// <inheritdoc />
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (table, ids) = ((Tensor)vars[0], (Tensor)vars[1]);
        ctx.save_for_backward([ids]);
        ctx.save_data("shape", table.shape);
        using var index = ids.reshape(-1, 1).expand(-1, table.shape[1]);        // (P, d)
        return table.gather(0, index);                                            // (P, d)
    }

    /// <inheritdoc />
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var ids = ctx.get_saved_variables()[0];
        var shape = (long[])ctx.get_data("shape");
        if (grad_output.device_type == DeviceType.META)
        {
            // The meta device has no sparse additions (no coalesce); tracing there, the dense form of the same gradient.
            using var index = ids.reshape(-1, 1).expand(-1, shape[1]);            // (P, d)
            return [zeros(shape, dtype: grad_output.dtype, device: grad_output.device).scatter_add_(0, index, grad_output), null!];
        }
        using var indices = ids.reshape(1, -1);                                   // (1, P)
        return [sparse_coo_tensor(indices, grad_output.contiguous(), shape), null!];
    }
}
