using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> r)
    {
        r.ToTable("registrations", t =>
        {
            t.HasCheckConstraint("ck_registrations_status", "status IN ('Held', 'Confirmed', 'Waitlisted', 'Offered', 'Cancelled', 'Expired')");
            t.HasCheckConstraint("ck_registrations_places", "places BETWEEN 1 AND 20");
            t.HasCheckConstraint("ck_registrations_sizes", "octet_length(seed) = 32 AND octet_length(token_hash) = 32");
            t.HasCheckConstraint("ck_registrations_hold", "(status IN ('Held', 'Offered')) = (hold_until IS NOT NULL)");
        });
        r.Property(x => x.Id).ValueGeneratedNever();
        r.Property(x => x.Name).HasMaxLength(Registration.NameMaxLength);
        r.Property(x => x.Email).HasColumnType("citext");
        r.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        r.HasIndex(x => new { x.EventId, x.Status, x.CreatedAt });
        r.HasIndex(x => new { x.OccurrenceId, x.Status, x.CreatedAt }).HasFilter("occurrence_id IS NOT NULL");
        r.Property(x => x.Language).HasConversion<string>().HasMaxLength(16).HasDefaultValue(Language.English).ValueGeneratedNever();
        r.HasIndex(x => x.UserId);
        r.HasIndex(x => x.TokenHash).IsUnique();
        r.HasIndex(x => x.HoldUntil).HasFilter("hold_until IS NOT NULL");
        r.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<Guest>().WithMany().HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.SetNull);
        r.HasIndex(x => x.GuestId);
        r.HasOne<Occurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}

public class RegistrationQuestionConfiguration : IEntityTypeConfiguration<RegistrationQuestion>
{
    public void Configure(EntityTypeBuilder<RegistrationQuestion> q)
    {
        q.ToTable("registration_questions", t =>
        {
            t.HasCheckConstraint("ck_registration_questions_kind", "kind IN ('Text', 'Choice')");
            t.HasCheckConstraint("ck_registration_questions_choices", "(kind = 'Choice') = (cardinality(choices) > 0)");
        });
        q.Property(x => x.Id).ValueGeneratedNever();
        q.Property(x => x.Label).HasMaxLength(RegistrationQuestion.LabelMaxLength);
        q.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        q.Property(x => x.Choices).HasDefaultValueSql("'{}'").ValueGeneratedNever();
        q.HasIndex(x => new { x.EventId, x.Position });
        q.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class RegistrationAnswerConfiguration : IEntityTypeConfiguration<RegistrationAnswer>
{
    public void Configure(EntityTypeBuilder<RegistrationAnswer> a)
    {
        a.ToTable("registration_answers");
        a.HasKey(x => new { x.RegistrationId, x.QuestionId });
        a.Property(x => x.Value).HasMaxLength(RegistrationQuestion.AnswerMaxLength);
        a.HasOne<Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<RegistrationQuestion>().WithMany().HasForeignKey(x => x.QuestionId).OnDelete(DeleteBehavior.Cascade);
        a.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
