using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class EventInvitationConfiguration : IEntityTypeConfiguration<EventInvitation>
{
    public void Configure(EntityTypeBuilder<EventInvitation> i)
    {
        i.ToTable("event_invitations", t =>
        {
            t.HasCheckConstraint("ck_event_invitations_role", "role IN ('Admin', 'Editor', 'Viewer')");
            t.HasCheckConstraint("ck_event_invitations_sizes", "octet_length(seed) = 32 AND octet_length(token_hash) = 32");
            t.HasCheckConstraint("ck_event_invitations_closed_once", "accepted_at IS NULL OR revoked_at IS NULL");
        });
        i.Property(x => x.Email).HasColumnType("citext");
        i.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        i.HasIndex(x => x.TokenHash).IsUnique();
        // One open invitation per address and event: inviting again says so instead of sending a second.
        i.HasIndex(x => new { x.EventId, x.Email }).IsUnique().HasFilter("(accepted_at IS NULL) AND (revoked_at IS NULL)");
        i.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.InvitedById).OnDelete(DeleteBehavior.SetNull);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AcceptedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public class OrganisationInvitationConfiguration : IEntityTypeConfiguration<OrganisationInvitation>
{
    public void Configure(EntityTypeBuilder<OrganisationInvitation> i)
    {
        i.ToTable("organisation_invitations", t =>
        {
            t.HasCheckConstraint("ck_organisation_invitations_role", "role IN ('Owner', 'Editor', 'Viewer')");
            t.HasCheckConstraint("ck_organisation_invitations_sizes", "octet_length(seed) = 32 AND octet_length(token_hash) = 32");
            t.HasCheckConstraint("ck_organisation_invitations_closed_once", "accepted_at IS NULL OR revoked_at IS NULL");
        });
        i.Property(x => x.Email).HasColumnType("citext");
        i.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        i.HasIndex(x => x.TokenHash).IsUnique();
        i.HasIndex(x => new { x.OrganisationId, x.Email }).IsUnique().HasFilter("(accepted_at IS NULL) AND (revoked_at IS NULL)");
        i.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.InvitedById).OnDelete(DeleteBehavior.SetNull);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AcceptedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public class EventActivityConfiguration : IEntityTypeConfiguration<EventActivity>
{
    public void Configure(EntityTypeBuilder<EventActivity> a)
    {
        a.ToTable("event_activities", t =>
        {
            t.HasCheckConstraint("ck_event_activities_kind", $"kind IN ({string.Join(", ", Enum.GetNames<ActivityKind>().Select(k => $"'{k}'"))})");
            t.HasCheckConstraint("ck_event_activities_channel", "channel IS NULL OR channel IN ('Email', 'WhatsApp')");
        });
        a.Property(x => x.Id).UseIdentityByDefaultColumn();
        a.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        a.Property(x => x.ActorName).HasMaxLength(EventActivity.NameMaxLength);
        a.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        a.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        a.Property(x => x.Summary).HasMaxLength(EventActivity.SummaryMaxLength);
        a.Property(x => x.Detail).HasMaxLength(EventActivity.DetailMaxLength);
        a.HasIndex(x => new { x.EventId, x.CreatedAt });
        a.HasIndex(x => new { x.GuestId, x.CreatedAt });
        a.HasIndex(x => x.ActorUserId);
        a.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ActorUserId).OnDelete(DeleteBehavior.SetNull);
        a.HasOne<Guest>().WithMany().HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.SetNull);
    }
}
