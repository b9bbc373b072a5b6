using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.IO;
using Tagnn.Model;
using Tagnn.Training;

namespace Tagnn.Cli.Commands.Training;

/// <summary><c>tagnn export</c>: a run's weights as safetensors under the reference names, for the authors' PyTorch code.</summary>
public sealed class ExportCommand : Command<ExportCommand.Settings>
{
    /// <summary>Options of <c>tagnn export</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>The run.</summary>
        [CommandOption("-r|--run <DIR>")]
        [Description("The run folder (tagnn train).")]
        public string Run { get; init; } = "";

        /// <summary>best, last or a path.</summary>
        [CommandOption("-c|--checkpoint <WHICH>")]
        [Description("best (default; the selected epoch), last, or a checkpoint file.")]
        public string Checkpoint { get; init; } = "best";

        /// <summary>The output file.</summary>
        [CommandOption("-o|--output <FILE>")]
        [Description("The safetensors file to write (written atomically; an existing file is kept unless --force).")]
        public string Output { get; init; } = "";

        /// <summary>Overwrite.</summary>
        [CommandOption("-f|--force")]
        [Description("Replace an existing output file.")]
        public bool Force { get; init; }

        /// <inheritdoc />
        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Run) || string.IsNullOrWhiteSpace(Output)
                ? ValidationResult.Error("--run DIR and --output FILE are required.")
                : ValidationResult.Success();
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) => TrainingCli.Run(() =>
    {
        var folder = RunFolder.Open(settings.Run);
        var output = Path.GetFullPath(settings.Output);
        if (File.Exists(output) && !settings.Force)
            throw new IOException($"{output} already exists; refusing to overwrite it (use --force).");
        var spec = folder.ReadConfig().Model;
        if (spec is not ModelConfig)
            throw new ArgumentException($"{folder.Directory}: the run's model is {spec.Name}; export writes the reference names of TAGNN and SR-GNN " +
                "(the authors' PyTorch code), which other models do not have. Its checkpoints (checkpoints/*.safetensors) hold its weights under its own names.");
        TrainingCli.NoteUnverified(folder.CheckpointPath(settings.Checkpoint));
        var (loaded, info) = folder.LoadModel(settings.Checkpoint);
        using (loaded)
        {
            var model = loaded as SessionModel ?? throw new InvalidOperationException(
                $"{folder.Directory}: the run's model is {loaded.Spec.Name}; export writes the reference names of TAGNN and SR-GNN, which other models do not have.");
            var metadata = new Dictionary<string, string>
            {
                ["format"] = "pt",
                ["tagnn.model"] = model.Config.Describe(),
                ["tagnn.items"] = model.Config.ItemTableSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["tagnn.run"] = folder.Directory,
            };
            // As SaveReferenceWeights writes them, plus checksums (evaluate --weights verifies them; PyTorch ignores them).
            Safetensors.Save(output, model.ReferenceTensors().Select(p => KeyValuePair.Create(p.Name, p.Tensor)), metadata, checksums: true);
            AnsiConsole.MarkupLine($"wrote [green]{output.EscapeMarkup()}[/] ({model.ReferenceTensors().Count} tensors under the reference names; " +
                $"{model.Config.Describe().EscapeMarkup()}; epoch {info.State.SelectedEpoch})");
            AnsiConsole.MarkupLine("[grey]In the authors' PyTorch code (TAGNN/SR-GNN pytorch_code/model.py, n_node = " +
                $"{model.Config.ItemTableSize}, hiddenSize = {model.Config.HiddenSize}):[/]");
            AnsiConsole.MarkupLine("[grey]  from safetensors.torch import load_file; model.load_state_dict(load_file(PATH))[/]");
        }
        return 0;
    });
}
