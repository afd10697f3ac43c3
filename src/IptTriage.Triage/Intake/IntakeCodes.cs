namespace IptTriage.Triage.Intake;

public enum ReferrerKind { Gp, Self, Hospital, School, Community, Other }

public enum Sex { Female, Male, Other, Undisclosed }

public enum ProblemArea { Grief, RoleDispute, RoleTransition, InterpersonalDeficits }

public enum TreatmentPreference { NoPreference, Therapy, Combined }

public enum EatingDisorder { None, Bulimia, BingeEating, Anorexia }

public enum MdqImpairment { None, Minor, Moderate, Serious }

public enum PersonalityDisorder { None, Borderline, Narcissistic, Avoidant, Antisocial, Other }
