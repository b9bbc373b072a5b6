using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tagnn.Tests.Notebooks;

/// <summary>
/// The dev containers parse (JSON with comments), use an Ubuntu 24.04 .NET 10 image with the notebook extensions, and
/// run the single setup script, whose commands are exactly the ones the documentation tells a user to run by hand.
/// </summary>
public sealed partial class DevContainerTests
{
    private const string PostCreate = "bash .devcontainer/post-create.sh";

    private static readonly JsonDocumentOptions JsonWithComments = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    [Theory]
    [InlineData(".devcontainer/devcontainer.json")]
    [InlineData(".devcontainer/gpu/devcontainer.json")]
    public void Dev_container_uses_the_dotnet_10_noble_image_the_extensions_and_the_setup_script(string file)
    {
        using var doc = Parse(file);
        var root = doc.RootElement;
        Assert.Equal("mcr.microsoft.com/devcontainers/dotnet:10.0-noble", root.GetProperty("image").GetString());
        Assert.Equal(PostCreate, root.GetProperty("postCreateCommand").GetString());

        var extensions = root.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        foreach (var required in new[] { "ms-dotnettools.dotnet-interactive-vscode", "ms-toolsai.jupyter", "ms-dotnettools.csharp", "ms-dotnettools.csdevkit" })
            Assert.Contains(required, extensions);

        var host = root.GetProperty("hostRequirements");
        Assert.InRange(host.GetProperty("cpus").GetInt32(), 2, 4);
        Assert.Matches("^[0-9]+gb$", host.GetProperty("memory").GetString());
    }

    [Fact]
    public void Gpu_dev_container_passes_the_gpus_and_selects_the_cuda_build()
    {
        using var doc = Parse(".devcontainer/gpu/devcontainer.json");
        var root = doc.RootElement;
        var runArgs = root.GetProperty("runArgs").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Equal(["--gpus", "all"], runArgs);
        Assert.Equal("cuda", root.GetProperty("containerEnv").GetProperty("TorchBackend").GetString());
        Assert.True(root.GetProperty("hostRequirements").GetProperty("gpu").GetBoolean());

        // The switch the environment variable sets is the documented one.
        var props = File.ReadAllText(Path.Combine(CourseRepository.Layout.Root, "build", "TorchBackend.props"));
        Assert.Contains("'$(TorchBackend)' == 'cuda'", props);
        Assert.Contains("<PackageReference Include=\"TorchSharp-cuda-linux\" />", props);
    }

    [Fact]
    public void Cpu_dev_container_does_not_select_the_cuda_build()
    {
        using var doc = Parse(".devcontainer/devcontainer.json");
        var root = doc.RootElement;
        Assert.False(root.TryGetProperty("runArgs", out _));
        Assert.False(root.GetProperty("containerEnv").TryGetProperty("TorchBackend", out _));
    }

    [Fact]
    public void Setup_commands_in_the_docs_equal_the_post_create_script()
    {
        var script = File.ReadAllLines(Path.Combine(CourseRepository.Layout.Root, ".devcontainer", "post-create.sh"));
        var commands = script.Select(l => l.Trim()).Where(l => l.StartsWith("dotnet ", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dotnet tool restore", "dotnet build -c Release"], commands);

        // Every document that marks a setup block (<!-- setup-commands -->) must list exactly these commands; the
        // notebook guide must have one. The README can opt in with the same marker.
        var documents = new[] { "docs/notebooks.md", "README.md" }
            .Select(f => Path.Combine(CourseRepository.Layout.Root, f))
            .Where(File.Exists)
            .ToDictionary(f => f, File.ReadAllText);
        Assert.Contains(documents, d => d.Key.EndsWith("notebooks.md", StringComparison.Ordinal) && d.Value.Contains(Marker));
        foreach (var (path, text) in documents.Where(d => d.Value.Contains(Marker)))
        {
            var block = SetupBlock().Match(text);
            Assert.True(block.Success, $"{path}: {Marker} must be followed by a fenced code block");
            var documented = block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            Assert.Equal(commands, documented);
        }
    }

    private const string Marker = "<!-- setup-commands -->";

    private static JsonDocument Parse(string relative) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(CourseRepository.Layout.Root, relative)), JsonWithComments);

    [GeneratedRegex(@"<!-- setup-commands -->\s*```[a-z]*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SetupBlock();
}
