using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class OccurrenceConfiguration : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> o)
    {
        o.ToTable("occurrences", t =>
        {
            t.HasCheckConstraint("ck_occurrences_status", "status IN ('Scheduled', 'Cancelled')");
            t.HasCheckConstraint("ck_occurrences_capacity", "capacity IS NULL OR capacity >= 0");
            t.HasCheckConstraint("ck_occurrences_ends", "ends_at IS NULL OR ends_at > starts_at");
        });
        o.Property(x => x.Id).ValueGeneratedNever();
        o.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        o.HasIndex(x => new { x.EventId, x.Day }).IsUnique();
        o.HasIndex(x => new { x.StartsAt, x.Id }).HasFilter("(status)::text = 'Scheduled'::text");
        o.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> a)
    {
        a.ToTable("attendances");
        a.Property(x => x.Id).ValueGeneratedNever();
        a.HasIndex(x => new { x.GuestId, x.OccurrenceId }).IsUnique().AreNullsDistinct(false);
        a.HasIndex(x => new { x.EventId, x.OccurrenceId });
        a.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<Guest>().WithMany(g => g.Attendances).HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<Occurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<AppUser>().WithMany().HasForeignKey(x => x.MarkedById).OnDelete(DeleteBehavior.SetNull);
    }
}
