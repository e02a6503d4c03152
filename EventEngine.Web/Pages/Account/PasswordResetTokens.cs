using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace EventEngine.Web.Pages.Account;

/// <summary>Identity's data-protection tokens with a life of their own: a reset link works for hours, a confirmation for a day.</summary>
public sealed class PasswordResetTokens(IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenOptions()
    {
        Name = PasswordResetTokens.ProviderName;
        TokenLifespan = TimeSpan.FromHours(AccountEmails.ResetHours);
    }
}
