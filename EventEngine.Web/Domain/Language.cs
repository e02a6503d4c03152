namespace EventEngine.Web.Domain;

/// <summary>A language guests read their RSVP page and messages in. Host pages stay English.</summary>
public enum Language
{
    English,
    Hebrew,
    Spanish,
}
