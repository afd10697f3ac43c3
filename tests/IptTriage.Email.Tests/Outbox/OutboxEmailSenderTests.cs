using IptTriage.Email.Outbox;
using IptTriage.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IptTriage.Email.Tests.Outbox;

public sealed class OutboxEmailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private readonly string outbox = Path.Combine(Path.GetTempPath(), $"outbox-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_written_eml_parses_back_to_the_same_headers_and_both_bodies()
    {
        var message = TestMessages.Referral();

        var result = await Sender().SendAsync(message, CancellationToken.None);

        result.IsSent.Should().BeTrue();
        var eml = EmlReader.Parse(await File.ReadAllTextAsync(Directory.GetFiles(outbox).Single()));
        eml.Header("Date").Should().Be("Fri, 02 Jan 2026 03:04:05 +0000");
        eml.Header("Message-ID").Should().Be($"<{result.ProviderMessageId}>");
        eml.Header("From").Should().Be("\"Outbox Sender\" <outbox@clinic.example>");
        eml.Header("To").Should().Be("\"Jane Client\" <jane.client@example.org>");
        eml.Header("Reply-To").Should().Be("<coordinators@clinic.example>");
        eml.Header("Subject").Should().Be(message.Subject);
        eml.Header("X-Category").Should().Be("acknowledgement");
        eml.Header("X-Custom-Arg").Should().Be("referralId=R-2026-0001");
        eml.Header("MIME-Version").Should().Be("1.0");
        eml.Header("Content-Type").Should().StartWith("multipart/alternative;");
        var parts = eml.Parts();
        parts.Select(part => part.Header("Content-Type"))
            .Should().Equal("text/plain; charset=utf-8", "text/html; charset=utf-8");
        parts.Should().OnlyContain(part => part.Header("Content-Transfer-Encoding") == "base64");
        parts.Select(part => part.DecodedBody()).Should().Equal(message.Text, message.Html);
    }

    [Fact]
    public async Task Non_ascii_subject_names_and_bodies_are_encoded_in_ascii_and_decode_back_exactly()
    {
        var subject = "Ihre Überweisung ist eingegangen — 您的转介已收到，我们会尽快与您联系 😊";
        var message = TestMessages.Referral() with
        {
            To = new EmailAddress("jose@example.org", "José Ñúñez"),
            Subject = subject,
            Text = "Grüße — 你好",
        };

        await Sender().SendAsync(message, CancellationToken.None);

        var raw = await File.ReadAllTextAsync(Directory.GetFiles(outbox).Single());
        raw.Should().MatchRegex(@"^[\x00-\x7F]*$", "non-ASCII text travels only as encoded words or base64");
        raw.Split("\r\n").Should().OnlyContain(line => line.Length <= 78);
        var eml = EmlReader.Parse(raw);
        eml.DecodedHeader("Subject").Should().Be(subject);
        eml.DecodedHeader("To").Should().Be("José Ñúñez <jose@example.org>");
        eml.Parts()[0].DecodedBody().Should().Be("Grüße — 你好");
    }

    [Fact]
    public async Task Files_are_named_by_time_and_a_unique_id_and_no_temporary_file_is_left()
    {
        var sender = Sender();

        for (var i = 0; i < 3; i++)
        {
            (await sender.SendAsync(TestMessages.Referral($"R-{i}"), CancellationToken.None)).IsSent.Should().BeTrue();
        }

        var names = Directory.GetFiles(outbox).Select(Path.GetFileName).ToList();
        names.Should().HaveCount(3).And.OnlyHaveUniqueItems()
            .And.OnlyContain(name => System.Text.RegularExpressions.Regex.IsMatch(
                name!, @"^20260102T030405006Z-[0-9a-f]{32}\.eml$"));
    }

    [Fact]
    public async Task The_outbox_and_every_email_in_it_are_readable_by_this_account_only()
    {
        if (OperatingSystem.IsWindows()) return;
        var sender = Sender();

        await sender.SendAsync(TestMessages.Referral("R-1"), CancellationToken.None);
        await sender.SendAsync(TestMessages.Referral("R-2"), CancellationToken.None);

        // Emails name their recipients: whatever the umask, no other local user may read them.
        File.GetUnixFileMode(outbox).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var files = Directory.GetFiles(outbox);
        files.Should().HaveCount(2);
        foreach (var file in files) File.GetUnixFileMode(file).Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task An_invalid_message_writes_nothing_and_is_a_permanent_failure()
    {
        var message = TestMessages.Referral() with { To = new EmailAddress("not-an-address") };

        var result = await Sender().SendAsync(message, CancellationToken.None);

        result.Should().Be(EmailSendResult.Permanent(null, "invalid message: to address is not a valid email address", 0));
        Directory.Exists(outbox).Should().BeFalse();
    }

    [Fact]
    public async Task An_outbox_that_cannot_be_created_is_a_permanent_failure_not_an_exception()
    {
        var blocker = Path.Combine(Path.GetTempPath(), $"outbox-blocker-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(blocker, "a file where the outbox folder should go");
        try
        {
            var result = await Sender(Path.Combine(blocker, "outbox")).SendAsync(TestMessages.Referral(), CancellationToken.None);

            result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
            result.Reason.Should().StartWith("could not write to the outbox");
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    private OutboxEmailSender Sender(string? path = null) => new(
        Options.Create(new OutboxOptions
        {
            OutboxPath = path ?? outbox,
            FromAddress = "outbox@clinic.example",
            FromName = "Outbox Sender",
        }),
        new ImmediateTimeProvider(Now),
        NullLogger<OutboxEmailSender>.Instance);
}
