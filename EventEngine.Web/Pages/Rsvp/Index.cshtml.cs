using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Links;
using EventEngine.Web.Htmx;
using EventEngine.Web.Localization;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Rsvp;

/// <summary>
/// The page behind a household's private link: the event, each member's answer with plus-ones and dietary needs,
/// and a message to the hosts. No account: the token is the permission, decided before any handler runs by
/// <see cref="RsvpLinkFilter"/>. Works as plain form posts and with htmx.
/// </summary>
public class IndexModel(AppDbContext db, RsvpLinks links, CurrentRsvpLink current, MessageComposer composer, TimeProvider clock, IOptions<AppOptions> app) : PageModel
{
    /// <summary>Opening the link again within this time is not noted again on the guest's activity.</summary>
    private static readonly TimeSpan OpenedQuietPeriod = TimeSpan.FromMinutes(30);

    [BindProperty]
    public RsvpInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "via")]
    public string? ViaText { get; set; }

    [BindProperty(SupportsGet = true, Name = "lang")]
    public string? LanguageCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "saved")]
    public bool Saved { get; set; }

    public RsvpState State => current.State;
    public Event Event => current.Event;
    public List<Guest> Members => current.Members;
    public GuestTexts Texts => current.Texts;
    public TimeSpan? RetryAfter => current.RetryAfter;

    public MessageChannel? Via => ViaText switch { "email" => MessageChannel.Email, "whatsapp" => MessageChannel.WhatsApp, _ => null };
    public bool Answered => Members.Any(m => m.Status != GuestStatus.Invited);

    /// <summary>This page's address, keeping the channel the link came through and the chosen language.</summary>
    public string PageUrl(string? handler = null, string? language = null, bool saved = false)
    {
        var query = new List<string>();
        if (Via is not null) query.Add($"via={ViaText}");
        if ((language ?? LanguageCode) is { } code) query.Add($"lang={code}");
        if (handler is not null) query.Add($"handler={handler}");
        if (saved) query.Add("saved=true");
        return $"/rsvp/{current.Token}" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Input = RsvpInput.From(Members);
        if (!Saved) await NoteOpenedAsync();
        return Page();
    }

    public IActionResult OnGetCalendar()
    {
        var file = CalendarFile.Download(Event, Members[0].HouseholdId ?? Members[0].Id, clock.GetUtcNow().UtcDateTime);
        return File(System.Text.Encoding.UTF8.GetBytes(file), "text/calendar; charset=utf-8", "event.ics");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Saved = false;
        if (State == RsvpState.Closed)
        {
            ModelState.Clear();
            Input = RsvpInput.From(Members);
            ModelState.AddModelError("", Texts.Closed);
            return this.PartialOrPage("_Rsvp", this);
        }
        if (!Input.Members.Select(m => m.Id).Order().SequenceEqual(Members.Select(m => m.Id).Order()))
        {
            ModelState.Clear();
            Input = RsvpInput.From(Members);
            ModelState.AddModelError("", Texts.Stale);
            return this.PartialOrPage("_Rsvp", this);
        }

        var changes = Validate();
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError("", Texts.FixBelow);
            return this.PartialOrPage("_Rsvp", this);
        }
        if (changes.Count > 0 || MessageChanged(out _))
            await SaveAsync(changes);

        // A query-only Location ("?saved=true") resolves against the link itself, so the token is not repeated (or logged).
        if (!Request.IsHtmx()) return Redirect(PageUrl(saved: true)[$"/rsvp/{current.Token}".Length..]);
        db.ChangeTracker.Clear(); // read back as saved, computed columns included
        current.Members = await links.MembersAsync(current.Link);
        Input = RsvpInput.From(Members);
        ModelState.Clear();
        Saved = true;
        return Partial("_Rsvp", this);
    }

    /// <summary>The members this form changed, checked; field errors go to ModelState in the guest's language.</summary>
    private List<(Guest Member, CleanAnswer Answer)> Validate()
    {
        var changes = new List<(Guest Member, CleanAnswer Answer)>();
        for (var i = 0; i < Input.Members.Count; i++)
        {
            var posted = Input.Members[i];
            var member = Members.Single(m => m.Id == posted.Id);
            var answer = posted.Clean();
            var field = $"Input.Members[{i}]";
            if (answer.TooManyRows || answer.PlusOnes.Count > member.PlusOnesAllowed)
                ModelState.AddModelError($"{field}.PlusOneNames", Texts.Format(Texts.TooManyGuests, member.PlusOnesAllowed));
            if (answer.DietaryNeeds?.Length > Guest.TextMaxLength)
                ModelState.AddModelError($"{field}.DietaryNeeds", Texts.Format(Texts.TooLong, Guest.TextMaxLength));
            foreach (var (index, name, dietary) in answer.PlusOnes)
            {
                if (name is null) ModelState.AddModelError($"{field}.PlusOneNames[{index}]", Texts.NameNeeded);
                else if (name.Length > Guest.NameMaxLength) ModelState.AddModelError($"{field}.PlusOneNames[{index}]", Texts.Format(Texts.TooLong, Guest.NameMaxLength));
                if (dietary?.Length > Guest.TextMaxLength) ModelState.AddModelError($"{field}.PlusOneDietaryNeeds[{index}]", Texts.Format(Texts.TooLong, Guest.TextMaxLength));
            }
            var untouched = answer.Fingerprint == posted.Shown;
            var same = answer.Fingerprint == MemberAnswer.From(member).Shown;
            if (untouched || same) continue;
            if (answer.Status == GuestStatus.Invited)
                ModelState.AddModelError($"{field}.Answer", Texts.Format(Texts.ChooseAnswer, member.FirstName));
            changes.Add((member, answer));
        }
        if (MessageChanged(out var message) && message?.Length > Guest.RsvpMessageMaxLength)
            ModelState.AddModelError("Input.Message", Texts.Format(Texts.TooLong, Guest.RsvpMessageMaxLength));
        var answeredAfter = Members.Any(m => m.Status != GuestStatus.Invited) || changes.Any(c => c.Answer.Status != GuestStatus.Invited);
        if (ModelState.IsValid && !answeredAfter)
            ModelState.AddModelError("Input.Members[0].Answer", Texts.AnswerSomeone);
        return changes;
    }

    private bool MessageChanged(out string? message)
    {
        message = MemberAnswer.Text(Input.Message, multiline: true);
        var shown = MemberAnswer.Text(Input.ShownMessage, multiline: true);
        var stored = Members.Select(m => m.RsvpMessage).FirstOrDefault(m => m is not null);
        return message != shown && message != stored;
    }

    private async Task SaveAsync(List<(Guest Member, CleanAnswer Answer)> changes)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var messageChanged = MessageChanged(out var message);
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var (member, answer) in changes)
        {
            var first = member.AnsweredAt is null && member.Status == GuestStatus.Invited;
            member.Status = answer.Status;
            member.DietaryNeeds = answer.DietaryNeeds;
            member.PlusOneNames = answer.PlusOnes.Select(p => p.Name!).ToList();
            member.PlusOneDietaryNeeds = answer.PlusOnes.Select(p => p.Dietary ?? "").ToList();
            member.PlusOnesComing = answer.PlusOnes.Count;
            member.AnsweredAt = now;
            member.UpdatedAt = now;
            Note(member, first ? ActivityKind.RsvpAnswered : ActivityKind.RsvpChanged,
                (first ? "Answered: " : "Changed the answer: ") + Summary(member, GuestTexts.English), Details(member, messageChanged ? message : null), now);
        }
        if (messageChanged)
        {
            foreach (var member in Members)
            {
                member.RsvpMessage = message;
                member.UpdatedAt = now;
            }
            if (changes.Count == 0)
                Note(Members[0], ActivityKind.RsvpChanged, message is null ? "Removed the message to the hosts" : "Changed the message to the hosts", message, now);
        }
        await db.SaveChangesAsync();
        if (changes.Count > 0) await QueueConfirmationsAsync(changes.Select(c => c.Member.Id).ToHashSet(), now);
        if (changes.Count > 0 || (messageChanged && message is not null))
        {
            // The hosts who asked hear about it: who answered, where the household stands, what they wrote.
            var answered = changes.Count > 0 ? changes.Select(c => c.Member).ToList() : Members;
            var guest = answered[0].Id;
            var notice = new AnswerNotices.Answer(guest, GuestTexts.English.Names(answered.Select(m => m.DisplayName).ToList()),
                [.. Members.Select(m => Summary(m, GuestTexts.English))], messageChanged ? message : null);
            var guestPage = app.Value.BaseUrl.TrimEnd('/') + Url.Page("/Events/Manage/Guests/Edit", new { eventId = Event.Id, guestId = guest });
            await AnswerNotices.QueueAtOnceAsync(db, Event, notice, guestPage, now);
            await db.SaveChangesAsync();
        }
        await transaction.CommitAsync();
    }

    /// <summary>A confirmation to each member whose answer changed, on the channel the link came through (else their usual one).</summary>
    private async Task QueueConfirmationsAsync(HashSet<Guid> changed, DateTime now)
    {
        var recipients = await db.Guests.Where(g => changed.Contains(g.Id)).OrderBy(g => g.SortName).AsRecipients(db, now, Event.Language).ToListAsync();
        var channel = Via switch { MessageChannel.Email => ChannelChoice.Email, MessageChannel.WhatsApp => ChannelChoice.WhatsApp, _ => ChannelChoice.WhatsAppElseEmail };
        var submission = Guid.NewGuid();
        foreach (var recipient in recipients)
        {
            var texts = GuestTexts.For(recipient.Language);
            var summary = string.Join("\n", Members.Select(m => "• " + Summary(m, texts)));
            var draft = new MessageDraft(MessagePurpose.Confirmation, channel, texts.Confirmation.Subject, texts.Confirmation.Body.Replace("{0}", summary));
            foreach (var message in composer.Compose(Event, [recipient], draft, now).Messages)
            {
                message.IdempotencyKey = $"confirmation:{submission}:{recipient.Id}";
                db.OutboxMessages.Add(message);
            }
        }
        await db.SaveChangesAsync();
    }

    /// <summary>One member's answer on one line, in the given language: "Dana Levi: Attending, with Tom".</summary>
    public static string Summary(Guest member, GuestTexts texts) => $"{member.DisplayName}: {Answer(member, texts)}{(With(member, texts) is { } with ? ", " + with : "")}";

    public static string Answer(Guest member, GuestTexts texts) => member.Status switch
    {
        GuestStatus.Confirmed => texts.Attending,
        GuestStatus.Declined => texts.NotAttending,
        _ => texts.NoAnswerYet,
    };

    /// <summary>"with Tom, Ana" for a member who is coming with named plus-ones; otherwise null.</summary>
    public static string? With(Guest member, GuestTexts texts) =>
        member.Status == GuestStatus.Confirmed && member.PlusOneNames.Count > 0 ? texts.Format(texts.With, string.Join(", ", member.PlusOneNames)) : null;

    /// <summary>The rest of an answer, for the activity log (host pages are English).</summary>
    private static string? Details(Guest member, string? message)
    {
        var lines = new List<string>();
        if (member.DietaryNeeds is not null) lines.Add($"Dietary needs: {member.DietaryNeeds}");
        lines.AddRange(member.PlusOneNames.Zip(member.PlusOneDietaryNeeds).Where(p => p.Second.Length > 0).Select(p => $"{p.First}: {p.Second}"));
        if (message is not null) lines.Add($"Message to the hosts: {message}");
        return lines.Count == 0 ? null : string.Join("\n", lines);
    }

    /// <summary>An activity entry by the household, which acts through its link rather than an account.</summary>
    private void Note(Guest member, ActivityKind kind, string summary, string? detail, DateTime now) =>
        ActivityLog.Add(db, Event.Id, null, string.Join(", ", Members.Select(m => m.DisplayName)), kind, summary, detail, member.Id, now, Via);

    /// <summary>Notes the opening on each member, at most once per quiet period.</summary>
    private async Task NoteOpenedAsync()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - OpenedQuietPeriod;
        var ids = Members.Select(m => m.Id).ToList();
        if (await db.EventActivities.AnyAsync(a => ids.Contains(a.GuestId!.Value) && a.Kind == ActivityKind.RsvpOpened && a.CreatedAt > since)) return;
        // Whoever opened a household's link is not known, so no one is named: the note says whose link it was.
        var summary = Members.Count > 1 ? "Opened the household's RSVP link" : "Opened the RSVP link";
        foreach (var member in Members) Note(member, ActivityKind.RsvpOpened, summary, null, now);
        await db.SaveChangesAsync();
    }
}
