namespace IptTriage.Email.Tests;

internal static class TestMessages
{
    public const string ClientAddress = "jane.client@example.org";
    public const string ClientName = "Jane Client";

    public static EmailMessage Referral(string referralId = "R-2026-0001") =>
        new(new EmailAddress(ClientAddress, ClientName),
            "Your referral was received",
            "Hello, we received your referral.",
            "<p>Hello, we received your referral.</p>")
        {
            ReplyTo = new EmailAddress("coordinators@clinic.example"),
            Categories = ["acknowledgement"],
            CustomArgs = new Dictionary<string, string> { ["referralId"] = referralId },
        };
}
