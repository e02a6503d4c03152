using System.Text.Json;
using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class GuestImportConfiguration : IEntityTypeConfiguration<GuestImport>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<GuestImport> i)
    {
        i.ToTable("guest_imports");
        i.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        i.Property(x => x.FileName).HasMaxLength(GuestImport.FileNameMaxLength);
        i.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        foreach (var count in new[] { nameof(GuestImport.Added), nameof(GuestImport.Updated), nameof(GuestImport.Skipped), nameof(GuestImport.Rejected), nameof(GuestImport.Flagged) })
            i.Property<int>(count).HasDefaultValue(0);
        i.Property(x => x.Flags).HasColumnType("jsonb").HasDefaultValueSql("'[]'::jsonb")
            .HasConversion(
                v => JsonSerializer.Serialize(v, JsonOptions),
                v => JsonSerializer.Deserialize<List<RowProblem>>(v, JsonOptions) ?? new List<RowProblem>(),
                new ValueComparer<List<RowProblem>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        i.HasIndex(x => x.EventId);
        i.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
