namespace IptTriage.Triage.Scoring;

public static class Age
{
    /// <summary>Whole years completed on <paramref name="on"/>: the calendar date of <c>receivedAt</c> as written in its
    /// own offset (<see cref="Intake.IntakeForm.ReceivedOn"/>). Comparing (month, day) pairs, rather than adding years to
    /// the birth date, makes someone born on 29 February a year older on 1 March in non-leap years.</summary>
    public static int YearsOn(DateOnly dateOfBirth, DateOnly on)
    {
        var years = on.Year - dateOfBirth.Year;
        return (on.Month, on.Day).CompareTo((dateOfBirth.Month, dateOfBirth.Day)) < 0 ? years - 1 : years;
    }
}
