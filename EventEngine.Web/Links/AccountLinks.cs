using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Links;

/// <summary>
/// The links of an account's own emails, made with Identity's token providers as the message is sent: the outbox keeps
/// only {{account_link}}, so it never holds a link that confirms an address or resets a password, and a token's
/// lifetime starts when the email leaves.
/// </summary>
public sealed class AccountLinks(UserManager<AppUser> users, LinkGenerator links, IOptions<AppOptions> app)
{
    public const string Placeholder = "{{account_link}}";

    public async Task FillAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (message.UserId is not { } userId || !(message.BodyText.Contains(Placeholder) || message.BodyHtml?.Contains(Placeholder) == true)) return;
        cancellationToken.ThrowIfCancellationRequested();
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return;
        var path = message.Purpose switch
        {
            MessagePurpose.PasswordReset => links.GetPathByPage("/Account/ResetPassword", values: new { userId, code = await users.GeneratePasswordResetTokenAsync(user) }),
            // The token is for this one new address (the message's recipient); the link carries it to the page.
            MessagePurpose.EmailChange => links.GetPathByPage("/Account/ConfirmEmail",
                values: new { userId, email = message.Recipient, code = await users.GenerateChangeEmailTokenAsync(user, message.Recipient) }),
            _ => links.GetPathByPage("/Account/ConfirmEmail", values: new { userId, code = await users.GenerateEmailConfirmationTokenAsync(user) }),
        };
        var url = app.Value.BaseUrl.TrimEnd('/') + path;
        message.BodyText = message.BodyText.Replace(Placeholder, url);
        message.BodyHtml = message.BodyHtml?.Replace(Placeholder, url);
    }
}
