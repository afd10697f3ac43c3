using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using IptTriage.Composition;
using IptTriage.Api.Security;
using IptTriage.Hosting.Data;
using IptTriage.Workflow.Clinics;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Cli.Commands.Serve;

/// <summary>Lets a first run work without set-up: when no <c>Api:Keys</c> are configured, a key per role (coordinator,
/// intake, and each clinic in the directory) is created once, printed once, and kept in <c>api-keys.json</c> in the
/// data directory as hashes only (<c>KeyHash</c>), used on every later run until keys are configured. New keys are
/// held in memory until the host has started and only then written and printed, so a start that fails (a port in
/// use, say) shows no keys that were never kept. A file an earlier version wrote with the keys themselves is
/// rewritten with their hashes.</summary>
public sealed class DevelopmentKeys
{
    public const string FileName = "api-keys.json";

    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly string path;
    private readonly IReadOnlyList<ApiKeyEntry>? created;

    private DevelopmentKeys(string path, IReadOnlyList<ApiKeyEntry>? created)
    {
        this.path = path;
        this.created = created;
    }

    /// <summary>Adds the development keys to <paramref name="configuration"/> unless keys are configured: those in the
    /// file, or new ones.</summary>
    /// <returns>Null when <c>Api:Keys</c> are configured; otherwise call <see cref="Announce"/> once the host has started.</returns>
    public static DevelopmentKeys? AddIfNoneConfigured(IConfigurationManager configuration)
    {
        if (configuration.GetSection($"{ApiKeyOptions.SectionName}:Keys").GetChildren().Any()) return null;

        var options = configuration.GetSection(IptTriageOptions.SectionName).Get<IptTriageOptions>() ?? new IptTriageOptions();
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        if (File.Exists(path))
        {
            KeepOnlyHashes(path);
            configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            return new DevelopmentKeys(path, created: null);
        }

        var keys = Roles(options.ClinicsPath).Select(role => new ApiKeyEntry(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), role)).ToList();
        configuration.AddInMemoryCollection(keys.SelectMany((entry, index) => new KeyValuePair<string, string?>[]
        {
            new($"{ApiKeyOptions.SectionName}:Keys:{index}:Key", entry.Key),
            new($"{ApiKeyOptions.SectionName}:Keys:{index}:Role", entry.Role),
        }));
        return new DevelopmentKeys(path, keys);
    }

    /// <summary>Keeps new keys in the file (owner-only) and says what they are, or says where the keys come from.</summary>
    public string Announce()
    {
        if (created is null) return $"API keys: the development keys in {path} (configure Api:Keys to use your own; see docs/api.md).";

        Write(path, created);

        var width = created.Max(entry => entry.Role.Length) + 2;
        return string.Join(Environment.NewLine, [
            $"No API keys are configured, so development keys were created in {path}.",
            "Send one as the X-Api-Key header; they are shown only this once:",
            .. created.Select(entry => $"  {entry.Role.PadRight(width)}{entry.Key}"),
            "Configure Api:Keys to use your own instead (docs/api.md).",
        ]);
    }

    private static void Write(string path, IEnumerable<ApiKeyEntry> keys)
    {
        var hashed = keys.Select(entry => entry.Key is null ? entry : entry with { Key = null, KeyHash = ApiKeyring.KeyHashOf(entry.Key) });
        var document = new JsonObject
        {
            [ApiKeyOptions.SectionName] = new JsonObject { ["Keys"] = JsonSerializer.SerializeToNode(hashed, FileFormat) },
        };
        // Written beside it and moved over it, so the file is never half-written and is owner-only from the start.
        var written = path + ".new";
        File.Delete(written);
        PrivateDataDirectory.WriteFile(written, document.ToJsonString(FileFormat));
        File.Move(written, path, overwrite: true);
    }

    private static void KeepOnlyHashes(string path)
    {
        var keys = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build()
            .GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>()?.Keys ?? [];
        if (keys.Any(entry => entry.Key is not null)) Write(path, keys);
    }

    private static IEnumerable<string> Roles(string clinicsPath)
    {
        IEnumerable<string> roles = [ApiCaller.CoordinatorRole, ApiCaller.IntakeRole];
        // A missing or broken directory stops start-up a moment later with its own message.
        if (!File.Exists(clinicsPath)) return roles;
        try
        {
            using var file = File.OpenRead(clinicsPath);
            return roles.Concat(ClinicDirectory.Load(file, clinicsPath).Clinics.Select(clinic => ApiCaller.ClinicRole(clinic.Id)));
        }
        catch (ClinicDirectoryException)
        {
            return roles;
        }
    }
}
