using static TorchSharp.torch;

namespace Tagnn.Course;

/// <summary>
/// Copies small tensors into .NET arrays for charts and tables (e.g. a (nodes, dims) slice of GNN states into a
/// heatmap). The values are copied to the CPU as float64; the tensor is left untouched.
/// </summary>
public static class TensorArrays
{
    /// <summary>A 2-D tensor as a matrix, [row, column].</summary>
    /// <param name="tensor">Any floating or integer dtype, any device, exactly 2 dimensions.</param>
    /// <exception cref="ArgumentException">The tensor is not 2-D.</exception>
    public static double[,] ToMatrix(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 2)
            throw new ArgumentException($"A matrix needs a 2-D tensor; this one has shape ({string.Join(", ", tensor.shape)}).", nameof(tensor));
        var rows = (int)tensor.shape[0];
        var cols = (int)tensor.shape[1];
        var flat = Flatten(tensor);
        var result = new double[rows, cols];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < cols; c++)
                result[r, c] = flat[r * cols + c];
        return result;
    }

    /// <summary>A 1-D tensor as an array.</summary>
    /// <param name="tensor">Any floating or integer dtype, any device, exactly 1 dimension.</param>
    /// <exception cref="ArgumentException">The tensor is not 1-D.</exception>
    public static double[] ToVector(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() != 1)
            throw new ArgumentException($"A vector needs a 1-D tensor; this one has shape ({string.Join(", ", tensor.shape)}).", nameof(tensor));
        return Flatten(tensor);
    }

    private static double[] Flatten(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray();
    }
}
