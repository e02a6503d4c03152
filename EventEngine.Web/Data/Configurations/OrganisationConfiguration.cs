using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> o)
    {
        o.ToTable("organisations");
        o.Property(x => x.Id).ValueGeneratedNever();
        o.Property(x => x.Name).HasMaxLength(Organisation.NameMaxLength);
        o.Property(x => x.Slug).HasMaxLength(Organisation.SlugMaxLength);
        o.HasIndex(x => x.Slug).IsUnique();
        o.Property(x => x.Description).HasMaxLength(Organisation.DescriptionMaxLength);
        o.Property(x => x.Website).HasMaxLength(Organisation.WebsiteMaxLength);
        o.Property(x => x.ContactEmail).HasMaxLength(254);
        o.Property(x => x.Trusted).HasDefaultValue(false);
        o.HasOne<StoredImage>().WithMany().HasForeignKey(x => x.LogoImageId).OnDelete(DeleteBehavior.SetNull);
        o.HasOne(x => x.HomeCity).WithMany().HasForeignKey(x => x.HomeCityId).OnDelete(DeleteBehavior.SetNull);
        o.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

public class OrganisationMemberConfiguration : IEntityTypeConfiguration<OrganisationMember>
{
    public void Configure(EntityTypeBuilder<OrganisationMember> m)
    {
        m.ToTable("organisation_members", t => t.HasCheckConstraint("ck_organisation_members_role", "role IN ('Owner', 'Editor', 'Viewer')"));
        m.HasKey(x => new { x.OrganisationId, x.UserId });
        m.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        m.HasOne(x => x.Organisation).WithMany(o => o.Members).HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CityConfiguration : IEntityTypeConfiguration<City>
{
    public void Configure(EntityTypeBuilder<City> c)
    {
        c.ToTable("cities");
        c.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        c.Property(x => x.Name).HasMaxLength(100);
        c.Property(x => x.Slug).HasMaxLength(100);
        c.HasIndex(x => x.Slug).IsUnique();
        c.Property(x => x.Country).HasMaxLength(2).IsFixedLength();
        c.Property(x => x.TimeZoneId).HasMaxLength(64);
    }
}

public class StoredImageConfiguration : IEntityTypeConfiguration<StoredImage>
{
    public void Configure(EntityTypeBuilder<StoredImage> i)
    {
        i.ToTable("images");
        i.Property(x => x.Id).ValueGeneratedNever();
        i.Property(x => x.ContentType).HasMaxLength(32);
    }
}

public class SearchWordConfiguration : IEntityTypeConfiguration<SearchWord>
{
    public void Configure(EntityTypeBuilder<SearchWord> w)
    {
        w.ToTable("search_words");
        w.HasKey(x => x.Word);
        w.HasIndex(x => x.Word).HasDatabaseName("ix_search_words_word_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
