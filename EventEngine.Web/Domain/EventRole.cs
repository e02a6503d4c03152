namespace EventEngine.Web.Domain;

public enum EventRole
{
    Admin,
    Editor,
    Viewer,
}
