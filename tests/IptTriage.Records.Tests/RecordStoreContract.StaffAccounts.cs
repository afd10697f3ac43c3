using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>Staff accounts: stored once, disabled and reset with a new stamp, failures counted to a lockout, every
/// change beside its event.</summary>
public abstract partial class RecordStoreContract
{
    private static StaffAccount Account(string username = "alice", string role = "coordinator") =>
        new(username, "Alice Example", role, "AQAAAAIAAYagAAAAEhash", Disabled: false, FailedSignIns: 0, LockedUntil: null, SecurityStamp: "stamp-1", CreatedAt: T0);

    [Fact]
    public async Task An_account_is_stored_once_and_listed_by_username()
    {
        var store = await OpenAsync();

        (await store.AddAccountAsync(Account("carol", "clinic:northside"), "cli:admin")).Should().BeTrue();
        (await store.AddAccountAsync(Account("alice"), "cli:admin")).Should().BeTrue();
        (await store.AddAccountAsync(Account("alice", "crisis") with { DisplayName = "Someone else" }, "cli:admin")).Should().BeFalse("the username is taken");

        (await store.FindAccountAsync("alice")).Should().Be(Account("alice"));
        (await store.FindAccountAsync("bob")).Should().BeNull();
        (await store.ListAccountsAsync()).Select(account => account.Username).Should().Equal("alice", "carol");
        (await store.ReadAccountEventsAsync("alice")).Should().Equal(new StaffAccountEvent("alice", T0, StaffAccountEventKind.Created, "cli:admin"));
    }

    [Fact]
    public async Task Disabling_changes_the_stamp_and_is_recorded()
    {
        var store = await OpenAsync();
        await store.AddAccountAsync(Account(), "cli:admin");

        (await store.DisableAccountAsync("alice", "stamp-2", T0.AddHours(1), "cli:admin")).Should().BeTrue();
        (await store.DisableAccountAsync("nobody", "stamp-2", T0.AddHours(1), "cli:admin")).Should().BeFalse();

        var account = await store.FindAccountAsync("alice");
        account!.Disabled.Should().BeTrue();
        account.SecurityStamp.Should().Be("stamp-2");
        (await store.ReadAccountEventsAsync("alice")).Select(entry => (entry.Kind, entry.At)).Should().Equal(
            (StaffAccountEventKind.Created, T0), (StaffAccountEventKind.Disabled, T0.AddHours(1)));
        (await store.ReadAccountEventsAsync("nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task The_threshold_failure_in_a_row_locks_the_account_once_and_a_reset_unlocks_it()
    {
        var store = await OpenAsync();
        await store.AddAccountAsync(Account(), "cli:admin");
        var lockout = TimeSpan.FromMinutes(15);

        for (var i = 1; i <= 2; i++) (await store.RecordFailedSignInAsync("alice", T0.AddMinutes(i), 3, lockout))!.FailedSignIns.Should().Be(i);
        await store.RecordSignInAsync("alice");
        (await store.FindAccountAsync("alice"))!.FailedSignIns.Should().Be(0, "a right password ends the run of failures");
        var failures = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => store.RecordFailedSignInAsync("alice", T0.AddMinutes(10), 3, lockout)));

        failures.Select(account => account!.LockedUntil).Should().ContainSingle(until => until != null, "failing together, exactly one reaches the threshold");
        var locked = await store.FindAccountAsync("alice");
        locked!.LockedUntil.Should().Be(T0.AddMinutes(10) + lockout);
        locked.FailedSignIns.Should().Be(0);
        (await store.RecordFailedSignInAsync("nobody", T0, 3, lockout)).Should().BeNull();

        (await store.ResetPasswordAsync("alice", "new-hash", "stamp-2", T0.AddMinutes(11), "cli:admin")).Should().BeTrue();
        var reset = await store.FindAccountAsync("alice");
        reset.Should().Be(Account() with { PasswordHash = "new-hash", SecurityStamp = "stamp-2" });
        (await store.ReadAccountEventsAsync("alice")).Should().Equal(
            new StaffAccountEvent("alice", T0, StaffAccountEventKind.Created, "cli:admin"),
            new StaffAccountEvent("alice", T0.AddMinutes(10), StaffAccountEventKind.LockedOut, Actors.System),
            new StaffAccountEvent("alice", T0.AddMinutes(11), StaffAccountEventKind.PasswordReset, "cli:admin"));
    }
}
