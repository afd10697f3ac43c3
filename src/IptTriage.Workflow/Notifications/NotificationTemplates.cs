using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Notifications;

public sealed record RenderedEmail(string Subject, string Text, string Html, string Language);

/// <summary>The bundled email templates (<c>Notifications/Templates/*.json</c>): one list of paragraphs per template
/// renders both the plain-text and the HTML part, so the two cannot say different things.</summary>
public sealed partial class NotificationTemplates
{
    private const string English = "en";
    private static readonly string[] BundledLanguages = [English, "es"];
    private static readonly HashSet<string> KnownPlaceholders = ["referralId", "urgency", "serviceLabel", "clinicName", "dueAt", "link"];

    private readonly Dictionary<string, TemplateSet> byLanguage;

    private NotificationTemplates(Dictionary<string, TemplateSet> byLanguage) => this.byLanguage = byLanguage;

    public IReadOnlyCollection<string> Languages => byLanguage.Keys;

    public static NotificationTemplates LoadBundled()
    {
        var sets = BundledLanguages.ToDictionary(language => language, LoadEmbedded, StringComparer.OrdinalIgnoreCase);
        var missing = RequiredKeys().Where(key => !sets[English].Templates.ContainsKey(key)).ToList();
        return missing.Count == 0
            ? new NotificationTemplates(sets)
            : throw new InvalidOperationException($"English templates missing: {string.Join(", ", missing)}");
    }

    /// <summary>Every template key the workflow can ask for; English must have them all.</summary>
    public static IEnumerable<string> RequiredKeys() =>
        Enum.GetValues<NotificationKind>().SelectMany(kind => kind == NotificationKind.ClientNextSteps
            ? Enum.GetValues<Pathway>().Select(pathway => TemplateKey(kind, pathway))
            : [TemplateKey(kind, null)]);

    public RenderedEmail Render(NotificationKind kind, NotificationFacts facts, string language)
    {
        var set = kind.IsClient() && byLanguage.TryGetValue(LanguageTags.Primary(language).ToString(), out var preferred) ? preferred : byLanguage[English];
        var key = TemplateKey(kind, facts.Pathway);
        var template = set.Templates.GetValueOrDefault(key) ?? byLanguage[English].Templates[key];
        string Fill(string text, bool html) => Placeholder().Replace(text, match => Value(match.Groups[1].Value, facts, set, html, key));

        var text = string.Join("\n\n", template.Body.Select(paragraph => Fill(paragraph, html: false)));
        var body = string.Concat(template.Body.Select(paragraph => $"<p>{Fill(WebUtility.HtmlEncode(paragraph), html: true)}</p>"));
        var htmlDocument = $"<!DOCTYPE html><html lang=\"{set.Language}\"><head><meta charset=\"utf-8\"></head><body>{body}</body></html>";
        return new RenderedEmail(Fill(template.Subject, html: false), text, htmlDocument, set.Language);
    }

    private static string TemplateKey(NotificationKind kind, Pathway? pathway) =>
        kind == NotificationKind.ClientNextSteps
            ? $"{WireCode.Of(kind)}/{WireCode.Of(pathway ?? throw new ArgumentException("next steps need the pathway", nameof(pathway)))}"
            : WireCode.Of(kind);

    private string Value(string placeholder, NotificationFacts facts, TemplateSet set, bool html, string templateKey)
    {
        string Required<T>(T? value) => value?.ToString()
            ?? throw new InvalidOperationException($"Template '{templateKey}' needs {{{placeholder}}}, which was not given.");

        var value = placeholder switch
        {
            "referralId" => facts.ReferralId,
            "urgency" => Label(set, $"urgency/{WireCode.Of(facts.Urgency)}"),
            "serviceLabel" => Label(set, facts.Pathway == Pathway.Alternative
                ? $"modality/{WireCode.Of(facts.Modality ?? throw new InvalidOperationException($"Template '{templateKey}' needs the modality of an alternative pathway."))}"
                : $"pathway/{WireCode.Of(facts.Pathway ?? throw new InvalidOperationException($"Template '{templateKey}' needs the pathway."))}"),
            "clinicName" => Required(facts.ClinicName),
            "dueAt" => facts.DueAt is { } due ? due.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : Required<string>(null),
            "link" => Required(facts.Link),
            _ => throw new InvalidOperationException($"Template '{templateKey}' uses an unknown placeholder {{{placeholder}}}."),
        };
        if (!html) return value;
        var encoded = WebUtility.HtmlEncode(value);
        return placeholder == "link" ? $"<a href=\"{encoded}\">{encoded}</a>" : encoded;
    }

    private string Label(TemplateSet set, string key) =>
        set.Labels.GetValueOrDefault(key) ?? byLanguage[English].Labels.GetValueOrDefault(key)
        ?? throw new InvalidOperationException($"No label '{key}'.");

    private static TemplateSet LoadEmbedded(string language)
    {
        var resource = $"IptTriage.Workflow.Notifications.Templates.{language}.json";
        using var stream = typeof(NotificationTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        var set = JsonSerializer.Deserialize<TemplateSet>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true })
            ?? throw new InvalidOperationException($"{resource} is empty.");
        var unknown = set.Templates
            .SelectMany(pair => new[] { pair.Value.Subject }.Concat(pair.Value.Body).SelectMany(text => Placeholder().Matches(text))
                .Select(match => match.Groups[1].Value).Where(name => !KnownPlaceholders.Contains(name)).Select(name => $"{pair.Key}: {{{name}}}"))
            .ToList();
        return unknown.Count == 0 ? set : throw new InvalidOperationException($"{resource} uses unknown placeholders: {string.Join(", ", unknown)}");
    }

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();

    private sealed record TemplateSet(string Language, Dictionary<string, string> Labels, Dictionary<string, Template> Templates);

    private sealed record Template(string Subject, IReadOnlyList<string> Body);
}
