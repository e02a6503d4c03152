using EventEngine.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EventEngine.Web.Data.Configurations;

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> m)
    {
        m.ToTable("outbox_messages", t =>
        {
            t.HasCheckConstraint("ck_outbox_messages_channel", "channel IN ('Email', 'WhatsApp')");
            t.HasCheckConstraint("ck_outbox_messages_purpose", "purpose IN ('Invitation', 'Reminder', 'Confirmation', 'Broadcast', 'TeamInvitation', 'AnswerNotice', 'EmailConfirmation', 'PasswordReset', 'EmailChange', 'AccountNotice', 'OrganisationInvitation', 'Registration', 'RegistrationHeld', 'RegistrationOffer', 'RegistrationChange')");
            t.HasCheckConstraint("ck_outbox_messages_state", "state IN ('Queued', 'Sending', 'Sent', 'Delivered', 'Read', 'Failed', 'Cancelled')");
        });
        m.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        m.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(24);
        m.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.Recipient).HasMaxLength(OutboxMessage.RecipientMaxLength);
        m.Property(x => x.RecipientName).HasMaxLength(Guest.NameMaxLength * 2 + 1);
        m.Property(x => x.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength);
        m.Property(x => x.SenderName).HasMaxLength(Event.HostNamesMaxLength);
        m.Property(x => x.ReplyTo).HasMaxLength(Guest.EmailMaxLength);
        m.Property(x => x.TemplateName).HasMaxLength(100);
        m.Property(x => x.TemplateLanguage).HasMaxLength(16);
        m.Property(x => x.TemplateParameters).HasDefaultValueSql("'{}'");
        // Always sent, never read back: a sender that may not read the outbox (a link's answer, a signed-out account email) can still queue one.
        m.Property(x => x.Attempts).HasDefaultValue(0).ValueGeneratedNever();
        m.Property(x => x.ProviderMessageId).HasMaxLength(200);
        m.Property(x => x.ErrorCode).HasMaxLength(32);
        m.Property(x => x.IdempotencyKey).HasMaxLength(200);
        m.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        m.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");

        m.HasIndex(x => new { x.EventId, x.CreatedAt });
        m.HasIndex(x => new { x.GuestId, x.CreatedAt });
        m.HasIndex(x => x.NextAttemptAt).HasFilter("(state)::text = 'Queued'::text");
        m.HasIndex(x => x.LeaseUntil).HasFilter("(state)::text = 'Sending'::text");
        m.HasIndex(x => x.ProviderMessageId).IsUnique().HasFilter("provider_message_id IS NOT NULL");
        m.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");

        m.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        m.HasIndex(x => x.OrganisationId).HasFilter("organisation_id IS NOT NULL");
        m.HasOne<Guest>().WithMany().HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.SetNull);
        m.HasOne<Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.SetNull);
        m.HasIndex(x => x.RegistrationId).HasFilter("registration_id IS NOT NULL");
        m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
        m.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        m.HasIndex(x => new { x.UserId, x.CreatedAt }).HasFilter("user_id IS NOT NULL");
    }
}

public class WhatsAppStatusConfiguration : IEntityTypeConfiguration<WhatsAppStatus>
{
    public void Configure(EntityTypeBuilder<WhatsAppStatus> s)
    {
        s.ToTable("whatsapp_statuses");
        s.Property(x => x.Id).UseIdentityByDefaultColumn();
        s.Property(x => x.ProviderMessageId).HasMaxLength(200);
        s.Property(x => x.Status).HasMaxLength(16);
        s.Property(x => x.ErrorCode).HasMaxLength(32);
        s.Property(x => x.ReceivedAt).HasDefaultValueSql("now()");
        s.HasIndex(x => new { x.ProviderMessageId, x.Status }).IsUnique();
    }
}

public class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> i)
    {
        i.ToTable("inbound_messages");
        i.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        i.Property(x => x.ProviderMessageId).HasMaxLength(200);
        i.Property(x => x.FromPhone).HasMaxLength(Guest.PhoneMaxLength);
        i.Property(x => x.Kind).HasMaxLength(InboundMessage.KindMaxLength);
        i.HasIndex(x => new { x.GuestId, x.ProviderMessageId }).IsUnique();
        i.HasIndex(x => x.EventId);
        i.HasIndex(x => new { x.FromPhone, x.ReceivedAt });
        i.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        i.HasOne<Guest>().WithMany().HasForeignKey(x => x.GuestId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> r)
    {
        r.ToTable("reminders", t =>
        {
            t.HasCheckConstraint("ck_reminders_anchor", "anchor IN ('RsvpDeadline', 'EventStart')");
            t.HasCheckConstraint("ck_reminders_channel", "channel IN ('Email', 'WhatsApp', 'WhatsAppElseEmail')");
            t.HasCheckConstraint("ck_reminders_days_before", "days_before BETWEEN 1 AND 365");
        });
        r.Property(x => x.Id).HasDefaultValueSql("gen_random_uuid()");
        r.Property(x => x.Anchor).HasConversion<string>().HasMaxLength(16);
        r.Property(x => x.Channel).HasConversion<string>().HasMaxLength(24);
        r.Property(x => x.CreatedAt).HasDefaultValueSql("now()");
        r.HasIndex(x => new { x.EventId, x.Anchor, x.DaysBefore }).IsUnique();
        r.HasOne<Event>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Cascade);
        r.HasOne<AppUser>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
