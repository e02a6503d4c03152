namespace EventEngine.Web.Domain;

/// <summary>A guest marked as arrived at the door (for a series, at one date).</summary>
public class Attendance
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid GuestId { get; set; }
    public Guid? OccurrenceId { get; set; }
    public DateTime ArrivedAt { get; set; }
    public Guid? MarkedById { get; set; }
}

/// <summary>Where a registered guest stands, from all their registrations for the event (kept by the database, migration 0026).</summary>
public enum GuestRegistration
{
    /// <summary>At least one place confirmed.</summary>
    Registered,
    /// <summary>A visitor's place held until they confirm from the email.</summary>
    Unconfirmed,
    Offered,
    Waitlisted,
    Cancelled,
}

public static class GuestRegistrationLabels
{
    public static string Label(this GuestRegistration registration) => registration switch
    {
        GuestRegistration.Unconfirmed => "Not confirmed yet",
        GuestRegistration.Waitlisted => "Waiting list",
        GuestRegistration.Offered => "Offered a place",
        _ => registration.ToString(),
    };
}
