using System.Reflection;

namespace Tagnn.Model.Variants;

/// <summary>
/// Loads variants from compiled class libraries: <c>ASSEMBLY:TYPE</c>, the path of a .dll and the full name of a
/// public <see cref="IVariantProvider"/> in it (what <c>tagnn train --variant</c> takes).
/// </summary>
public static class VariantProviders
{
    /// <summary>
    /// Loads the assembly, creates the provider, lets it register its parts and returns its variant of
    /// <paramref name="baseConfig"/>, with <see cref="VariantSpec.Provider"/> set to the assembly's full path and the
    /// type (so a resume loads it again).
    /// </summary>
    /// <param name="reference"><c>ASSEMBLY:TYPE</c>, e.g. <c>bin/Release/net10.0/MyVariants.dll:MyVariants.Recency</c>.</param>
    /// <param name="baseConfig">The base configuration.</param>
    /// <exception cref="ArgumentException">The reference is malformed, the type is missing, is not an
    /// <see cref="IVariantProvider"/> or cannot be created; the message says which and what the assembly offers.</exception>
    /// <exception cref="FileNotFoundException">No assembly at the path.</exception>
    public static VariantSpec Load(string reference, ModelConfig baseConfig)
    {
        ArgumentNullException.ThrowIfNull(baseConfig);
        var (path, typeName) = Parse(reference);
        var provider = CreateProvider(path, typeName);
        var spec = provider.Create(baseConfig) ?? throw new ArgumentException($"{typeName}.Create returned no variant.");
        spec = spec with { Provider = $"{path}:{typeName}" };
        spec.Validate();
        return spec;
    }

    /// <summary>
    /// For a variant recorded with a <see cref="VariantSpec.Provider"/> whose parts are not registered in this
    /// process: loads the provider again so they are (a no-op for any other specification).
    /// </summary>
    /// <returns>The provider reference loaded, or null when nothing was needed.</returns>
    /// <exception cref="FileNotFoundException">The recorded assembly is gone (the message names it).</exception>
    public static string? LoadRecorded(ModelSpec spec)
    {
        if (spec is not VariantSpec { Provider: { } reference } variant) return null;
        if (variant.Parts.All(p => Part.Find(p.Name) is { } registered && registered.Fingerprint == p.Fingerprint)) return null;
        var (path, typeName) = Parse(reference);
        if (!File.Exists(path))
            throw new FileNotFoundException($"The run's variant {variant.VariantName} comes from {path} ({typeName}), which no longer exists: " +
                "rebuild that class library at the same path.", path);
        CreateProvider(path, typeName).Create(variant.Base);
        return reference;
    }

    private static (string Path, string Type) Parse(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var colon = reference.LastIndexOf(':');
        if (colon <= 0 || colon == reference.Length - 1)
            throw new ArgumentException($"--variant must be ASSEMBLY:TYPE (the path of a .dll and the full name of an IVariantProvider in it), not '{reference}'.");
        return (Path.GetFullPath(reference[..colon]), reference[(colon + 1)..]);
    }

    private static IVariantProvider CreateProvider(string path, string typeName)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"--variant: no assembly at {path}.", path);
        Assembly assembly;
        try
        {
            assembly = Assembly.LoadFrom(path);
        }
        catch (BadImageFormatException e)
        {
            throw new ArgumentException($"--variant: {path} is not a .NET assembly ({e.Message}).", e);
        }
        var type = assembly.GetType(typeName, throwOnError: false);
        if (type is null)
        {
            throw new ArgumentException($"--variant: {assembly.GetName().Name} ({path}) has no type {typeName}. " +
                $"Its variant providers: {Describe(Providers(assembly))}.");
        }
        if (!typeof(IVariantProvider).IsAssignableFrom(type))
        {
            throw new ArgumentException($"--variant: {typeName} in {assembly.GetName().Name} does not implement {typeof(IVariantProvider).FullName}. " +
                $"Its variant providers: {Describe(Providers(assembly))}.");
        }
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null)
            throw new ArgumentException($"--variant: {typeName} in {assembly.GetName().Name} needs a public parameterless constructor.");
        return (IVariantProvider)Activator.CreateInstance(type)!;
    }

    private static IEnumerable<string> Providers(Assembly assembly)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }
        return types.Where(t => t is { IsAbstract: false } && typeof(IVariantProvider).IsAssignableFrom(t)).Select(t => t!.FullName!).Order(StringComparer.Ordinal);
    }

    private static string Describe(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
