using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IptTriage.Hosting.Tests.Deployment;

/// <summary>The repository's deployment files as the test output holds them (linked by the test project).</summary>
internal static partial class DeploymentFiles
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "deployment");

    public static JsonNode HostJson => ReadJson("host.json");

    /// <summary>The <c>Values</c> of local.settings.sample.json: what Functions Core Tools puts in the environment.</summary>
    public static IReadOnlyDictionary<string, string> LocalSettings =>
        ReadJson("local.settings.sample.json")["Values"]!.AsObject()
            .ToDictionary(setting => setting.Key, setting => setting.Value!.GetValue<string>());

    public static JsonObject BicepParameterValues => ReadJson(Path.Combine("infra", "main.parameters.json"))["parameters"]!.AsObject();

    public static string[] AzureYamlLines => File.ReadAllLines(Path.Combine(Root, "azure.yaml"));

    /// <summary>A Bicep file without its comment lines, so that prose about a setting is not taken for the setting.</summary>
    public static string Bicep(string relativePath) => string.Join('\n',
        File.ReadAllLines(Path.Combine(Root, "infra", relativePath)).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));

    public static IEnumerable<string> AllBicepFiles =>
        Directory.EnumerateFiles(Path.Combine(Root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Path.Combine(Root, "infra"), path));

    /// <summary>The <c>param</c> declarations of a Bicep file: name, whether it has a default, whether it is <c>@secure()</c>.</summary>
    public static IReadOnlyList<BicepParameter> BicepParameters(string relativePath)
    {
        var parameters = new List<BicepParameter>();
        var secure = false;
        foreach (var line in Bicep(relativePath).Split('\n').Select(line => line.Trim()))
        {
            if (line == "@secure()") secure = true;
            else if (ParameterDeclaration().Match(line) is { Success: true } match)
            {
                parameters.Add(new BicepParameter(match.Groups["name"].Value, HasDefault: match.Groups["default"].Success, secure));
                secure = false;
            }
            else if (!line.StartsWith('@') && line.Length > 0) secure = false;
        }

        return parameters;
    }

    /// <summary>
    /// The app settings <c>app/api.bicep</c> gives the Function app, as environment-variable names (<c>__</c> for
    /// <c>:</c>; <c>${index}</c> of the API-key list as <c>0</c>) with a stand-in for each value: a Bicep string
    /// literal with every <c>${…}</c> as <c>probe</c>, any other expression (a parameter, say) as <c>probe</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FunctionAppSettings()
    {
        var bicep = Bicep("app/api.bicep");
        var apiKeys = bicep[bicep.IndexOf("var apiKeySettings", StringComparison.Ordinal)..];
        var appSettings = bicep[bicep.IndexOf("resource appSettings 'config'", StringComparison.Ordinal)..];
        return SettingLine().Matches(apiKeys[..apiKeys.IndexOf("}))", StringComparison.Ordinal)] + "\n" + appSettings)
            .Where(match => match.Groups["name"].Value is not ("name" or "properties"))
            .ToDictionary(
                match => match.Groups["name"].Value.Replace("${index}", "0", StringComparison.Ordinal),
                match => LiteralString().Match(match.Groups["value"].Value) is { Success: true } literal
                    ? Interpolation().Replace(literal.Groups["text"].Value, "probe")
                    : "probe");
    }

    /// <summary>Whether <paramref name="name"/> occurs in <paramref name="text"/> as a whole identifier.</summary>
    public static bool MentionsIdentifier(string text, string name) =>
        Regex.IsMatch(text, $@"(?<![A-Za-z0-9_]){Regex.Escape(name)}(?![A-Za-z0-9_])");

    private static JsonNode ReadJson(string relativePath) => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relativePath)))!;

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+\w+(?<default>\s*=.*)?$")]
    private static partial Regex ParameterDeclaration();

    [GeneratedRegex(@"^\s*'?(?<name>[A-Za-z][\w${}]*)'?\s*:\s*(?<value>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex SettingLine();

    [GeneratedRegex("^'(?<text>.*)'$")]
    private static partial Regex LiteralString();

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Interpolation();
}

internal sealed record BicepParameter(string Name, bool HasDefault, bool IsSecure);
