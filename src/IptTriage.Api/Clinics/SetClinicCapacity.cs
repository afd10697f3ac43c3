using System.Globalization;
using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Clinics;

/// <param name="Capacity">The number of cases the clinic can hold at once from now on.</param>
/// <param name="Reason">Why, kept in the clinic's audit trail only.</param>
public sealed record ClinicCapacityBody(int? Capacity, string? Reason = null);

/// <summary>What the edit changed.</summary>
/// <param name="SlotsFreed">Slots the edit made free for new cases.</param>
/// <param name="OverCapacity">More slots are in use than <paramref name="Capacity"/>: allowed, and no case is offered to
/// the clinic until fewer are; <paramref name="Note"/> says so.</param>
public sealed record CapacityChangeView(
    string ClinicId, int Capacity, int PreviousCapacity, int InUse, int Free, bool Changed, int SlotsFreed, bool OverCapacity, string? Note)
{
    public static CapacityChangeView Of(string clinicId, CapacityChange change) => new(
        clinicId, change.To, change.From, change.InUse, Math.Max(0, change.To - change.InUse), change.Changed, change.SlotsFreed, change.OverCapacity,
        change.OverCapacity ? OverCapacityNote(change) : null);

    private static string OverCapacityNote(CapacityChange change)
    {
        var (inUse, capacity) = (change.InUse.ToString(CultureInfo.InvariantCulture), change.To.ToString(CultureInfo.InvariantCulture));
        var toRelease = (change.InUse - change.To + 1).ToString(CultureInfo.InvariantCulture);
        return change.To == 0
            ? $"{inUse} slot(s) are in use and the capacity is now 0: no new case is offered to this clinic until it is raised; the cases it holds keep their slots."
            : $"{inUse} slot(s) are in use, more than the capacity of {capacity}: no new case is offered to this clinic until {toRelease} of them are released; the cases it holds keep their slots.";
    }
}

/// <summary><c>PUT /api/clinics/{clinicId}/capacity</c>: a coordinator sets a clinic's effective capacity, audited in
/// the clinic's trail. Automatic placement reserves within it from the next offer on, and slots it frees are offered to
/// matching unplaced cases at once.</summary>
public static class SetClinicCapacity
{
    public const int MaxCapacity = 10_000;

    public static async Task<Results<Ok<CapacityChangeView>, ProblemHttpResult>> HandleAsync(
        string clinicId, ClinicCapacityBody body, ClaimsPrincipal user, ClinicDirectory directory, IRecordStore records, FreedSlotOffers reoffer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var checks = new FieldChecks();
        if (body.Capacity is not { } capacity) checks.Add("capacity", "is required");
        else if (capacity is < 0 or > MaxCapacity) checks.Add("capacity", $"must be a whole number from 0 to {MaxCapacity}");
        var reason = checks.Text("reason", body.Reason, required: false);
        if (checks.Failed) return ApiProblems.Invalid(checks.Errors);
        if (directory.Find(clinicId) is not { } clinic) return ApiProblems.ClinicNotFound();

        // Not cancelled with the request: an edit that reached the store is answered, so the coordinator knows it stands.
        var change = await records.SetCapacityAsync(
            new CapacityEdit(clinicId, clinic.Capacity, body.Capacity!.Value, ApiCaller.From(user).Actor, reason.Length == 0 ? null : reason, time.GetUtcNow()),
            CancellationToken.None);
        // Slots the edit freed go to the unplaced cases that match the clinic, most urgent and oldest first.
        if (change.SlotsFreed > 0) await reoffer.OfferAsync(clinicId, CancellationToken.None);
        return TypedResults.Ok(CapacityChangeView.Of(clinicId, change));
    }
}
