using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class RsvpLinkConfiguration : IEntityTypeConfiguration<RsvpLink>
{
    public void Configure(EntityTypeBuilder<RsvpLink> l)
    {
        l.ToTable("rsvp_links", t =>
        {
            t.HasCheckConstraint("ck_rsvp_links_party", "(household_id IS NULL) <> (guest_id IS NULL)");
            t.HasCheckConstraint("ck_rsvp_links_sizes", "octet_length(seed) = 32 AND octet_length(token_hash) = 32");
        });
        l.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        l.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        l.HasIndex(x => x.TokenHash).IsUnique();
        l.HasIndex(x => x.HouseholdId).IsUnique().HasFilter("revoked_at IS NULL");
        l.HasIndex(x => x.GuestId).IsUnique().HasFilter("revoked_at IS NULL");
        l.HasIndex(x => x.EventId);
        l.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        l.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
        l.HasOne<Guest>().WithMany().HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.Cascade);
    }
}
