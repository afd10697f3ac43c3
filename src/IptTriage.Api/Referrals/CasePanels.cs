using IptTriage.Triage.Intake;

namespace IptTriage.Api.Referrals;

/// <summary>How the client is to be contacted: by email when they consented to it and gave an address, otherwise by
/// phone (the workflow then asks a coordinator to phone them), or neither when they gave no number.</summary>
public enum ContactPreference { Email, Phone, None }

/// <summary>The coordinator's client panel, read from the stored form. Personal data: every read is audited
/// (<see cref="Workflow.Records.AuditStep.ClientPanelRead"/>), and none of it is ever logged.</summary>
/// <param name="Age">Whole years on the day it is read.</param>
public sealed record ClientPanel(
    string GivenName, string FamilyName, DateOnly DateOfBirth, int Age, Sex Sex, string? Region, string PreferredLanguage,
    ContactPreference ContactPreference, string? Phone, string? Email, Consent Consent)
{
    public static ClientPanel Of(Client client, DateOnly today) => new(
        client.GivenName, client.FamilyName, client.DateOfBirth, AgeOn(client.DateOfBirth, today), client.Sex, client.Region,
        client.PreferredLanguage, PreferenceOf(client), client.Phone, client.Email, client.Consent);

    public static int AgeOn(DateOnly born, DateOnly today) =>
        today.Year - born.Year - (today.Month < born.Month || (today.Month == born.Month && today.Day < born.Day) ? 1 : 0);

    private static ContactPreference PreferenceOf(Client client) =>
        client is { Consent.ContactByEmail: true, Email: not null } ? ContactPreference.Email
        : client.Phone is not null ? ContactPreference.Phone
        : ContactPreference.None;
}

/// <summary>Who referred the client, as the form says.</summary>
public sealed record ReferrerPanel(ReferrerKind Kind, string? Name, string? Organisation, string? Email)
{
    public static ReferrerPanel Of(Referrer referrer) => new(referrer.Kind, referrer.Name, referrer.Organisation, referrer.Email);
}

/// <summary>What the client presents with: the referrer's summary (free text, never logged) and the problem areas.</summary>
public sealed record PresentationPanel(string? Summary, IReadOnlyList<ProblemArea> ProblemAreas)
{
    public static PresentationPanel Of(Presentation presentation) => new(presentation.Summary, presentation.ProblemAreas);
}

/// <summary>What a clinic that accepted the case sees to book the client, and only when the client consented to
/// sharing with the clinic: name, contact and language.</summary>
public sealed record ClinicClientPanel(string GivenName, string FamilyName, string PreferredLanguage, string? Phone, string? Email)
{
    public static ClinicClientPanel Of(Client client) => new(client.GivenName, client.FamilyName, client.PreferredLanguage, client.Phone, client.Email);
}
