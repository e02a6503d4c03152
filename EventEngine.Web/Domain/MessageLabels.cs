namespace EventEngine.Web.Domain;

/// <summary>How message states, channels and purposes read to a host: labels, glyphs and badge colours.</summary>
public static class MessageLabels
{
    public static string Label(this MessageState state) => state switch
    {
        MessageState.Queued => "Queued",
        MessageState.Sending => "Sending",
        MessageState.Sent => "Sent",
        MessageState.Delivered => "Delivered",
        MessageState.Read => "Read",
        MessageState.Failed => "Failed",
        MessageState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };

    /// <summary>A small glyph beside the label: clock, ticks as in messaging apps, a cross.</summary>
    public static string Icon(this MessageState state) => state switch
    {
        MessageState.Queued or MessageState.Sending => "◷",
        MessageState.Sent => "✓",
        MessageState.Delivered => "✓✓",
        MessageState.Read => "✓✓",
        MessageState.Failed => "✕",
        _ => "–",
    };

    /// <summary>The badge colour class (see app.css).</summary>
    public static string Tone(this MessageState state) => state switch
    {
        MessageState.Read => "read",
        MessageState.Delivered or MessageState.Sent => "ok",
        MessageState.Failed => "failed",
        MessageState.Cancelled => "muted",
        _ => "pending",
    };

    public static string Label(this MessageChannel channel) => channel == MessageChannel.WhatsApp ? "WhatsApp" : "Email";

    public static string Label(this MessagePurpose purpose) => purpose switch
    {
        MessagePurpose.TeamInvitation => "Team invitation",
        MessagePurpose.AnswerNotice => "Answers",
        MessagePurpose.EmailConfirmation => "Email confirmation",
        MessagePurpose.PasswordReset => "Password reset",
        MessagePurpose.EmailChange => "Email change",
        MessagePurpose.AccountNotice => "Account notice",
        MessagePurpose.OrganisationInvitation => "Organisation invitation",
        _ => purpose.ToString(),
    };
}
