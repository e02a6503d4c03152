using EventEngine.Web.Domain;

namespace EventEngine.Web.Tests.Domain;

public class EventRolesTests
{
    [Theory]
    [InlineData(EventRole.Admin, EventPermission.ViewEvent, true)]
    [InlineData(EventRole.Admin, EventPermission.ManageTeam, true)]
    [InlineData(EventRole.Admin, EventPermission.DeleteEvent, true)]
    [InlineData(EventRole.Editor, EventPermission.EditGuests, true)]
    [InlineData(EventRole.Editor, EventPermission.SendMessages, true)]
    [InlineData(EventRole.Editor, EventPermission.EditEvent, false)]
    [InlineData(EventRole.Editor, EventPermission.ManageTeam, false)]
    [InlineData(EventRole.Editor, EventPermission.DeleteEvent, false)]
    [InlineData(EventRole.Viewer, EventPermission.ViewEvent, true)]
    [InlineData(EventRole.Viewer, EventPermission.EditGuests, false)]
    [InlineData(EventRole.Viewer, EventPermission.SendMessages, false)]
    [InlineData(EventRole.Viewer, EventPermission.EditEvent, false)]
    public void Roles_grant_what_the_seeds_define(EventRole role, EventPermission permission, bool granted)
    {
        Assert.Equal(granted, role.Grants(permission));
    }

    [Fact]
    public void Admin_is_granted_every_permission_there_is()
    {
        Assert.All(Enum.GetValues<EventPermission>(), p => Assert.True(EventRole.Admin.Grants(p)));
    }
}
