using System.Collections.Concurrent;
using System.Reactive.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace Tagnn.Notebooks.Host.Execution;

/// <summary>
/// Builds the kernel a notebook runs in: a <see cref="CompositeKernel"/> with one C# kernel, configured like the
/// Polyglot Notebooks kernel VS Code starts (<c>#r "nuget: ..."</c>, <c>#r</c> of files, kernel helpers such as
/// <c>display</c>, HTML as the default output) plus the one thing that lives only inside the dotnet-interactive tool:
/// loading the kernel extensions NuGet packages ship in <c>interactive-extensions/dotnet/</c> (Plotly.NET.Interactive,
/// Microsoft.Data.Analysis), so charts and DataFrames render as HTML rather than as object trees.
/// </summary>
internal static class KernelFactory
{
    /// <summary>The name of the C# kernel (the notebooks' cell kernel name).</summary>
    public const string CSharp = "csharp";

    /// <summary>Creates the kernel. <paramref name="log"/> receives one line per extension loaded.</summary>
    public static CompositeKernel Create(Action<string> log)
    {
        // What the dotnet-interactive tool sets for a browser front end (VS Code): objects as HTML, strings as text.
        Formatter.DefaultMimeType = HtmlFormatter.MimeType;
        Formatter.SetPreferredMimeTypesFor(typeof(string), PlainTextFormatter.MimeType);

        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, references) =>
            {
                kernel.AddAssemblyReferences(references.SelectMany(r => r.AssemblyPaths));
                return Task.CompletedTask;
            })
            .UseKernelHelpers()
            .UseWho()
            .UseValueSharing();

        var composite = new CompositeKernel { DefaultKernelName = CSharp };
        composite.Add(csharp, ["c#", "C#"]);
        UseNuGetKernelExtensions(composite, log);
        return composite;
    }

    /// <summary>
    /// After each command, loads the kernel extensions of the packages it added (once per package): every public,
    /// instantiable <see cref="IKernelExtension"/> in <c>interactive-extensions/dotnet/*.dll</c>, and an
    /// <c>extension.dib</c> script if the package has one. This is what the dotnet-interactive tool does.
    /// </summary>
    private static void UseNuGetKernelExtensions(CompositeKernel kernel, Action<string> log)
    {
        var pending = new ConcurrentQueue<ResolvedPackageReference>();
        var seen = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        kernel.RegisterForDisposal(kernel.KernelEvents
            .OfType<PackageAdded>()
            .Where(added => added.PackageReference.PackageRoot is not null)
            .Subscribe(added => pending.Enqueue(added.PackageReference)));

        kernel.AddMiddleware(async (command, context, next) =>
        {
            await next(command, context);
            while (pending.TryDequeue(out var package))
            {
                if (!seen.TryAdd(package.PackageRoot, true)) continue;
                var folder = new DirectoryInfo(Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet"));
                if (!folder.Exists) continue;

                foreach (var dll in folder.GetFiles("*.dll", SearchOption.TopDirectoryOnly).OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(dll.FullName);
                    foreach (var type in ExtensionTypes(assembly))
                    {
                        var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                        await extension.OnLoadAsync(kernel);
                        context.Publish(new KernelExtensionLoaded(extension, context.Command));
                        log($"loaded kernel extension {type.FullName} from {dll.FullName}");
                    }
                }

                var script = new FileInfo(Path.Combine(folder.FullName, "extension.dib"));
                if (script.Exists)
                {
                    await kernel.LoadAndRunInteractiveDocument(script, context.Command);
                    log($"ran kernel extension script {script.FullName}");
                }
            }
        });
    }

    private static IEnumerable<Type> ExtensionTypes(Assembly assembly) =>
        assembly.ExportedTypes.Where(t =>
            !t.IsAbstract && !t.IsInterface && !t.IsGenericTypeDefinition && typeof(IKernelExtension).IsAssignableFrom(t));
}
