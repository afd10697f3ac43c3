namespace IptTriage.Composition;

/// <summary>The storage queue referral forms arrive on: the local listener reads it, the Functions queue trigger is
/// bound to it, and infra/main.bicep creates it.</summary>
public static class IntakeQueue
{
    public const string DefaultName = "referral-intake";
}
