using FsCheck;
using FsCheck.Fluent;
using IptTriage.Email.Retry;
using IptTriage.Email.SendGrid;

namespace IptTriage.Email.Tests.SendGrid;

public sealed class RetryDelaysTests
{
    [Fact]
    public void Backoff_stays_between_half_and_all_of_the_capped_exponential_step()
    {
        Prop.ForAll(
                Gen.Choose(1, 40).ToArbitrary(),
                Gen.Choose(0, int.MaxValue).ToArbitrary(),
                (failedAttempts, seed) =>
                {
                    var first = TimeSpan.FromSeconds(2);
                    var max = TimeSpan.FromMinutes(1);
                    var step = Math.Min(first.TotalMilliseconds * Math.Pow(2, failedAttempts - 1), max.TotalMilliseconds);
                    var delay = RetryDelays.Backoff(failedAttempts, first, max, new Random(seed)).TotalMilliseconds;
                    return delay >= step / 2 - 1 && delay <= step + 1;
                })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Error_reason_redacts_anything_address_like_and_the_messages_own_values_and_keeps_field_paths()
    {
        var message = new EmailMessage(new EmailAddress("bob@example.org", "Bob Smith"), "Your referral", "text", "html");
        var reason = SendGridErrorReason.Describe(400, """
            {"errors":[{"message":"bob.smith+x@mail.example.org bounced","field":"personalizations.0.to.0.email","help":null},
                       {"message":"'BOB SMITH' is not allowed","field":"personalizations.0.to.0.name"},
                       {"message":"from missing","field":"from"}]}
            """, SendGridErrorReason.PersonalValues(message, new EmailAddress("intake@clinic.example")));

        reason.Should().Be("SendGrid answered 400: personalizations.0.to.0.email: [redacted] bounced; "
            + "personalizations.0.to.0.name: '[redacted]' is not allowed; from: from missing");
    }

    [Fact]
    public void Error_reason_for_a_body_that_is_not_sendgrid_json_is_just_the_status()
    {
        SendGridErrorReason.Describe(502, "<html>Bad gateway</html>", []).Should().Be("SendGrid answered 502");
    }
}
