namespace IptTriage.Email;

/// <summary>A mailbox: the address and, optionally, the display name shown beside it.</summary>
public sealed record EmailAddress(string Address, string? Name = null);
