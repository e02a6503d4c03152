using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> h)
    {
        h.ToTable("households");
        h.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        h.Property(x => x.Name).HasMaxLength(Household.NameMaxLength);
        h.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        h.HasIndex(x => x.EventId);
        h.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class GuestConfiguration : IEntityTypeConfiguration<Guest>
{
    public void Configure(EntityTypeBuilder<Guest> g)
    {
        g.ToTable("guests", t =>
        {
            t.HasCheckConstraint("ck_guests_reachable", "phone IS NOT NULL OR email IS NOT NULL OR household_id IS NOT NULL");
            t.HasCheckConstraint("ck_guests_status", "status IN ('Invited', 'Confirmed', 'Declined')");
            t.HasCheckConstraint("ck_guests_registration", "registration IS NULL OR registration IN ('Registered', 'Unconfirmed', 'Offered', 'Waitlisted', 'Cancelled')");
            t.HasCheckConstraint("ck_guests_language", "language IS NULL OR language IN ('English', 'Hebrew', 'Spanish')");
            t.HasCheckConstraint("ck_guests_plus_ones", "plus_ones_allowed >= 0 AND plus_ones_coming BETWEEN 0 AND plus_ones_allowed AND cardinality(plus_one_names) <= plus_ones_coming");
        });
        g.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        g.Property(x => x.FirstName).HasMaxLength(Guest.NameMaxLength);
        g.Property(x => x.LastName).HasMaxLength(Guest.NameMaxLength);
        g.Property(x => x.Phone).HasMaxLength(Guest.PhoneMaxLength);
        g.Property(x => x.Email).HasColumnType("citext");
        g.Property(x => x.Side).HasMaxLength(Guest.SideMaxLength);
        g.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        // Written by the database's registration triggers (migration 0026), never by the app.
        g.Property(x => x.Registration).HasConversion<string>().HasMaxLength(16);
        g.Property(x => x.Registration).Metadata.SetBeforeSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        g.Property(x => x.Registration).Metadata.SetAfterSaveBehavior(Microsoft.EntityFrameworkCore.Metadata.PropertySaveBehavior.Ignore);
        g.Property(x => x.DietaryNeeds).HasMaxLength(Guest.TextMaxLength);
        g.Property(x => x.TableName).HasMaxLength(Guest.SideMaxLength);
        g.Property(x => x.Notes).HasMaxLength(Guest.NotesMaxLength);
        g.Property(x => x.PlusOneNames).HasDefaultValueSql("'{}'");
        g.Property(x => x.Tags).HasDefaultValueSql("'{}'");
        g.Property(x => x.PlusOneDietaryNeeds).HasDefaultValueSql("'{}'");
        g.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
        g.Property(x => x.RsvpMessage).HasMaxLength(Guest.RsvpMessageMaxLength);
        g.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        g.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        g.Property(x => x.PlusOnesComing).HasDefaultValue(0);
        g.Property(x => x.SearchText).HasComputedColumnSql(
            "lower(ee_unaccent(first_name || ' ' || coalesce(last_name, '') || ' ' || coalesce(email::text, '') || ' ' || coalesce(phone, '')))",
            stored: true);
        g.Property(x => x.SortName).HasComputedColumnSql("lower(ee_unaccent(coalesce(last_name, first_name) || ' ' || first_name))", stored: true);
        g.Ignore(x => x.DisplayName);
        g.Ignore(x => x.Headcount);

        g.HasIndex(x => new { x.EventId, x.Status });
        g.HasIndex(x => new { x.EventId, x.SearchText }).HasMethod("gin").HasOperators("", "gin_trgm_ops");
        g.HasIndex(x => new { x.EventId, x.SortName, x.Id });
        g.HasIndex(x => new { x.EventId, x.Phone }).IsUnique().HasFilter("phone IS NOT NULL");
        g.HasIndex(x => new { x.EventId, x.Email }).IsUnique().HasFilter("email IS NOT NULL");
        g.HasIndex(x => x.HouseholdId);

        g.HasOne<Event>().WithMany(x => x.Guests).HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        g.HasOne(x => x.Household).WithMany(x => x.Members).HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        g.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AddedById).OnDelete(DeleteBehavior.SetNull);
    }
}
