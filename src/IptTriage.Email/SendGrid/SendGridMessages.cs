using SendGrid.Helpers.Mail;
using Mailbox = SendGrid.Helpers.Mail.EmailAddress;

namespace IptTriage.Email.SendGrid;

/// <summary>Our message in the SDK's shape for one recipient.</summary>
internal static class SendGridMessages
{
    /// <summary>
    /// <see cref="MailHelper.CreateSingleEmail"/>'s shape, which SendGrid accepts: the subject and custom args inside
    /// the one personalization, text/plain before text/html as the API requires.
    /// </summary>
    public static SendGridMessage For(EmailMessage message, EmailAddress from)
    {
        var mail = MailHelper.CreateSingleEmail(
            ToMailbox(from), ToMailbox(message.To), message.Subject, message.Text, message.Html);
        if (message.ReplyTo is { } replyTo)
        {
            mail.SetReplyTo(ToMailbox(replyTo));
        }

        if (message.Categories.Count > 0)
        {
            mail.AddCategories([.. message.Categories]);
        }

        if (message.CustomArgs.Count > 0)
        {
            mail.AddCustomArgs(message.CustomArgs.ToDictionary());
        }

        return mail;
    }

    private static Mailbox ToMailbox(EmailAddress address) => new(address.Address, address.Name);
}
