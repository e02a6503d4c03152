using EventEngine.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Data;

/// <summary>The database. Page models use it directly; there is no repository layer.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The Data Protection key ring every instance shares (cookies, antiforgery, Identity's tokens).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Event> Events => Set<Event>();
    public DbSet<EventMember> EventMembers => Set<EventMember>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Guest> Guests => Set<Guest>();
    public DbSet<GuestImport> GuestImports => Set<GuestImport>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<WhatsAppStatus> WhatsAppStatuses => Set<WhatsAppStatus>();
    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<RsvpLink> RsvpLinks => Set<RsvpLink>();
    public DbSet<EventInvitation> EventInvitations => Set<EventInvitation>();
    public DbSet<EventActivity> EventActivities => Set<EventActivity>();
    public DbSet<LoginSession> LoginSessions => Set<LoginSession>();
    public DbSet<StaffAction> StaffActions => Set<StaffAction>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<OrganisationMember> OrganisationMembers => Set<OrganisationMember>();
    public DbSet<City> Cities => Set<City>();
    public DbSet<StoredImage> Images => Set<StoredImage>();
    public DbSet<SearchWord> SearchWords => Set<SearchWord>();
    public DbSet<OrganisationInvitation> OrganisationInvitations => Set<OrganisationInvitation>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Occurrence> Occurrences => Set<Occurrence>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<RegistrationQuestion> RegistrationQuestions => Set<RegistrationQuestion>();
    public DbSet<RegistrationAnswer> RegistrationAnswers => Set<RegistrationAnswer>();

    /// <summary>The database's accent folding (ee_unaccent), so search terms fold exactly as the stored search text does.</summary>
    public static string Unaccent(string text) => throw new NotSupportedException("Only for use in queries.");

    /// <summary>The published public events whose words match a tsquery, with their rank (ee_catalog_search).</summary>
    public IQueryable<CatalogMatch> CatalogSearch(string query) => FromExpression(() => CatalogSearch(query));

    /// <summary>How many events the account belongs to, for site staff (0 for anyone else): row-level security hides which.</summary>
    public static int StaffEventCount(Guid userId) => throw new NotSupportedException("Only for use in queries.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("citext");
        builder.HasPostgresExtension("pg_trgm");
        builder.HasPostgresExtension("unaccent");
        builder.HasPostgresExtension("btree_gin");
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(Unaccent))!).HasName("ee_unaccent");
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(StaffEventCount))!).HasName("ee_staff_event_count");
        builder.Entity<CatalogMatch>().HasNoKey().ToTable((string?)null);
        builder.HasDbFunction(typeof(AppDbContext).GetMethod(nameof(CatalogSearch), [typeof(string)])!).HasName("ee_catalog_search");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        SnakeCaseNames.Apply(builder);
    }
}
