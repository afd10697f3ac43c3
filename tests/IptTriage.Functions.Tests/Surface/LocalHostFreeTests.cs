using System.Reflection;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The hosts never reference each other: the Functions app ships neither the local host nor what only it runs
/// (the embedded engine, SQLite, the local queue listener). The tests may use all of those; the app must not.</summary>
public sealed class LocalHostFreeTests
{
    private static readonly string[] LocalOnlyAssemblies =
        ["IptTriage.Hosting", "IptTriage.DurableTask.Sqlite", "IptTriage.Records.Sqlite", "IptTriage.AzureQueues", "Microsoft.Data.Sqlite"];

    [Fact]
    public void The_apps_build_output_holds_no_local_host_embedded_engine_or_sqlite_file()
    {
        var files = Directory.EnumerateFiles(FunctionsMetadataTests.AppOutput, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetFileName(path)).ToList();

        files.Should().Contain("IptTriage.Functions.dll").And.Contain("IptTriage.Api.dll", "the app is built there");
        files.Should().NotContain(file => LocalOnlyAssemblies.Any(name => file.StartsWith(name + ".", StringComparison.OrdinalIgnoreCase)));
        files.Should().NotContain(file => file.Contains("e_sqlite3", StringComparison.OrdinalIgnoreCase) || file.Contains("SQLitePCL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void No_assembly_the_app_loads_references_a_local_only_assembly()
    {
        var app = typeof(FunctionsServices).Assembly;

        // Every project assembly reachable from the app: a local-host type used anywhere in them shows up as a reference.
        var reached = new Dictionary<string, Assembly> { [app.GetName().Name!] = app };
        var pending = new Queue<Assembly>([app]);
        while (pending.TryDequeue(out var assembly))
        {
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                LocalOnlyAssemblies.Should().NotContain(reference.Name, $"{assembly.GetName().Name} must not reference it");
                if (reference.Name!.StartsWith("IptTriage.", StringComparison.Ordinal) && !reached.ContainsKey(reference.Name))
                    pending.Enqueue(reached[reference.Name] = Assembly.Load(reference));
            }
        }
        reached.Keys.Should().Contain(["IptTriage.Api", "IptTriage.Composition", "IptTriage.Workflow"]);
    }

    [Fact]
    public void No_type_in_the_app_uses_a_local_host_type()
    {
        var used = typeof(FunctionsServices).Assembly.GetTypes().SelectMany(UsedTypes).Distinct();

        used.Should().NotContain(type => LocalOnlyAssemblies.Contains(type.Assembly.GetName().Name));
    }

    /// <summary>The types a type's signatures name: its bases and interfaces, fields, properties, method and
    /// constructor parameters and returns, and attributes, with generic arguments unwrapped.</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> named =
        [
            .. type.BaseType is { } baseType ? [baseType] : Array.Empty<Type>(),
            .. type.GetInterfaces(),
            .. type.GetFields(all).Select(field => field.FieldType),
            .. type.GetProperties(all).Select(property => property.PropertyType),
            .. type.GetMethods(all).SelectMany(method => method.GetParameters().Select(parameter => parameter.ParameterType).Append(method.ReturnType)),
            .. type.GetConstructors(all).SelectMany(constructor => constructor.GetParameters().Select(parameter => parameter.ParameterType)),
            .. type.GetCustomAttributesData().Select(attribute => attribute.AttributeType),
        ];
        return named.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type) =>
        type.HasElementType ? Unwrap(type.GetElementType()!)
        : type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
        : [type];
}
