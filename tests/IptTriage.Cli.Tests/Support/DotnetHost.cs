namespace IptTriage.Cli.Tests.Support;

public static class DotnetHost
{
    /// <summary>The dotnet host running these tests, so a child <c>iptriage</c> uses the same runtime.</summary>
    public static string Path { get; } =
        Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
}
