namespace IptTriage.Triage.Scoring;

/// <summary>Instrument totals and results; an instrument absent from the form has a null score.</summary>
public sealed record Scores(
    Phq9Score Phq9,
    Gad7Score? Gad7,
    CssrsScore? Cssrs,
    PqbScore? Pqb,
    MdqScore? Mdq,
    MsiBpdScore? MsiBpd,
    PcPtsd5Score? PcPtsd5,
    AuditCScore? AuditC);

public enum Severity { Minimal, Mild, Moderate, ModeratelySevere, Severe }

public enum CssrsRisk { None, Low, Moderate, High }

public sealed record Phq9Score(int Total, Severity Severity, int Item9);

public sealed record Gad7Score(int Total, Severity Severity);

public sealed record CssrsScore(CssrsRisk Risk);

public sealed record PqbScore(int Endorsed, int Distress, bool Positive);

public sealed record MdqScore(bool Positive);

public sealed record MsiBpdScore(int Total, bool Positive);

public sealed record PcPtsd5Score(int Total, bool Positive);

public sealed record AuditCScore(int Total, bool Positive);
