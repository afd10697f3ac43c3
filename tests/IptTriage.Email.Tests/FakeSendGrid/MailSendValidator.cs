using System.Text.Json;
using System.Text.RegularExpressions;

namespace IptTriage.Email.Tests.FakeSendGrid;

/// <summary>
/// The subset of v3 mail/send request validation that a client could get wrong, with SendGrid's field paths and
/// messages. It accepts every shape the API documents for what it checks, including the SDK's own: a subject and
/// custom args inside each personalization instead of at the top.
/// </summary>
internal static partial class MailSendValidator
{
    public static List<(string Message, string? Field)> Validate(string body)
    {
        var errors = new List<(string, string?)>();
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return [("Bad Request", null)];
        }

        ValidatePersonalizations(root, errors);
        ValidateMailbox(root, "from", required: true, errors);
        ValidateMailbox(root, "reply_to", required: false, errors);
        var hasTemplate = root.TryGetProperty("template_id", out _);
        if (!hasTemplate && !HasNonEmptyString(root, "subject") && !EveryPersonalizationHasASubject(root))
        {
            errors.Add(("The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.", "subject"));
        }

        ValidateContent(root, hasTemplate, errors);
        ValidateCustomArgs(root, "custom_args", errors);
        ValidateCategories(root, errors);
        return errors;
    }

    private static bool EveryPersonalizationHasASubject(JsonElement root) =>
        root.TryGetProperty("personalizations", out var personalizations)
        && personalizations.ValueKind == JsonValueKind.Array
        && personalizations.EnumerateArray().All(personalization =>
            personalization.ValueKind == JsonValueKind.Object && HasNonEmptyString(personalization, "subject"));

    private static void ValidateCustomArgs(JsonElement owner, string field, List<(string, string?)> errors)
    {
        if (owner.TryGetProperty("custom_args", out var customArgs)
            && (customArgs.ValueKind != JsonValueKind.Object
                || customArgs.EnumerateObject().Any(arg => arg.Value.ValueKind != JsonValueKind.String)))
        {
            errors.Add(("Custom args must be an object whose values are all strings.", field));
        }
    }

    private static void ValidateCategories(JsonElement root, List<(string, string?)> errors)
    {
        if (!root.TryGetProperty("categories", out var categories))
        {
            return;
        }

        var names = categories.ValueKind == JsonValueKind.Array
            ? categories.EnumerateArray().Select(category => category.ValueKind == JsonValueKind.String ? category.GetString() : null).ToList()
            : [null];
        if (names.Count > 10 || names.Any(name => name is null || name.Length > 255) || names.Distinct().Count() != names.Count)
        {
            errors.Add(("Categories must be at most 10 unique strings of at most 255 characters.", "categories"));
        }
    }

    private static void ValidatePersonalizations(JsonElement root, List<(string, string?)> errors)
    {
        if (!root.TryGetProperty("personalizations", out var personalizations)
            || personalizations.ValueKind != JsonValueKind.Array || personalizations.GetArrayLength() == 0)
        {
            errors.Add(("The personalizations field is required and must have at least one personalization.", "personalizations"));
            return;
        }

        var index = 0;
        foreach (var personalization in personalizations.EnumerateArray())
        {
            ValidateCustomArgs(personalization, $"personalizations.{index}.custom_args", errors);
            if (!personalization.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array
                || to.GetArrayLength() == 0)
            {
                errors.Add(("The to array is required for all personalization objects, and must have at least one email object with a valid email address.", $"personalizations.{index}.to"));
            }
            else
            {
                var toIndex = 0;
                foreach (var recipient in to.EnumerateArray())
                {
                    if (!IsValidEmail(recipient))
                    {
                        errors.Add(("Does not contain a valid address.", $"personalizations.{index}.to.{toIndex}.email"));
                    }

                    toIndex++;
                }
            }

            index++;
        }
    }

    private static void ValidateMailbox(JsonElement root, string field, bool required, List<(string, string?)> errors)
    {
        if (!root.TryGetProperty(field, out var mailbox))
        {
            if (required)
            {
                errors.Add(($"The {field} object must be provided for every email send.", field));
            }

            return;
        }

        if (!IsValidEmail(mailbox))
        {
            errors.Add(("The email address is not valid.", $"{field}.email"));
        }
    }

    private static void ValidateContent(JsonElement root, bool hasTemplate, List<(string, string?)> errors)
    {
        if (!root.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array
            || content.GetArrayLength() == 0)
        {
            if (!hasTemplate)
            {
                errors.Add(("Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.", "content"));
            }

            return;
        }

        var types = content.EnumerateArray().Select(part => part.TryGetProperty("type", out var type) ? type.GetString() : null).ToList();
        if (content.EnumerateArray().Any(part => !HasNonEmptyString(part, "value")) || types.Any(string.IsNullOrEmpty))
        {
            errors.Add(("The content value must be a string at least one character in length.", "content.0.value"));
        }

        var plain = types.IndexOf("text/plain");
        var html = types.IndexOf("text/html");
        if (html >= 0 && plain > html)
        {
            errors.Add(("The text/plain content type must be first, followed by any other content types.", "content.0.type"));
        }
    }

    private static bool IsValidEmail(JsonElement mailbox) =>
        mailbox.ValueKind == JsonValueKind.Object
        && mailbox.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String
        && EmailFormat().IsMatch(email.GetString()!);

    private static bool HasNonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && !string.IsNullOrEmpty(value.GetString());

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();
}
