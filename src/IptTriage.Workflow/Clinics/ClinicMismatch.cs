namespace IptTriage.Workflow.Clinics;

/// <summary>Why a clinic does not match a case (<see cref="ClinicMatcher.Mismatches(Clinic, PlacementNeed)"/>), stored and
/// shown as its wire code. Append members; never rename one (the code is in audit rows).</summary>
public enum ClinicMismatch
{
    /// <summary>It does not offer the case's IPT pathway.</summary>
    Pathway,

    /// <summary>The case is for an alternative service, and the clinic does not offer that modality.</summary>
    Modality,

    /// <summary>It lacks an adaptation the case needs.</summary>
    Adaptation,

    /// <summary>It does not serve the client's region and offers no telehealth.</summary>
    Region,

    /// <summary>It does not speak the client's language.</summary>
    Language,

    /// <summary>The client's age is outside the clinic's age range.</summary>
    Age,

    /// <summary>It has no free slot within its effective capacity.</summary>
    Capacity,
}
