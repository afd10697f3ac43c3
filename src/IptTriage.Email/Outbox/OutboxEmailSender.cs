using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.Email.Outbox;

/// <summary>
/// The local stand-in for SendGrid: writes each message as an <c>.eml</c> file into the outbox folder. A file
/// appears whole or not at all (written under a temporary name, then renamed).
/// </summary>
public sealed partial class OutboxEmailSender(
    IOptions<OutboxOptions> options,
    TimeProvider timeProvider,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tags = LogTags.Of(message);
        var from = message.From ?? new EmailAddress(settings.FromAddress, settings.FromName);
        if (EmailMessageValidator.FindError(message, from) is { } error)
        {
            LogInvalid(tags, error);
            return EmailMessageValidator.Rejection(error);
        }

        var now = timeProvider.GetUtcNow();
        var uniqueId = Guid.NewGuid().ToString("N");
        var messageId = $"{uniqueId}@iptriage.outbox";
        var fileName = $"{now.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{uniqueId}.eml";
        var folder = Path.GetFullPath(settings.OutboxPath);
        var path = Path.Combine(folder, fileName);
        var temporaryPath = path + ".tmp";
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(
                temporaryPath, EmlDocument.Render(message, from, now, messageId), Utf8NoBom, cancellationToken);
            File.Move(temporaryPath, path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LogWriteFailed(tags, exception.GetType().Name);
            return EmailSendResult.Permanent(null, $"could not write to the outbox ({exception.GetType().Name})", 1);
        }
        finally
        {
            if (File.Exists(temporaryPath))
            {
                File.Delete(temporaryPath);
            }
        }

        LogWritten(tags, fileName);
        return EmailSendResult.Sent(messageId, attempts: 1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email written to outbox ({Tags}) as {FileName}")]
    private partial void LogWritten(string tags, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not written, message invalid ({Tags}): {Error}")]
    private partial void LogInvalid(string tags, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email not written to outbox ({Tags}): {Failure}")]
    private partial void LogWriteFailed(string tags, string failure);
}
