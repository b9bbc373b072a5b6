using Microsoft.DotNet.Interactive.Formatting;
using Tagnn.Course;
using TorchSharp;

namespace Tagnn.Tests.Notebooks;

public sealed class NotebookFormattersTests
{
    [Fact]
    public void A_small_tensor_shows_shape_dtype_device_and_values()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.arange(6, dtype: torch.float32).reshape(2, 3);
        Assert.Equal("Tensor (2, 3) float32 on cpu\n[[0, 1, 2]\n [3, 4, 5]]", NotebookFormatters.Describe(t));
        Assert.StartsWith("Tensor (3,) int64 on cpu\n", NotebookFormatters.Describe(torch.arange(3)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_tensor_shows_its_size_only()
    {
        using var scope = torch.NewDisposeScope();
        var t = torch.zeros(3, 1000);
        Assert.Equal("Tensor (3, 1000) float32 on cpu\n(3,000 elements; index a slice to see values)", NotebookFormatters.Describe(t));
    }

    [Fact]
    public void A_disposed_tensor_says_so()
    {
        var t = torch.ones(2);
        t.Dispose();
        Assert.Equal("Tensor (disposed)", NotebookFormatters.Describe(t));
    }

    [Fact]
    public void Registered_formatters_render_tensors_as_text_and_html()
    {
        NotebookFormatters.Register();
        using var scope = torch.NewDisposeScope();
        var t = torch.tensor(new float[] { 1.5f, -2 });
        Assert.Equal(NotebookFormatters.Describe(t), t.ToDisplayString(PlainTextFormatter.MimeType));
        Assert.Equal("<pre class=\"tagnn-tensor\">Tensor (2,) float32 on cpu\n[1.5, -2]</pre>", t.ToDisplayString(HtmlFormatter.MimeType));
    }
}
