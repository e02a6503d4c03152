namespace EventEngine.Web.Domain;

/// <summary>
/// The private link a household (or a guest without one) answers through. The database keeps a random seed and the
/// SHA-256 of the token; the token itself is computed from the seed with a key held in configuration, so a copy of
/// the database alone opens no link.
/// </summary>
public class RsvpLink
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid? HouseholdId { get; set; }
    public Guid? GuestId { get; set; }
    public byte[] Seed { get; set; } = [];
    public byte[] TokenHash { get; set; } = [];
    public DateTime CreatedAt { get; set; }

    /// <summary>Set when a host revoked the link; it then says politely that it is no longer valid.</summary>
    public DateTime? RevokedAt { get; set; }
}
