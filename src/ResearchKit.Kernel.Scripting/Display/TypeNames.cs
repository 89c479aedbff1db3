namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>C#-style type names for display (<c>List&lt;int&gt;</c>, not <c>List`1</c>).</summary>
public static class TypeNames
{
    public static string Readable(Type type)
    {
        if (type.IsArray) return Readable(type.GetElementType()!) + "[]";
        if (!type.IsGenericType) return Alias(type) ?? type.Name;
        var name = type.Name;
        var tick = name.IndexOf('`');
        if (tick > 0) name = name[..tick];
        if (name.StartsWith('<')) name = "IEnumerable";
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Readable))}>";
    }

    private static string? Alias(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 => "int",
        TypeCode.Int64 => "long",
        TypeCode.Double => "double",
        TypeCode.Single => "float",
        TypeCode.String => "string",
        TypeCode.Boolean => "bool",
        TypeCode.Byte => "byte",
        TypeCode.Decimal => "decimal",
        TypeCode.Char => "char",
        _ => null,
    };
}
