using System.Reflection;
using System.Reflection.Emit;

namespace Tagnn.Tests.Repository;

/// <summary>
/// A small assembly, made in memory, whose Data layer uses the Training layer in every way the metadata reader looks
/// at, one way per type (<c>Tagnn.Data.*Leak</c>), next to a type that uses only a lower layer
/// (<c>Tagnn.Data.Allowed</c>) and a namespace no layer claims (<c>Tagnn.Plots</c>): the layer test must report
/// exactly the leaks and the unclaimed namespace.
/// </summary>
internal static class SyntheticLayers
{
    /// <summary>The names of the types that break the rules.</summary>
    public static readonly string[] Leaks = ["FieldLeak", "BodyLeak", "LocalLeak", "BaseLeak", "AttributeLeak", "NestedLeak", "SignatureLeak"];

    /// <summary>The assembly's image.</summary>
    public static MemoryStream Build()
    {
        var assembly = new PersistedAssemblyBuilder(new AssemblyName("Tagnn.Synthetic"), typeof(object).Assembly);
        var module = assembly.DefineDynamicModule("Tagnn.Synthetic");
        const TypeAttributes Public = TypeAttributes.Public | TypeAttributes.Class;

        var higher = module.DefineType("Tagnn.Training.Higher", Public);
        var higherCtor = higher.DefineDefaultConstructor(MethodAttributes.Public);
        var lower = module.DefineType("Tagnn.IO.Lower", Public);
        lower.DefineDefaultConstructor(MethodAttributes.Public);
        var mark = module.DefineType("Tagnn.IO.MarkAttribute", Public, typeof(Attribute));
        var markCtor = mark.DefineConstructor(MethodAttributes.Public, CallingConventions.Standard, [typeof(Type)]);
        var markIl = markCtor.GetILGenerator();
        markIl.Emit(OpCodes.Ldarg_0);
        markIl.Emit(OpCodes.Call, typeof(Attribute).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!);
        markIl.Emit(OpCodes.Ret);
        var types = new List<TypeBuilder> { higher, lower, mark };

        TypeBuilder Data(string name, Type? parent = null)
        {
            var type = module.DefineType("Tagnn.Data." + name, Public, parent);
            types.Add(type);
            return type;
        }

        Method(Data("Allowed"), il => il.DeclareLocal(lower));
        Data("FieldLeak").DefineField("items", typeof(List<>).MakeGenericType(higher), FieldAttributes.Public);
        Method(Data("BodyLeak"), il =>
        {
            il.Emit(OpCodes.Newobj, higherCtor);
            il.Emit(OpCodes.Pop);
        });
        Method(Data("LocalLeak"), il => il.DeclareLocal(higher));
        Data("BaseLeak", higher);
        Data("AttributeLeak").SetCustomAttribute(new CustomAttributeBuilder(markCtor, [higher]));
        var nested = Data("NestedLeak").DefineNestedType("Inner", TypeAttributes.NestedPrivate | TypeAttributes.Class);
        nested.DefineField("value", higher, FieldAttributes.Public);
        types.Add(nested);
        var make = Data("SignatureLeak").DefineMethod("Make", MethodAttributes.Public | MethodAttributes.Static, higher, [typeof(int)]).GetILGenerator();
        make.Emit(OpCodes.Ldnull);                              // only the signature names Higher
        make.Emit(OpCodes.Ret);
        types.Add(module.DefineType("Tagnn.Plots.Chart", Public));

        foreach (var type in types) type.CreateType();
        var image = new MemoryStream();
        assembly.Save(image);
        image.Position = 0;
        return image;
    }

    private static void Method(TypeBuilder type, Action<ILGenerator> body)
    {
        var il = type.DefineMethod("Run", MethodAttributes.Public | MethodAttributes.Static, typeof(void), Type.EmptyTypes).GetILGenerator();
        body(il);
        il.Emit(OpCodes.Ret);
    }
}
