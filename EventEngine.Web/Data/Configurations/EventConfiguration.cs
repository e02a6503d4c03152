using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> e)
    {
        e.ToTable("events", t =>
        {
            t.HasCheckConstraint("ck_events_ends_after_start", "ends_at IS NULL OR ends_at >= starts_at");
            t.HasCheckConstraint("ck_events_default_country", "default_country ~ '^[A-Z]{2}$'");
            t.HasCheckConstraint("ck_events_rsvp_deadline_before_start", "rsvp_deadline IS NULL OR rsvp_deadline <= starts_at");
            t.HasCheckConstraint("ck_events_language", "language IN ('English', 'Hebrew', 'Spanish')");
            t.HasCheckConstraint("ck_events_capacity", "capacity IS NULL OR capacity >= 0");
            t.HasCheckConstraint("ck_events_places_per_person", "places_per_person BETWEEN 1 AND 20");
            t.HasCheckConstraint("ck_events_offer_hours", "offer_hours BETWEEN 1 AND 168");
        });
        e.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(x => x.Name).HasMaxLength(Event.NameMaxLength);
        e.Property(x => x.TimeZoneId).HasMaxLength(64);
        e.Property(x => x.Venue).HasMaxLength(Event.VenueMaxLength);
        e.Property(x => x.HostNames).HasMaxLength(Event.HostNamesMaxLength);
        e.Property(x => x.ReplyTo).HasMaxLength(Guest.EmailMaxLength);
        e.Property(x => x.Description).HasMaxLength(Event.DescriptionMaxLength);
        e.Property(x => x.DefaultCountry).HasMaxLength(2).IsFixedLength();
        e.Property(x => x.Language).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        e.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);

        e.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(16).HasDefaultValue(EventVisibility.Private).HasSentinel((EventVisibility)(-1));
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16).HasDefaultValue(EventStatus.Draft).HasSentinel((EventStatus)(-1));
        e.Property(x => x.AttendanceMode).HasConversion<string>().HasMaxLength(16).HasDefaultValue(AttendanceMode.Offline).HasSentinel((AttendanceMode)(-1));
        e.Property(x => x.Category).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.Address).HasMaxLength(Event.AddressMaxLength);
        e.Property(x => x.Summary).HasMaxLength(Event.SummaryMaxLength);
        e.Property(x => x.OnlineUrl).HasMaxLength(Event.UrlMaxLength);
        e.Property(x => x.RegistrationUrl).HasMaxLength(Event.UrlMaxLength);
        e.Property(x => x.ReviewNote).HasMaxLength(Event.ReviewNoteMaxLength);
        e.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(x => x.City).WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<StoredImage>().WithMany().HasForeignKey(x => x.ImageId).OnDelete(DeleteBehavior.SetNull);
        e.HasIndex(x => x.SubmittedAt).HasFilter("submitted_at IS NOT NULL");
        e.Property(x => x.PriceFrom).HasPrecision(10, 2);
        // Always sent (the defaults are the C# initialisers'), so that creating an event reads nothing back for them.
        e.Property(x => x.PlacesPerPerson).HasDefaultValue(1).ValueGeneratedNever();
        e.Property(x => x.OfferHours).HasDefaultValue(24).ValueGeneratedNever();
        e.Property(x => x.PublishedSnapshot).HasColumnType("jsonb");
        e.Property(x => x.RepeatRule).HasMaxLength(200);
        e.Property(x => x.RepeatSkipped).HasDefaultValueSql("'{}'").ValueGeneratedNever();
        e.Property(x => x.RepeatAdded).HasDefaultValueSql("'{}'").ValueGeneratedNever();
        e.Property(x => x.Currency).HasMaxLength(3).IsFixedLength();
        e.Property(x => x.SearchVector).ValueGeneratedOnAddOrUpdate();
        e.Property(x => x.SearchVector).Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        e.Property(x => x.SearchVector).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        e.HasIndex(x => x.SearchVector).HasMethod("gin");
        // What PostgreSQL prints back for "status = 'Published'", so the schema check compares like with like.
        const string published = "(status)::text = 'Published'::text";
        e.HasIndex(x => new { x.CityId, x.StartsAt, x.Id }).HasFilter(published);
        e.HasIndex(x => new { x.Category, x.StartsAt, x.Id }).HasFilter(published);
        e.HasIndex(x => new { x.StartsAt, x.Id }).HasFilter(published);
    }
}

public class EventMemberConfiguration : IEntityTypeConfiguration<EventMember>
{
    public void Configure(EntityTypeBuilder<EventMember> m)
    {
        m.ToTable("event_members", t =>
        {
            t.HasCheckConstraint("ck_event_members_role", "role IN ('Admin', 'Editor', 'Viewer')");
            t.HasCheckConstraint("ck_event_members_answer_emails", "answer_emails IN ('Off', 'AtOnce', 'Daily')");
        });
        m.HasKey(x => new { x.EventId, x.UserId });
        m.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.AnswerEmails).HasConversion<string>().HasMaxLength(8).HasDefaultValue(AnswerEmails.Off).ValueGeneratedNever();
        m.Property(x => x.JoinedAt).HasDefaultValueSql("now()");
        m.HasIndex(x => x.UserId);
        m.HasOne(x => x.Event).WithMany(x => x.Members).HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
