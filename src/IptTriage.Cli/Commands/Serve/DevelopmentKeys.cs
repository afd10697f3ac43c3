using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Hosting;
using IptTriage.Hosting.Api.Security;
using IptTriage.Workflow.Clinics;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Cli.Commands.Serve;

/// <summary>Lets a first run work without set-up: when no <c>Api:Keys</c> are configured, a key per role (coordinator,
/// intake, and each clinic in the directory) is created once in <c>api-keys.json</c> in the data directory, printed
/// once, and used on every later run until keys are configured.</summary>
public static class DevelopmentKeys
{
    public const string FileName = "api-keys.json";

    /// <summary>Adds the development keys to <paramref name="configuration"/> unless keys are configured.</summary>
    /// <returns>What to tell the user: the new keys when they were just created, otherwise where they come from.</returns>
    public static string? AddIfNoneConfigured(IConfigurationManager configuration)
    {
        if (configuration.GetSection($"{ApiKeyOptions.SectionName}:Keys").GetChildren().Any()) return null;

        var options = configuration.GetSection(IptTriageOptions.SectionName).Get<IptTriageOptions>() ?? new IptTriageOptions();
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, FileName));
        var message = File.Exists(path)
            ? $"API keys: the development keys in {path} (configure Api:Keys to use your own; see docs/api.md)."
            : Create(path, Roles(options.ClinicsPath));
        configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
        return message;
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

    private static string Create(string path, IEnumerable<string> roles)
    {
        var keys = roles.Select(role => new ApiKeyEntry(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)), role)).ToList();
        var document = new JsonObject
        {
            [ApiKeyOptions.SectionName] = new JsonObject { ["Keys"] = JsonSerializer.SerializeToNode(keys) },
        };
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var width = keys.Max(entry => entry.Role.Length) + 2;
        return string.Join(Environment.NewLine, [
            $"No API keys are configured, so development keys were created in {path}.",
            "Send one as the X-Api-Key header; they are shown only this once:",
            .. keys.Select(entry => $"  {entry.Role.PadRight(width)}{entry.Key}"),
            "Configure Api:Keys to use your own instead (docs/api.md).",
        ]);
    }
}
