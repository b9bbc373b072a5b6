using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Tagnn.Tests.Repository;

/// <summary>
/// Which types every type of a compiled assembly uses, read from its metadata (what the compiler bound, whatever the
/// source spelled: <c>var</c>, chained calls, fully qualified names, global usings): base types and interfaces,
/// generic constraints, the signatures of fields, methods and properties, custom attributes (their constructors and
/// <c>typeof</c> arguments) and every method body (the types, methods and fields its instructions name, and its
/// locals). Compiler-generated closures and state machines are nested types, so they count for the type that wrote
/// them. Not visible here: constants (the compiler copies their values), <c>nameof</c> and documentation comments;
/// <see cref="SourceDependencies"/> covers those through the <c>using</c> directives.
/// </summary>
internal static class MetadataDependencies
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>Every (type, used type) pair of the assembly in <paramref name="image"/>, both named by their
    /// outermost type (nested types count as their declaring type).</summary>
    public static IReadOnlyList<Dependency> Read(Stream image)
    {
        using var pe = new PEReader(image, PEStreamOptions.LeaveOpen);
        var md = pe.GetMetadataReader();
        var types = new TypeNames(md);
        var result = new HashSet<Dependency>();
        foreach (var handle in md.TypeDefinitions)
        {
            var from = types.Of(handle);
            if (from.Namespace.Length == 0) continue;          // <Module>, <PrivateImplementationDetails>
            foreach (var used in new TypeWalker(md, pe, types).Uses(handle))
            {
                if (used != from) result.Add(new Dependency(from.Namespace, from.Name, used.Namespace, used.Name));
            }
        }
        return [.. result.OrderBy(d => d.FromType, StringComparer.Ordinal).ThenBy(d => d.ToType, StringComparer.Ordinal)];
    }

    /// <summary>Reads the assembly file at <paramref name="path"/>.</summary>
    public static IReadOnlyList<Dependency> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>A type by namespace and name (outermost type, nested names joined with '/').</summary>
    private readonly record struct TypeName(string Namespace, string Name);

    /// <summary>Names type definitions and references by their outermost type's namespace.</summary>
    private sealed class TypeNames(MetadataReader md)
    {
        public TypeName Of(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            var outer = type.GetDeclaringType();
            if (!outer.IsNil) return Of(outer);
            return new TypeName(md.GetString(type.Namespace), md.GetString(type.Name));
        }

        public TypeName Of(TypeReferenceHandle handle)
        {
            var type = md.GetTypeReference(handle);
            if (type.ResolutionScope.Kind == HandleKind.TypeReference) return Of((TypeReferenceHandle)type.ResolutionScope);
            return new TypeName(md.GetString(type.Namespace), md.GetString(type.Name));
        }

        /// <summary>The type named by an assembly-qualified or plain serialized name (attribute <c>typeof</c> arguments).</summary>
        public static TypeName Parse(string serialized)
        {
            var name = serialized.Split(',')[0].Split('[')[0].Split('+')[0].Trim();
            var dot = name.LastIndexOf('.');
            return dot < 0 ? new TypeName("", name) : new TypeName(name[..dot], name[(dot + 1)..]);
        }
    }

    /// <summary>Collects the types one type definition uses.</summary>
    private sealed class TypeWalker(MetadataReader md, PEReader pe, TypeNames names)
        : ISignatureTypeProvider<ImmutableArray<TypeName>, object?>, ICustomAttributeTypeProvider<ImmutableArray<TypeName>>
    {
        private readonly List<TypeName> found = [];

        public IEnumerable<TypeName> Uses(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations()) Entity(md.GetInterfaceImplementation(i).Interface);
            Generics(type.GetGenericParameters());
            Attributes(type.GetCustomAttributes());
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                found.AddRange(field.DecodeSignature(this, null));
                Attributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties())
            {
                var property = md.GetPropertyDefinition(p);
                Signature(property.DecodeSignature(this, null));
                Attributes(property.GetCustomAttributes());
            }
            foreach (var m in type.GetMethods()) Method(md.GetMethodDefinition(m));
            return found;
        }

        private void Method(MethodDefinition method)
        {
            Signature(method.DecodeSignature(this, null));
            Generics(method.GetGenericParameters());
            Attributes(method.GetCustomAttributes());
            foreach (var p in method.GetParameters()) Attributes(md.GetParameter(p).GetCustomAttributes());
            if (method.RelativeVirtualAddress == 0) return;    // abstract, extern
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
                foreach (var local in md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null)) found.AddRange(local);
            Instructions(body.GetILReader());
        }

        // Every token an instruction names (types, methods, fields, signatures); other operands are skipped.
        private void Instructions(BlobReader il)
        {
            while (il.RemainingBytes > 0)
            {
                var first = il.ReadByte();
                var code = first == 0xFE ? unchecked((short)(0xFE00 | il.ReadByte())) : first;
                switch (Operands[code])
                {
                    case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case OperandType.InlineSig:
                        Signature(md.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32())).DecodeMethodSignature(this, null));
                        break;
                    case OperandType.InlineSwitch:
                        var targets = il.ReadInt32();
                        il.Offset += 4 * targets;
                        break;
                    case OperandType.InlineNone:
                        break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                        il.Offset += 1;
                        break;
                    case OperandType.InlineVar:
                        il.Offset += 2;
                        break;
                    case OperandType.InlineI8 or OperandType.InlineR:
                        il.Offset += 8;
                        break;
                    default:                                    // branch targets, int32, float32, strings
                        il.Offset += 4;
                        break;
                }
            }
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil) return;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition:
                    found.Add(names.Of((TypeDefinitionHandle)handle));
                    break;
                case HandleKind.TypeReference:
                    found.Add(names.Of((TypeReferenceHandle)handle));
                    break;
                case HandleKind.TypeSpecification:
                    found.AddRange(md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null));
                    break;
                case HandleKind.MethodDefinition:
                    var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    found.Add(names.Of(method.GetDeclaringType()));
                    Signature(method.DecodeSignature(this, null));
                    break;
                case HandleKind.FieldDefinition:
                    var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    found.Add(names.Of(field.GetDeclaringType()));
                    found.AddRange(field.DecodeSignature(this, null));
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method) Signature(member.DecodeMethodSignature(this, null));
                    else found.AddRange(member.DecodeFieldSignature(this, null));
                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method);
                    foreach (var argument in spec.DecodeSignature(this, null)) found.AddRange(argument);
                    break;
            }
        }

        private void Signature(MethodSignature<ImmutableArray<TypeName>> signature)
        {
            found.AddRange(signature.ReturnType);
            foreach (var p in signature.ParameterTypes) found.AddRange(p);
        }

        private void Generics(GenericParameterHandleCollection parameters)
        {
            foreach (var g in parameters)
            {
                foreach (var c in md.GetGenericParameter(g).GetConstraints()) Entity(md.GetGenericParameterConstraint(c).Type);
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes)
            {
                var attribute = md.GetCustomAttribute(a);
                Entity(attribute.Constructor);
                var value = attribute.DecodeValue(this);
                foreach (var argument in value.FixedArguments.Concat(value.NamedArguments.Select(n => new CustomAttributeTypedArgument<ImmutableArray<TypeName>>(n.Type, n.Value))))
                {
                    if (argument.Value is ImmutableArray<TypeName> type) found.AddRange(type);   // typeof(...)
                }
            }
        }

        // ISignatureTypeProvider: every type a signature names.
        public ImmutableArray<TypeName> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => [names.Of(handle)];
        public ImmutableArray<TypeName> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [names.Of(handle)];
        public ImmutableArray<TypeName> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, context);
        public ImmutableArray<TypeName> GetGenericInstantiation(ImmutableArray<TypeName> genericType, ImmutableArray<ImmutableArray<TypeName>> typeArguments) =>
            [.. genericType, .. typeArguments.SelectMany(t => t)];
        public ImmutableArray<TypeName> GetArrayType(ImmutableArray<TypeName> elementType, ArrayShape shape) => elementType;
        public ImmutableArray<TypeName> GetSZArrayType(ImmutableArray<TypeName> elementType) => elementType;
        public ImmutableArray<TypeName> GetByReferenceType(ImmutableArray<TypeName> elementType) => elementType;
        public ImmutableArray<TypeName> GetPointerType(ImmutableArray<TypeName> elementType) => elementType;
        public ImmutableArray<TypeName> GetPinnedType(ImmutableArray<TypeName> elementType) => elementType;
        public ImmutableArray<TypeName> GetModifiedType(ImmutableArray<TypeName> modifier, ImmutableArray<TypeName> unmodifiedType, bool isRequired) =>
            [.. modifier, .. unmodifiedType];
        public ImmutableArray<TypeName> GetFunctionPointerType(MethodSignature<ImmutableArray<TypeName>> signature) =>
            [.. signature.ReturnType, .. signature.ParameterTypes.SelectMany(t => t)];
        public ImmutableArray<TypeName> GetGenericMethodParameter(object? context, int index) => [];
        public ImmutableArray<TypeName> GetGenericTypeParameter(object? context, int index) => [];
        public ImmutableArray<TypeName> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        // ICustomAttributeTypeProvider: typeof arguments come back as the named type, everything else as no type.
        public ImmutableArray<TypeName> GetSystemType() => [];
        public bool IsSystemType(ImmutableArray<TypeName> type) => type is [{ Namespace: "System", Name: "Type" }];
        public ImmutableArray<TypeName> GetTypeFromSerializedName(string name) => [TypeNames.Parse(name)];

        public PrimitiveTypeCode GetUnderlyingEnumType(ImmutableArray<TypeName> type)
        {
            // An enum argument's size: from this assembly's definition, else from the runtime's copy of the type.
            var name = type.Single();
            foreach (var handle in md.TypeDefinitions)
            {
                var definition = md.GetTypeDefinition(handle);
                if (names.Of(handle) != name || !definition.GetDeclaringType().IsNil) continue;
                var valueField = definition.GetFields().Select(md.GetFieldDefinition).First(f => md.GetString(f.Name) == "value__");
                return valueField.DecodeSignature(new PrimitiveProvider(), null);
            }
            var runtime = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType($"{name.Namespace}.{name.Name}")).FirstOrDefault(t => t is not null)
                ?? throw new InvalidOperationException($"Cannot find the enum {name.Namespace}.{name.Name} of an attribute argument.");
            return Code(Type.GetTypeCode(Enum.GetUnderlyingType(runtime)));
        }

        private static PrimitiveTypeCode Code(TypeCode code) => code switch
        {
            TypeCode.Byte => PrimitiveTypeCode.Byte,
            TypeCode.SByte => PrimitiveTypeCode.SByte,
            TypeCode.Int16 => PrimitiveTypeCode.Int16,
            TypeCode.UInt16 => PrimitiveTypeCode.UInt16,
            TypeCode.Int32 => PrimitiveTypeCode.Int32,
            TypeCode.UInt32 => PrimitiveTypeCode.UInt32,
            TypeCode.Int64 => PrimitiveTypeCode.Int64,
            TypeCode.UInt64 => PrimitiveTypeCode.UInt64,
            _ => throw new InvalidOperationException($"Not an enum's underlying type: {code}."),
        };

        /// <summary>Decodes the primitive type of an enum's <c>value__</c> field.</summary>
        private sealed class PrimitiveProvider : ISignatureTypeProvider<PrimitiveTypeCode, object?>
        {
            public PrimitiveTypeCode GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode;
            public PrimitiveTypeCode GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => throw Unexpected();
            public PrimitiveTypeCode GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => throw Unexpected();
            public PrimitiveTypeCode GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) => throw Unexpected();
            public PrimitiveTypeCode GetGenericInstantiation(PrimitiveTypeCode genericType, ImmutableArray<PrimitiveTypeCode> typeArguments) => throw Unexpected();
            public PrimitiveTypeCode GetArrayType(PrimitiveTypeCode elementType, ArrayShape shape) => throw Unexpected();
            public PrimitiveTypeCode GetSZArrayType(PrimitiveTypeCode elementType) => throw Unexpected();
            public PrimitiveTypeCode GetByReferenceType(PrimitiveTypeCode elementType) => throw Unexpected();
            public PrimitiveTypeCode GetPointerType(PrimitiveTypeCode elementType) => throw Unexpected();
            public PrimitiveTypeCode GetPinnedType(PrimitiveTypeCode elementType) => throw Unexpected();
            public PrimitiveTypeCode GetModifiedType(PrimitiveTypeCode modifier, PrimitiveTypeCode unmodifiedType, bool isRequired) => unmodifiedType;
            public PrimitiveTypeCode GetFunctionPointerType(MethodSignature<PrimitiveTypeCode> signature) => throw Unexpected();
            public PrimitiveTypeCode GetGenericMethodParameter(object? context, int index) => throw Unexpected();
            public PrimitiveTypeCode GetGenericTypeParameter(object? context, int index) => throw Unexpected();
            private static InvalidOperationException Unexpected() => new("An enum's value__ field is not of a primitive type.");
        }
    }
}
