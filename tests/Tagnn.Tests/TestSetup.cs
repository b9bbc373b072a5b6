using System.Runtime.CompilerServices;
using Tagnn.Runtime;

namespace Tagnn.Tests;

/// <summary>Process-wide test settings: torch uses one thread (tests never run torch work in parallel).</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Init() => TorchRuntime.SetThreads(1);
}
