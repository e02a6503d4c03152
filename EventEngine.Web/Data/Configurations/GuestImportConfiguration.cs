using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class GuestImportConfiguration : IEntityTypeConfiguration<GuestImport>
{
    public void Configure(EntityTypeBuilder<GuestImport> i)
    {
        i.ToTable("guest_imports");
        i.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        i.Property(x => x.FileName).HasMaxLength(GuestImport.FileNameMaxLength);
        i.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        foreach (var count in new[] { nameof(GuestImport.Added), nameof(GuestImport.Updated), nameof(GuestImport.Skipped), nameof(GuestImport.Rejected) })
            i.Property<int>(count).HasDefaultValue(0);
        i.HasIndex(x => x.EventId);
        i.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
