namespace EventEngine.Web.Domain;

/// <summary>A business, venue, club or newsroom that publishes public events. Its members reach its events by their organisation role.</summary>
public class Organisation
{
    public const int NameMaxLength = 200;
    public const int SlugMaxLength = 80;
    public const int DescriptionMaxLength = 5000;
    public const int WebsiteMaxLength = 300;

    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Its public address: /orgs/{slug}.</summary>
    public string Slug { get; set; } = "";
    public string? Description { get; set; }
    public Guid? LogoImageId { get; set; }
    public string? Website { get; set; }
    public string? ContactEmail { get; set; }
    public Guid? HomeCityId { get; set; }
    /// <summary>Set by staff: its events publish without review.</summary>
    public bool Trusted { get; set; }
    public DateTime CreatedAt { get; set; }
    public Guid? CreatedById { get; set; }

    public City? HomeCity { get; set; }
    public List<OrganisationMember> Members { get; set; } = [];
}

public class OrganisationMember
{
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public OrganisationRole Role { get; set; }
    /// <summary>After this moment the membership grants nothing (the seed's "permission expiration").</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime JoinedAt { get; set; }

    public Organisation Organisation { get; set; } = null!;
    public AppUser User { get; set; } = null!;
}

public enum OrganisationRole
{
    Owner,
    Editor,
    Viewer,
}

public static class OrganisationRoles
{
    /// <summary>What an organisation role gives on each of the organisation's events.</summary>
    public static EventRole OnEvents(this OrganisationRole role) => role switch
    {
        OrganisationRole.Owner => EventRole.Admin,
        OrganisationRole.Editor => EventRole.Editor,
        _ => EventRole.Viewer,
    };

    public static string Describe(this OrganisationRole role) => role switch
    {
        OrganisationRole.Owner => "Everything: the organisation, its members and all its events",
        OrganisationRole.Editor => "Creates and edits the organisation's events",
        _ => "Sees the organisation's events",
    };

    /// <summary>"an Owner", "an Editor", "a Viewer".</summary>
    public static string Article(this OrganisationRole role) => (role == OrganisationRole.Viewer ? "a " : "an ") + role;
}

/// <summary>A city the catalog lists events in; its time zone decides what "today" and "this weekend" mean there.</summary>
public class City
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Slug { get; set; } = "";
    public string Country { get; set; } = "";
    public string TimeZoneId { get; set; } = "";
}

/// <summary>A logo or an event's picture, kept in the database so every instance serves it.</summary>
public class StoredImage
{
    public Guid Id { get; set; }
    public string ContentType { get; set; } = "";
    public byte[] Bytes { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

/// <summary>A word some public event uses: what a misspelt search word is matched against. Filled by the database.</summary>
public class SearchWord
{
    public string Word { get; set; } = "";
}
