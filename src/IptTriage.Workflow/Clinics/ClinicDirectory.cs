using System.Net.Mail;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IptTriage.Workflow.Clinics;

/// <summary>The clinic directory, loaded from JSON (<c>samples/clinics.json</c> is the bundled one).</summary>
public sealed class ClinicDirectory
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };

    private readonly Dictionary<string, Clinic> byId;

    private ClinicDirectory(IReadOnlyList<Clinic> clinics)
    {
        Clinics = clinics;
        byId = clinics.ToDictionary(clinic => clinic.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Clinic> Clinics { get; }

    public Clinic? Find(string clinicId) => byId.GetValueOrDefault(clinicId);

    /// <exception cref="ClinicDirectoryException">The file is malformed or inconsistent; the message names the source and where.</exception>
    public static ClinicDirectory Load(Stream utf8Json, string sourceName)
    {
        DirectoryFile file;
        try
        {
            file = JsonSerializer.Deserialize<DirectoryFile>(utf8Json, Options)
                ?? throw new ClinicDirectoryException($"{sourceName}: the file is empty (null).");
        }
        catch (JsonException e)
        {
            throw new ClinicDirectoryException($"{sourceName}: {e.Message}");
        }

        var problems = Validate(file.Clinics).Select(problem => $"{sourceName}: {problem}").ToList();
        return problems.Count == 0
            ? new ClinicDirectory(file.Clinics)
            : throw new ClinicDirectoryException(string.Join(Environment.NewLine, problems));
    }

    private static IEnumerable<string> Validate(IReadOnlyList<Clinic> clinics)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < clinics.Count; i++)
        {
            var clinic = clinics[i];
            var at = $"$.clinics[{i}]";
            if (string.IsNullOrWhiteSpace(clinic.Id)) yield return $"{at}.id: must not be empty.";
            else if (!seen.Add(clinic.Id)) yield return $"{at}.id: '{clinic.Id}' is used by an earlier clinic.";
            if (string.IsNullOrWhiteSpace(clinic.Name)) yield return $"{at}.name: must not be empty.";
            if (!MailAddress.TryCreate(clinic.Email, out _)) yield return $"{at}.email: not a valid email address.";
            if (clinic.Capacity < 0) yield return $"{at}.capacity: must be 0 or more, not {clinic.Capacity}.";
            if (clinic.MinAge < 0) yield return $"{at}.minAge: must be 0 or more, not {clinic.MinAge}.";
            if (clinic.MaxAge < clinic.MinAge) yield return $"{at}.maxAge: must be at least minAge ({clinic.MinAge}), not {clinic.MaxAge}.";
            if (clinic.Languages.Count == 0) yield return $"{at}.languages: must list at least one language.";
            if (clinic.Regions.Count == 0 && !clinic.Telehealth) yield return $"{at}: serves no region and offers no telehealth, so no case can reach it.";
            if (clinic.Pathways.Contains(Triage.Decisions.Pathway.Alternative))
                yield return $"{at}.pathways: list 'ipt' or 'ipt-with-medication'; alternative services go in 'modalities'.";
            if (clinic.Pathways.Count == 0 && clinic.Modalities.Count == 0) yield return $"{at}: offers no pathway and no modality.";
        }
    }

    private sealed record DirectoryFile(IReadOnlyList<Clinic> Clinics);
}

public sealed class ClinicDirectoryException(string message) : Exception(message);
