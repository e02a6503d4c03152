namespace EventEngine.Web.Domain;

/// <summary>A party of guests of one event that answers through one RSVP link.</summary>
public class Household
{
    public const int NameMaxLength = 200;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public List<Guest> Members { get; set; } = [];
}
