using System.Text;

namespace IptTriage.AzureQueues.Tests.Azurite;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Utf8_text_round_trips_with_id_pop_receipt_and_first_dequeue_then_delete_empties_the_queue()
    {
        var queue = await azurite.NewQueueAsync();
        const string text = "{\"referralId\":\"R-1\",\"note\":\"Grüße 你好 😊 <&>\"}";

        var sent = await queue.SendMessageAsync(text, None);
        var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), None)).Should().ContainSingle().Subject;

        received.MessageId.Should().Be(sent.MessageId);
        received.PopReceipt.Should().NotBeNullOrEmpty();
        received.DequeueCount.Should().Be(1);
        received.Text.Should().Be(text);
        received.RawText.Should().Be(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
        received.IsMalformed.Should().BeFalse();
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, None);
        (await queue.PeekMessagesAsync(32, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task Creating_an_existing_queue_succeeds()
    {
        var queue = await azurite.NewQueueAsync();

        var createAgain = () => queue.CreateIfNotExistsAsync(None);

        await createAgain.Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_message_at_the_64_KiB_limit_round_trips_and_one_byte_more_is_refused_before_sending()
    {
        var queue = await azurite.NewQueueAsync();
        var largest = new string('a', 48 * 1024); // base64 of 49,152 bytes is exactly 65,536 characters

        await queue.SendMessageAsync(largest, None);
        var send = () => queue.SendMessageAsync(largest + "b", None);

        (await send.Should().ThrowAsync<ArgumentException>())
            .Which.Message.Should().Contain("65540 bytes").And.Contain("65536").And.NotContain("aaaa");
        var peeked = (await queue.PeekMessagesAsync(32, None)).Should().ContainSingle().Subject;
        peeked.Text.Should().Be(largest);
    }

    [Fact]
    public async Task An_unsettled_message_is_redelivered_after_its_visibility_timeout_with_dequeue_count_2()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("first", None);
        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), None)).Single();

        (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), None)).Should().BeEmpty("it is hidden for now");
        var again = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(15));

        again.MessageId.Should().Be(first.MessageId);
        again.DequeueCount.Should().Be(2);
        again.PopReceipt.Should().NotBe(first.PopReceipt);
    }

    [Fact]
    public async Task Updating_visibility_to_zero_makes_a_message_receivable_at_once_and_the_old_receipt_stale()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("m", None);
        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), None)).Single();

        var newReceipt = await queue.UpdateVisibilityAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, None);
        var again = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(5), None)).Should().ContainSingle().Subject;
        var deleteWithStaleReceipt = () => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt, None);

        newReceipt.Should().NotBeNullOrEmpty().And.NotBe(first.PopReceipt);
        again.DequeueCount.Should().Be(2);
        (await deleteWithStaleReceipt.Should().ThrowAsync<QueueStorageException>())
            .Which.Status.Should().BeOneOf(400, 404);
    }

    [Fact]
    public async Task Peek_leaves_messages_visible_and_clear_removes_them_all()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("one", None);
        await queue.SendMessageAsync("two", None);

        var peeked = await queue.PeekMessagesAsync(32, None);
        var received = await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1), None);
        await queue.ClearAsync(None);

        peeked.Select(message => message.Text).Should().Equal("one", "two");
        peeked.Should().OnlyContain(message => message.DequeueCount == 0);
        received.Should().HaveCount(2).And.OnlyContain(message => message.DequeueCount == 1);
        (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1), None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_queue_fails_with_status_404_and_code_QueueNotFound()
    {
        var queue = azurite.Service().GetQueue("never-created");

        var receive = () => queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(30), None);

        var failure = (await receive.Should().ThrowAsync<QueueStorageException>()).Which;
        failure.Status.Should().Be(404);
        failure.ErrorCode.Should().Be("QueueNotFound");
        failure.Message.Should().Be("Azure Queue Storage: get messages on queue 'never-created' failed with 404 QueueNotFound.");
    }

    [Fact]
    public async Task A_wrong_account_key_fails_with_403_AuthenticationFailed_and_no_key_in_the_error()
    {
        var wrongKey = Convert.ToBase64String(Encoding.UTF8.GetBytes("definitely-not-the-account-key-0123456789"));
        var queue = azurite.Service(accountKey: wrongKey).GetQueue("auth-check");

        var create = () => queue.CreateIfNotExistsAsync(None);

        var failure = (await create.Should().ThrowAsync<QueueStorageException>()).Which;
        failure.Status.Should().Be(403);
        failure.ErrorCode.Should().Be("AuthenticationFailed");
        failure.Message.Should().NotContain(wrongKey).And.NotContain(AzuriteFixture.DevelopmentAccountKey);
    }

    [Fact]
    public async Task Text_that_xml_cannot_carry_is_refused_before_sending()
    {
        var queue = await azurite.NewQueueAsync();

        var send = () => queue.SendRawMessageAsync("bell\u0007", None);

        (await send.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("XML cannot carry");
    }

    private static async Task<QueueMessage> ReceiveWithinAsync(StorageQueue queue, TimeSpan limit)
    {
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            var messages = await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), deadline.Token);
            if (messages.Count > 0)
            {
                return messages[0];
            }

            await Task.Delay(200, deadline.Token);
        }
    }
}
