using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;

namespace EventEngine.Web.Tests.Messaging;

public class OutboxStoreTests
{
    [Theory]
    [InlineData(MessageState.Sent, MessageState.Delivered, MessageState.Delivered)]
    [InlineData(MessageState.Delivered, MessageState.Sent, MessageState.Delivered)]
    [InlineData(MessageState.Read, MessageState.Delivered, MessageState.Read)]
    [InlineData(MessageState.Sending, MessageState.Read, MessageState.Read)]
    [InlineData(MessageState.Sent, MessageState.Failed, MessageState.Failed)]
    [InlineData(MessageState.Delivered, MessageState.Failed, MessageState.Delivered)]
    [InlineData(MessageState.Failed, MessageState.Read, MessageState.Failed)]
    [InlineData(MessageState.Cancelled, MessageState.Sent, MessageState.Cancelled)]
    public void A_report_never_moves_a_message_backwards(MessageState current, MessageState reported, MessageState expected) =>
        Assert.Equal(expected, OutboxStore.Advance(current, reported));
}
