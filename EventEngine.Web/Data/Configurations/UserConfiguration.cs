using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class UserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> user)
    {
        user.ToTable("users");
        user.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
        user.Property(u => u.CreatedAt).HasDefaultValueSql("now()");
        user.Property(u => u.SiteRole).HasConversion<string>().HasMaxLength(16);
    }
}

public class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<Guid>> claim) => claim.ToTable("user_claims");
}

public class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<Guid>> login) => login.ToTable("user_logins");
}

public class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<Guid>> token) => token.ToTable("user_tokens");
}

public class LoginSessionConfiguration : IEntityTypeConfiguration<LoginSession>
{
    public void Configure(EntityTypeBuilder<LoginSession> session)
    {
        session.ToTable("login_sessions");
        session.Property(s => s.Id).ValueGeneratedNever();
        session.Property(s => s.SecurityStamp).HasMaxLength(64);
        session.Property(s => s.IpAddress).HasMaxLength(64);
        session.Property(s => s.UserAgent).HasMaxLength(LoginSession.UserAgentMaxLength);
        session.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        session.HasIndex(s => s.UserId);
        session.Ignore(s => s.Device);
    }
}

public class UserPasskeyConfiguration : IEntityTypeConfiguration<IdentityUserPasskey<Guid>>
{
    public void Configure(EntityTypeBuilder<IdentityUserPasskey<Guid>> passkey)
    {
        passkey.ToTable("user_passkeys");
        passkey.OwnsOne(p => p.Data, data => data.ToJson("data"));
    }
}

public class StaffActionConfiguration : IEntityTypeConfiguration<StaffAction>
{
    public void Configure(EntityTypeBuilder<StaffAction> action)
    {
        action.ToTable("staff_actions");
        action.Property(a => a.ActorName).HasMaxLength(200);
        action.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        action.Property(a => a.TargetEmail).HasMaxLength(256);
        action.Property(a => a.Summary).HasMaxLength(StaffAction.SummaryMaxLength);
        action.HasOne<AppUser>().WithMany().HasForeignKey(a => a.ActorUserId).OnDelete(DeleteBehavior.SetNull);
        action.HasOne<AppUser>().WithMany().HasForeignKey(a => a.TargetUserId).OnDelete(DeleteBehavior.SetNull);
        action.HasIndex(a => a.CreatedAt);
        action.HasIndex(a => a.TargetUserId);
    }
}
