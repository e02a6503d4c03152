namespace EventEngine.Web.Domain;

public enum GuestStatus
{
    Invited,
    Confirmed,
    Declined,
}
