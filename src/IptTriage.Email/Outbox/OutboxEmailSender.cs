using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.Email.Outbox;

/// <summary>
/// The local stand-in for SendGrid: writes each message as an <c>.eml</c> file into the outbox folder. A file
/// appears whole or not at all (written under a temporary name, then renamed). Emails name their recipients, so the
/// folder is created readable by this account only (0700) and each file is created 0600, whatever the umask.
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
            CreateOwnerOnlyFolder(folder);
            await using (var file = new StreamWriter(new FileStream(temporaryPath, OwnerOnlyNewFile()), Utf8NoBom))
            {
                await file.WriteAsync(EmlDocument.Render(message, from, now, messageId).AsMemory(), cancellationToken);
            }
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

    private static FileStreamOptions OwnerOnlyNewFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return options;
    }

    private static void CreateOwnerOnlyFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else if (!Directory.Exists(folder)) Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email written to outbox ({Tags}) as {FileName}")]
    private partial void LogWritten(string tags, string fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not written, message invalid ({Tags}): {Error}")]
    private partial void LogInvalid(string tags, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email not written to outbox ({Tags}): {Failure}")]
    private partial void LogWriteFailed(string tags, string failure);
}
