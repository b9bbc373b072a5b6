using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tagnn.Runtime;

namespace Tagnn.Cli.Commands;

/// <summary><c>tagnn info</c>: versions, device, threads and the native load trace.</summary>
public sealed class InfoCommand : Command<InfoCommand.Settings>
{
    /// <summary>Options of <c>tagnn info</c>.</summary>
    public sealed class Settings : CommandSettings
    {
        /// <summary>Print every native file loaded.</summary>
        [CommandOption("--trace")]
        [Description("Print every native file loaded, in order.")]
        public bool Trace { get; init; }
    }

    /// <inheritdoc />
    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var info = TorchRuntime.EnsureLoaded();
        var check = TorchRuntime.SelfCheck();
        var table = new Table().AddColumns("", "");
        table.AddRow("TorchSharp", info.TorchSharpVersion);
        table.AddRow("libtorch", info.LibTorchVersion);
        table.AddRow("libtorch folder", info.LibTorchDirectory.EscapeMarkup());
        table.AddRow("bridge library", info.BridgePath.EscapeMarkup());
        table.AddRow("libstdc++ patch", info.PatchedForOldLibStdCxx ? "applied (GLIBCXX_3.4.32 marked weak)" : "not needed");
        table.AddRow("self-check", check.EscapeMarkup());
        table.AddRow("device (auto)", ComputeDevice.Select("auto").Reason.EscapeMarkup());
        AnsiConsole.Write(table);
        if (settings.Trace) AnsiConsole.WriteLine(info.Trace);
        return 0;
    }
}
