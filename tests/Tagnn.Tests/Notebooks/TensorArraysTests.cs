using Tagnn.Course;
using static TorchSharp.torch;

namespace Tagnn.Tests.Notebooks;

public sealed class TensorArraysTests
{
    [Fact]
    public void ToMatrix_copies_rows_and_columns_of_any_dtype()
    {
        using var scope = NewDisposeScope();
        var m = TensorArrays.ToMatrix(arange(6, dtype: ScalarType.Int64).view(2, 3));
        Assert.Equal(2, m.GetLength(0));
        Assert.Equal(3, m.GetLength(1));
        Assert.Equal(5.0, m[1, 2]);
        Assert.Equal(1.0, m[0, 1]);
        // A non-contiguous view (a transpose) is read in its logical order.
        var t = TensorArrays.ToMatrix(tensor(new float[] { 1, 2, 3, 4, 5, 6 }).view(2, 3).t());
        Assert.Equal(4.0, t[0, 1]);
        Assert.Equal(3.0, t[2, 0]);
    }

    [Fact]
    public void ToVector_works_on_tensors_that_require_grad_and_rejects_other_ranks()
    {
        using var scope = NewDisposeScope();
        var v = TensorArrays.ToVector(tensor(new float[] { 0.5f, -1f }).requires_grad_());
        Assert.Equal([0.5, -1.0], v);
        var e = Assert.Throws<ArgumentException>(() => TensorArrays.ToVector(zeros(2, 2)));
        Assert.Contains("shape (2, 2)", e.Message);
        Assert.Throws<ArgumentException>(() => TensorArrays.ToMatrix(zeros(3)));
    }
}
