using System.Text.Json;
using System.Text.Json.Serialization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Accounts;

/// <summary>"Download my data": the account, its logins and passkeys, its memberships, and everything it did in the activity logs.</summary>
public sealed class AccountData(AppDbContext db, UserManager<AppUser> users)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter() },
        // Names and summaries in any script, as written.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<byte[]> ExportAsync(AppUser user, DateTime now)
    {
        var memberships = await db.EventMembers.Where(m => m.UserId == user.Id).OrderBy(m => m.JoinedAt)
            .Select(m => new { event_id = m.EventId, @event = m.Event.Name, starts_at = m.Event.StartsAt, role = m.Role, joined_at = m.JoinedAt, answer_emails = m.AnswerEmails })
            .ToListAsync();
        var activity = await db.EventActivities.Where(a => a.ActorUserId == user.Id).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id)
            .Select(a => new { at = a.CreatedAt, event_id = a.EventId, @event = db.Events.Where(e => e.Id == a.EventId).Select(e => e.Name).FirstOrDefault(), kind = a.Kind, a.Summary, a.Detail, name_recorded = a.ActorName })
            .ToListAsync();
        var sessions = await db.LoginSessions.Where(s => s.UserId == user.Id).OrderBy(s => s.CreatedAt)
            .Select(s => new { s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent }).ToListAsync();
        var passkeys = (await users.GetPasskeysAsync(user)).Select(p => new { p.Name, p.CreatedAt, p.IsBackedUp });
        var export = new
        {
            exported_at = now,
            account = new
            {
                user.Id,
                name = user.DisplayName,
                user.Email,
                email_confirmed = user.EmailConfirmed,
                user.CreatedAt,
                two_factor_enabled = user.TwoFactorEnabled,
            },
            passkeys,
            logins = sessions,
            memberships,
            activity,
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }
}
