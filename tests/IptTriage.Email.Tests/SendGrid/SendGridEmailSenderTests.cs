using System.Globalization;
using System.Text.Json.Nodes;
using IptTriage.Email.Tests.FakeSendGrid;
using IptTriage.Testing;
using Microsoft.Extensions.Time.Testing;

namespace IptTriage.Email.Tests.SendGrid;

public sealed class SendGridEmailSenderTests
{
    [Fact]
    public async Task Accepted_message_returns_the_provider_message_id_after_one_request_with_the_sdks_v3_body()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.Accepted("msg-abc-123"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Should().Be(EmailSendResult.Sent("msg-abc-123", attempts: 1));
        var request = host.Server.Requests.Should().ContainSingle().Subject;
        request.Authorization.Should().Be($"Bearer {FakeSendGridServer.ApiKey}");
        request.ContentType.Should().StartWith("application/json");
        // The SDK's single-recipient shape: subject and custom args inside the personalization.
        var expected = JsonNode.Parse("""
            {
              "personalizations": [ {
                "to": [ { "email": "jane.client@example.org", "name": "Jane Client" } ],
                "subject": "Your referral was received",
                "custom_args": { "referralId": "R-2026-0001" }
              } ],
              "from": { "email": "intake@clinic.example", "name": "Intake Team" },
              "reply_to": { "email": "coordinators@clinic.example" },
              "content": [
                { "type": "text/plain", "value": "Hello, we received your referral." },
                { "type": "text/html", "value": "<p>Hello, we received your referral.</p>" }
              ],
              "categories": [ "acknowledgement" ]
            }
            """);
        JsonNode.DeepEquals(JsonNode.Parse(request.Body), expected).Should().BeTrue(request.Body);
    }

    [Fact]
    public async Task Bad_request_is_permanent_not_retried_and_its_reason_names_the_field_but_not_the_address()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.BadRequest(
            "personalizations.0.to.0.email", $"The address {TestMessages.ClientAddress} is on a suppression list."));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.StatusCode.Should().Be(400);
        result.Attempts.Should().Be(1);
        result.Reason.Should().Contain("personalizations.0.to.0.email").And.NotContain(TestMessages.ClientAddress);
        host.Server.Requests.Should().HaveCount(1);
        host.Clock.Waits.Should().BeEmpty();
    }

    [Fact]
    public async Task Wrong_api_key_is_a_permanent_401_and_the_key_appears_in_no_log_or_reason()
    {
        const string wrongKey = "SG.wrong-key-must-not-leak";
        await using var host = await SendGridTestHost.StartAsync(apiKey: wrongKey);

        var result = await host.SendAsync(TestMessages.Referral());

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.StatusCode.Should().Be(401);
        host.Server.Requests.Should().HaveCount(1);
        result.Reason.Should().NotContain(wrongKey);
        host.Logs.Lines.Should().NotBeEmpty().And.NotContain(line => line.Contains(wrongKey));
    }

    [Fact]
    public async Task Not_implemented_is_a_server_error_that_no_retry_can_fix()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.StatusOnly(501));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.StatusCode.Should().Be(501);
        host.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Payload_over_20_MB_is_a_permanent_413()
    {
        await using var host = await SendGridTestHost.StartAsync();
        var huge = new string('x', 11 * 1024 * 1024);
        var message = TestMessages.Referral() with { Text = huge, Html = huge };

        var result = await host.SendAsync(message);

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.StatusCode.Should().Be(413);
        host.Server.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Too_many_requests_waits_the_advised_retry_after_seconds_then_sends()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.TooManyRequests("Retry-After", "7"), ScriptedResponse.Accepted("second"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Should().Be(EmailSendResult.Sent("second", attempts: 2));
        host.Clock.Waits.Should().Equal(TimeSpan.FromSeconds(7));
        host.Server.Requests.Select(request => request.Body).Distinct().Should().HaveCount(1);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Request_timeout_and_server_errors_wait_the_advised_retry_after_then_send_the_same_body(int status)
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.RetryAfter(status, 3, TestMessages.ClientAddress), ScriptedResponse.Accepted("later"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Should().Be(EmailSendResult.Sent("later", attempts: 2));
        host.Clock.Waits.Should().Equal(TimeSpan.FromSeconds(3));
        host.Server.Requests.Should().HaveCount(2).And.Subject.Select(request => request.Body).Distinct().Should().HaveCount(1);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_and_an_advice_above_the_maximum_are_honoured_up_to_the_cap()
    {
        await using var host = await SendGridTestHost.StartAsync();
        var farFuture = host.Clock.GetUtcNow().AddHours(1).ToString("R", CultureInfo.InvariantCulture);
        host.Server.Script(ScriptedResponse.TooManyRequests("Retry-After", farFuture), ScriptedResponse.Accepted("ok"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.IsSent.Should().BeTrue();
        host.Clock.Waits.Should().Equal(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task Rate_limit_reset_epoch_is_the_fallback_when_there_is_no_retry_after()
    {
        await using var host = await SendGridTestHost.StartAsync();
        var reset = host.Clock.GetUtcNow().AddSeconds(20).ToUnixTimeSeconds();
        host.Server.Script(
            ScriptedResponse.TooManyRequests("X-RateLimit-Reset", reset.ToString(CultureInfo.InvariantCulture)),
            ScriptedResponse.Accepted("ok"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.IsSent.Should().BeTrue();
        host.Clock.Waits.Should().Equal(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Server_errors_on_every_attempt_exhaust_the_retries_with_growing_jittered_backoff()
    {
        await using var host = await SendGridTestHost.StartAsync(maxAttempts: 3);
        host.Server.Script(ScriptedResponse.StatusOnly(500), ScriptedResponse.StatusOnly(500), ScriptedResponse.StatusOnly(500));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Outcome.Should().Be(EmailSendOutcome.TransientFailureExhausted);
        result.StatusCode.Should().Be(500);
        result.Reason.Should().Be("SendGrid answered 500");
        result.Attempts.Should().Be(3);
        host.Server.Requests.Should().HaveCount(3);
        var waits = host.Clock.Waits;
        waits.Should().HaveCount(2);
        waits[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        waits[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Service_unavailable_once_then_accepted_is_sent_on_the_second_attempt()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.StatusOnly(503), ScriptedResponse.Accepted("after-503"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Should().Be(EmailSendResult.Sent("after-503", attempts: 2));
    }

    /// <summary>Longer than the hang guard of a wait for the send: an attempt bounded by real time instead of the test's
    /// clock (or only by the client's backstop, twice as long) fails the test instead of passing late.</summary>
    private static readonly TimeSpan LongTimeout = SendGridTestHost.DefaultTimeout;

    private static readonly TimeSpan SendHangGuard = SendGridTestHost.HangGuard;

    [Fact]
    public async Task A_request_that_times_out_is_retried()
    {
        await using var host = await SendGridTestHost.StartAsync(timeout: LongTimeout);
        host.Server.Script(ScriptedResponse.NoAnswer(), ScriptedResponse.Accepted("after-timeout"));

        var send = host.Sender.SendAsync(TestMessages.Referral(), CancellationToken.None);
        await host.Server.WaitForRequestAsync();
        host.Clock.Advance(LongTimeout - TimeSpan.FromMilliseconds(1));
        send.IsCompleted.Should().BeFalse("the attempt's timeout has not run out");
        host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await host.PassWaitsAsync(send);

        result.Should().Be(EmailSendResult.Sent("after-timeout", attempts: 2));
        host.Server.Requests.Should().HaveCount(2).And.Subject.Select(request => request.Body).Distinct().Should().HaveCount(1);
        host.Clock.Waits.Should().ContainSingle("one backoff wait between the attempts, on the same clock as the timeout")
            .Which.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_request_that_times_out_on_every_attempt_is_returned_as_exhausted_not_thrown()
    {
        await using var host = await SendGridTestHost.StartAsync(maxAttempts: 2, timeout: LongTimeout);
        host.Server.Script(ScriptedResponse.NoAnswer(), ScriptedResponse.NoAnswer());

        var send = host.Sender.SendAsync(TestMessages.Referral("R-77"), CancellationToken.None);
        await host.Server.WaitForRequestAsync();
        host.Clock.Advance(LongTimeout);
        var backoff = await host.PassNextWaitAsync();
        await host.Server.WaitForRequestAsync();
        host.Clock.Advance(LongTimeout);
        var result = await send.WaitAsync(SendHangGuard);

        result.Outcome.Should().Be(EmailSendOutcome.TransientFailureExhausted);
        result.StatusCode.Should().BeNull();
        result.Reason.Should().Be("SendGrid did not answer within the timeout");
        result.Attempts.Should().Be(2);
        backoff.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        host.Clock.Waits.Should().Equal(backoff);
        var logs = string.Join("\n", host.Logs.Lines);
        logs.Should().Contain("referralId=R-77").And.Contain("did not answer within the timeout");
        foreach (var personal in new[] { TestMessages.ClientAddress, TestMessages.ClientName, "Your referral was received" })
        {
            logs.Should().NotContain(personal);
        }
    }

    [Fact]
    public async Task The_callers_cancellation_of_an_unanswered_request_is_thrown_not_taken_for_a_timeout()
    {
        await using var host = await SendGridTestHost.StartAsync(timeout: LongTimeout);
        host.Server.Script(ScriptedResponse.NoAnswer());
        using var cancellation = new CancellationTokenSource();

        var send = host.Sender.SendAsync(TestMessages.Referral(), cancellation.Token);
        await host.Server.WaitForRequestAsync();
        await cancellation.CancelAsync();

        await send.Awaiting(task => task.WaitAsync(SendHangGuard)).Should().ThrowAsync<OperationCanceledException>();
        host.Server.Requests.Should().ContainSingle("a cancelled send is not retried");
    }

    [Theory]
    [InlineData("instant")] // waits on it would pass at once, and it records them
    [InlineData("frozen")] // waits on it would never pass: the hang guard would fail the test
    public async Task The_waits_between_attempts_and_retry_after_dates_follow_the_sendgrid_wall_clock_not_the_apps_clock(
        string appClockKind)
    {
        // A day behind the SendGrid wall clock: a Retry-After date read against it would be a day away, capped at a minute.
        var appNow = SendGridTestHost.ClockStart.AddDays(-1);
        var instant = new ImmediateTimeProvider(appNow);
        TimeProvider appClock = appClockKind == "instant" ? instant : new FakeTimeProvider(appNow);
        await using var host = await SendGridTestHost.StartAsync(maxAttempts: 4, appClock: appClock);
        var date = host.Clock.GetUtcNow().AddSeconds(20).ToString("R", CultureInfo.InvariantCulture);
        host.Server.Script(
            ScriptedResponse.TooManyRequests("Retry-After", date),
            ScriptedResponse.TooManyRequests("Retry-After", "7"),
            ScriptedResponse.StatusOnly(503),
            ScriptedResponse.Accepted("on-the-wall-clock"));

        var result = await host.SendAsync(TestMessages.Referral());

        result.Should().Be(EmailSendResult.Sent("on-the-wall-clock", attempts: 4));
        var waits = host.Clock.Waits;
        waits.Should().HaveCount(3);
        waits[0].Should().Be(TimeSpan.FromSeconds(20), "the date is 20 s ahead of the SendGrid wall clock");
        waits[1].Should().Be(TimeSpan.FromSeconds(7));
        waits[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(4)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(8));
        host.Clock.GetUtcNow().Should().Be(SendGridTestHost.ClockStart + waits[0] + waits[1] + waits[2]);
        instant.Waits.Should().BeEmpty("nothing of the sender waits on the app's clock");
    }

    [Fact]
    public async Task The_callers_cancellation_during_a_wait_between_attempts_is_thrown_without_another_attempt()
    {
        await using var host = await SendGridTestHost.StartAsync();
        host.Server.Script(ScriptedResponse.TooManyRequests("Retry-After", "7"));
        using var cancellation = new CancellationTokenSource();

        var send = host.Sender.SendAsync(TestMessages.Referral(), cancellation.Token);
        await host.Clock.WaitArmedAsync().WaitAsync(SendHangGuard);
        await cancellation.CancelAsync();

        await send.Awaiting(task => task.WaitAsync(SendHangGuard)).Should().ThrowAsync<OperationCanceledException>();
        host.Clock.Waits.Should().Equal(TimeSpan.FromSeconds(7));
        host.Server.Requests.Should().ContainSingle("the wait never passed, so no second attempt was made");
    }

    [Fact]
    public async Task Cancellation_throws_instead_of_returning_a_result()
    {
        await using var host = await SendGridTestHost.StartAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var send = () => host.Sender.SendAsync(TestMessages.Referral(), cancelled.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task An_invalid_message_is_refused_before_any_request_without_echoing_its_content()
    {
        await using var host = await SendGridTestHost.StartAsync();
        var message = TestMessages.Referral() with { Subject = "Hello\r\nBcc: attacker@example.net" };

        var result = await host.SendAsync(message);

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.Reason.Should().Be("invalid message: subject contains a line break");
        host.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Logs_and_reasons_name_the_referral_and_category_but_never_the_address_name_subject_or_key()
    {
        await using var host = await SendGridTestHost.StartAsync(maxAttempts: 4);
        host.Server.Script(
            ScriptedResponse.RetryAfter(429, 1, TestMessages.ClientAddress),
            ScriptedResponse.RetryAfter(500, 1, $"{TestMessages.ClientName} <{TestMessages.ClientAddress}>"),
            ScriptedResponse.BadRequest("personalizations.0.to.0.email", $"{TestMessages.ClientAddress} bounced"));

        var result = await host.SendAsync(TestMessages.Referral("R-42"));

        result.Outcome.Should().Be(EmailSendOutcome.PermanentFailure);
        result.Reason.Should().Be("SendGrid answered 400: personalizations.0.to.0.email: [redacted] bounced");
        var logs = string.Join("\n", host.Logs.Lines);
        logs.Should().Contain("referralId=R-42").And.Contain("category=acknowledgement");
        foreach (var secret in new[]
                 {
                     TestMessages.ClientAddress, TestMessages.ClientName, "Your referral was received",
                     "we received your referral", FakeSendGridServer.ApiKey,
                 })
        {
            logs.Should().NotContain(secret);
        }
    }
}
