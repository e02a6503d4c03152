namespace EventEngine.Web.Domain;

/// <summary>The rules for moving a message's state on a provider's report, and how each state reads to a host.</summary>
public static class MessageStates
{
    /// <summary>
    /// The state after the provider reports <paramref name="reported"/>. Reports arrive duplicated and out of order,
    /// so a state only moves forward: read beats delivered beats sent, and a failure cannot undo a delivery.
    /// </summary>
    public static MessageState Advance(MessageState current, MessageState reported)
    {
        if (current is MessageState.Cancelled or MessageState.Failed) return current;
        if (reported == MessageState.Failed) return current >= MessageState.Delivered ? current : MessageState.Failed;
        return reported > current ? reported : current;
    }

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
        _ => purpose.ToString(),
    };
}
