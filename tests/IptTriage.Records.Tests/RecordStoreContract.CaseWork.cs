using System.Text;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>Case work (issue 12): searching the referral list by id, client name and date of birth; assignment; case
/// notes. The same on every store.</summary>
public abstract partial class RecordStoreContract
{
    protected static byte[] FormOf(string givenName, string familyName, string dateOfBirth) => Encoding.UTF8.GetBytes(
        $$$"""{"referralId":"x","client":{"givenName":"{{{givenName}}}","familyName":"{{{familyName}}}","dateOfBirth":"{{{dateOfBirth}}}"}}""");

    /// <summary>A database at the schema before case work (v6) holding one referral with <paramref name="form"/>,
    /// written as that release wrote it; the next <see cref="OpenAsync"/> migrates it.</summary>
    protected abstract Task CreateBeforeCaseWorkAsync(string referralId, byte[] form);

    private async Task<IRecordStore> SearchableAsync()
    {
        var store = await OpenAsync();
        foreach (var (id, form, minutes) in new[]
        {
            ("S-100", FormOf("Zoë", "Núñez-García", "1990-05-01"), 0),
            ("S-101", FormOf("Mary Ann", "O'Brien", "1985-12-24"), 10),
            ("S-200", FormOf("Zoe", "Smith", "1990-05-01"), 20),
            ("T-1", "{not json"u8.ToArray(), 30),
        })
            await store.AddAsync(new NewReferral(id, T0.AddMinutes(minutes), form));
        return store;
    }

    private static Task<IEnumerable<string>> FoundAsync(IRecordStore store, string text, ReferralQuery? filters = null) =>
        IdsAsync(store, (filters ?? new ReferralQuery(ReferralSort.Received, 100)) with { Search = ReferralSearch.Of(text) });

    [Theory]
    [InlineData("zoe", new[] { "S-100", "S-200" })]
    [InlineData("ZOË", new[] { "S-100", "S-200" })]
    [InlineData("nun", new[] { "S-100" })]
    [InlineData("garcia", new[] { "S-100" })]
    [InlineData("ann", new[] { "S-101" })]
    [InlineData("obri", new[] { "S-101" })]
    [InlineData("o'brien", new[] { "S-101" })]
    [InlineData("zoe smi", new[] { "S-200" })]
    [InlineData("smith zoe", new[] { "S-200" })]
    [InlineData("1990-05-01", new[] { "S-100", "S-200" })]
    [InlineData("1990-05-02", new string[0])]
    [InlineData("S-10", new[] { "S-100", "S-101" })]
    [InlineData("S-200", new[] { "S-200" })]
    [InlineData("s-200", new string[0])]
    [InlineData("T-1", new[] { "T-1" })]
    [InlineData("zo", new[] { "S-100", "S-200" })]
    [InlineData("mith", new string[0])]
    public async Task A_search_finds_referrals_by_id_prefix_name_word_prefix_or_date_of_birth(string text, string[] expected)
    {
        var store = await SearchableAsync();

        (await FoundAsync(store, text)).Should().Equal(expected);
    }

    [Fact]
    public async Task A_search_combines_with_the_filters_and_pages_in_order()
    {
        var store = await SearchableAsync();
        await store.SetStatusAsync("S-200", ReferralStatus.Invalid, Step("S-200", T0.AddHours(1)));

        (await FoundAsync(store, "zoe", new ReferralQuery(ReferralSort.Received, 100, Status: ReferralStatus.Invalid))).Should().Equal("S-200");
        var first = await store.QueryAsync(new ReferralQuery(ReferralSort.Received, 1) { Search = ReferralSearch.Of("zoe") });
        first.Select(referral => referral.ReferralId).Should().Equal("S-100");
        (await IdsAsync(store, new ReferralQuery(ReferralSort.Received, 1, ReferralQuery.KeyOf(first[0], ReferralSort.Received)) { Search = ReferralSearch.Of("zoe") }))
            .Should().Equal("S-200");
    }

    [Fact]
    public async Task A_resubmitted_form_replaces_the_search_terms_of_the_invalid_one()
    {
        var store = await OpenAsync();
        await store.AddAsync(new NewReferral("R-1", T0, FormOf("Anna", "Typo", "2000-01-01")));
        await store.SetStatusAsync("R-1", ReferralStatus.Invalid, Step("R-1", T0));

        (await store.ResubmitInvalidAsync(new NewReferral("R-1", T0.AddHours(1), FormOf("Anna", "Tyler", "2000-01-02")))).Should().BeTrue();

        (await FoundAsync(store, "typo")).Should().BeEmpty();
        (await FoundAsync(store, "2000-01-01")).Should().BeEmpty();
        (await FoundAsync(store, "tyler")).Should().Equal("R-1");
        (await FoundAsync(store, "anna")).Should().Equal("R-1");
        (await FoundAsync(store, "2000-01-02")).Should().Equal("R-1");
        (await store.AddAsync(new NewReferral("R-1", T0.AddHours(2), FormOf("Other", "Person", "1970-01-01")))).Should().Be(IntakeResult.AlreadyExists);
        (await FoundAsync(store, "other")).Should().BeEmpty("a form that was not taken in adds no terms");
    }

    [Fact]
    public async Task Referrals_stored_before_case_work_are_searchable_after_the_migration()
    {
        await CreateBeforeCaseWorkAsync("OLD-1", FormOf("Øyvind", "Łukasz", "1970-03-04"));

        var store = await OpenAsync();

        (await FoundAsync(store, "oyvind")).Should().Equal("OLD-1");
        (await FoundAsync(store, "lukasz")).Should().Equal("OLD-1");
        (await FoundAsync(store, "1970-03-04")).Should().Equal("OLD-1");
        (await store.FindAsync("OLD-1"))!.Assignee.Should().BeNull();
    }

    [Fact]
    public async Task Assigning_a_case_is_stored_with_its_audit_entry_and_the_list_filters_on_it()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("R-1", Urgency.Routine, 0), ("R-2", Urgency.Urgent, 1), ("R-3", Urgency.Routine, 2));

        await store.AssignAsync("R-1", "alice", Assignment("R-1", "alice"));
        await store.AssignAsync("R-3", "alice", Assignment("R-3", "alice"));
        await store.AssignAsync("R-2", "bob", Assignment("R-2", "bob"));
        await store.AssignAsync("R-3", null, Assignment("R-3", null));

        (await store.FindAsync("R-1"))!.Assignee.Should().Be("alice");
        (await store.FindAsync("R-3"))!.Assignee.Should().BeNull();
        (await IdsAsync(store, new ReferralQuery(ReferralSort.Received, 100) { AssignedTo = "alice" })).Should().Equal("R-1");
        (await IdsAsync(store, new ReferralQuery(ReferralSort.Urgency, 100) { AssignedTo = "bob" })).Should().Equal("R-2");
        (await store.ReadAuditAsync("R-3")).Where(entry => entry.Step is AuditStep.Assigned or AuditStep.Unassigned)
            .Select(entry => (entry.Step, entry.Assignee, entry.Actor)).Should().Equal((AuditStep.Assigned, "alice", "user:carol"), (AuditStep.Unassigned, null, "user:carol"));
        var unknown = () => store.AssignAsync("R-404", "alice", Assignment("R-404", "alice"));
        await unknown.Should().ThrowAsync<KeyNotFoundException>();
        (await store.ReadAuditAsync("R-404")).Should().BeEmpty();
    }

    [Fact]
    public async Task Case_notes_are_kept_in_order_with_author_and_time_and_their_text_is_not_in_the_audit_trail()
    {
        var store = await WithReferralsAsync(await OpenAsync(), ("R-1", Urgency.Routine, 0));

        var first = await store.AddNoteAsync(Noted("R-1", T0.AddHours(1), "user:carol"), "Phoned the client; no answer. Zoë prefers afternoons.");
        var second = await store.AddNoteAsync(Noted("R-1", T0.AddHours(2), "key:supervisor"), "Second note");

        (await store.ListNotesAsync("R-1")).Should().Equal(
            new CaseNote(first.Id, "R-1", T0.AddHours(1), "user:carol", "Phoned the client; no answer. Zoë prefers afternoons."),
            new CaseNote(second.Id, "R-1", T0.AddHours(2), "key:supervisor", "Second note"));
        second.Id.Should().BeGreaterThan(first.Id);
        var audit = (await store.ReadAuditAsync("R-1")).Where(entry => entry.Step == AuditStep.CaseNoteAdded).ToList();
        audit.Select(entry => entry.Actor).Should().Equal("user:carol", "key:supervisor");
        audit.Should().AllSatisfy(entry => entry.Detail.Should().BeNull());
        (await store.ListNotesAsync("R-2")).Should().BeEmpty();
        var unknown = () => store.AddNoteAsync(Noted("R-404", T0, "user:carol"), "lost?");
        await unknown.Should().ThrowAsync<KeyNotFoundException>();
        (await store.ReadAuditAsync("R-404")).Should().BeEmpty();
        (await store.ListNotesAsync("R-404")).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ReferralSort.Due)]
    [InlineData(ReferralSort.Urgency)]
    [InlineData(ReferralSort.Received)]
    public async Task A_status_worklist_pages_in_the_same_order_as_the_whole_list_filtered(ReferralSort sort)
    {
        var store = await WithReferralsAsync(await OpenAsync(),
            ("W-1", Urgency.Routine, 0), ("W-2", Urgency.Urgent, 1), ("W-3", Urgency.Emergency, 2), ("W-4", Urgency.Urgent, 3), ("W-5", Urgency.Routine, 4));
        await store.SetStatusAsync("W-2", ReferralStatus.AwaitingClinic, Step("W-2", T0.AddHours(1)), T0.AddHours(5), "clinic-x");
        await store.SetStatusAsync("W-4", ReferralStatus.AwaitingClinic, Step("W-4", T0.AddHours(1)), T0.AddHours(3), "clinic-x");
        await store.SetStatusAsync("W-5", ReferralStatus.AwaitingClinic, Step("W-5", T0.AddHours(1)), clinicId: "clinic-y");
        var expected = (await IdsAsync(store, new ReferralQuery(sort, 100))).Where(id => id is "W-2" or "W-4" or "W-5").ToList();

        var paged = new List<string>();
        ReferralPosition? after = null;
        while (await store.QueryAsync(new ReferralQuery(sort, 1, after, ReferralStatus.AwaitingClinic)) is [var row])
        {
            paged.Add(row.ReferralId);
            after = ReferralQuery.KeyOf(row, sort);
        }

        paged.Should().Equal(expected).And.HaveCount(3);
    }

    private static AuditEntry Assignment(string referralId, string? assignee) =>
        new(referralId, T0.AddHours(1), assignee is null ? AuditStep.Unassigned : AuditStep.Assigned, "user:carol", []) { Assignee = assignee };

    private static AuditEntry Noted(string referralId, DateTimeOffset at, string actor) => new(referralId, at, AuditStep.CaseNoteAdded, actor, []);
}
