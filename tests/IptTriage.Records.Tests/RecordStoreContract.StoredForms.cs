using System.Text;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>The stored forms streamed for a what-if (<c>POST /api/policy/what-if</c>): every form in a received window,
/// oldest first, byte for byte, across as many pages as it takes.</summary>
public abstract partial class RecordStoreContract
{
    private static async Task<List<StoredForm>> FormsAsync(IRecordStore store, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var forms = new List<StoredForm>();
        await foreach (var form in store.ReadFormsAsync(from, to)) forms.Add(form);
        return forms;
    }

    [Fact]
    public async Task Stored_forms_stream_oldest_first_byte_for_byte_within_the_received_window()
    {
        var store = await OpenAsync();
        // Added out of order, two at the same instant (then ordered by id), one an invalid form that is kept as sent.
        await store.AddAsync(new NewReferral("R-c", T0.AddMinutes(20), Encoding.UTF8.GetBytes("{\"referralId\":\"R-c\",\"n\":\"Zoë\"}")));
        await store.AddAsync(new NewReferral("R-b", T0.AddMinutes(10), "{\"referralId\":\"R-b\"}"u8.ToArray()));
        await store.AddAsync(new NewReferral("R-a", T0.AddMinutes(10), "{"u8.ToArray()));
        await store.AddAsync(new NewReferral("R-d", T0.AddMinutes(30), "{\"referralId\":\"R-d\"}"u8.ToArray()));

        var all = await FormsAsync(store);

        all.Select(form => (form.ReferralId, form.ReceivedAt)).Should().Equal(
            ("R-a", T0.AddMinutes(10)), ("R-b", T0.AddMinutes(10)), ("R-c", T0.AddMinutes(20)), ("R-d", T0.AddMinutes(30)));
        all[0].Form.Should().Equal("{"u8.ToArray());
        all[2].Form.Should().Equal(Encoding.UTF8.GetBytes("{\"referralId\":\"R-c\",\"n\":\"Zoë\"}"));
        (await FormsAsync(store, from: T0.AddMinutes(10), to: T0.AddMinutes(30))).Select(form => form.ReferralId)
            .Should().Equal(["R-a", "R-b", "R-c"], "from is inclusive, to exclusive");
        (await FormsAsync(store, from: T0.AddMinutes(11))).Select(form => form.ReferralId).Should().Equal("R-c", "R-d");
        (await FormsAsync(store, to: T0.AddMinutes(10))).Should().BeEmpty();
    }

    [Fact]
    public async Task Stored_forms_stream_across_pages_without_gaps_or_repeats()
    {
        var store = await OpenAsync();
        // More than a page (256) of the store's reads, with ties on the received time at the page boundary.
        const int count = 600;
        for (var i = 0; i < count; i++)
            await store.AddAsync(new NewReferral($"P-{i:D4}", T0.AddSeconds(i / 3), Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")));

        var forms = await FormsAsync(store);

        forms.Select(form => form.ReferralId).Should().Equal(Enumerable.Range(0, count).Select(i => $"P-{i:D4}"));
        forms.Should().AllSatisfy(form => Encoding.UTF8.GetString(form.Form).Should().Be($"{{\"n\":{int.Parse(form.ReferralId[2..], System.Globalization.CultureInfo.InvariantCulture)}}}"));
    }

    [Fact]
    public async Task Reading_stored_forms_changes_nothing_and_an_empty_store_has_none()
    {
        var store = await OpenAsync();
        (await FormsAsync(store)).Should().BeEmpty();
        await WithReferralsAsync(store, ("R-1", Triage.Decisions.Urgency.Urgent, 0));
        var before = await store.FindAsync("R-1");

        (await FormsAsync(store)).Should().ContainSingle();

        (await store.FindAsync("R-1")).Should().BeEquivalentTo(before);
        (await store.ReadAuditAsync("R-1")).Should().HaveCount(1);
    }
}
