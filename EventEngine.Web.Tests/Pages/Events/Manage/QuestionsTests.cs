using System.Net;
using EventEngine.Web.Domain;
using EventEngine.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Tests.Pages.Events.Manage;

/// <summary>The organiser's questions for people who register: added, checked at their fields, removed.</summary>
public class QuestionsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_organiser_adds_a_text_and_a_choice_question_and_a_doubtful_one_is_explained_at_its_field()
    {
        var (client, owner) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Run", "london", new DateTime(2027, 5, 1, 9, 0, 0), admin: owner);
        var url = $"/events/{e.Id}/questions";

        var refused = await AppClient.ParseAsync(await client.PostFormAsync($"{url}?handler=add",
            [new("Input.Label", "T-shirt size"), new("Input.Kind", "Choice"), new("Input.Choices", "M\n  \n"), new("Input.Required", "true")], tokenFrom: url));
        Assert.Contains("at least two choices", refused.QuerySelector("[data-valmsg-for='Input.Choices']")!.TextContent);
        Assert.Equal("T-shirt size", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Label")!.Value);

        await client.PostFormAsync($"{url}?handler=add", [new("Input.Label", "T-shirt size"), new("Input.Kind", "Choice"), new("Input.Choices", "S\r\nM\r\nL\r\nM"),
            new("Input.Required", "true")], tokenFrom: url);
        await client.PostFormAsync($"{url}?handler=add", [new("Input.Label", "Anything we should know?"), new("Input.Kind", "Text")], tokenFrom: url);

        var questions = await app.QueryAsync(db => db.RegistrationQuestions.Where(q => q.EventId == e.Id).OrderBy(q => q.Position).ToListAsync());
        Assert.Equal([("T-shirt size", QuestionKind.Choice, "S,M,L", true), ("Anything we should know?", QuestionKind.Text, "", false)],
            questions.Select(q => (q.Label, q.Kind, string.Join(",", q.Choices), q.Required)));
        var page = await client.GetPageAsync(url);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=question-row]").Length);

        await client.PostFormAsync($"{url}?handler=remove&questionId={questions[1].Id}", [], tokenFrom: url);
        Assert.Equal(1, await app.QueryAsync(db => db.RegistrationQuestions.CountAsync(q => q.EventId == e.Id)));
        Assert.Contains("Added the registration question “T-shirt size”", await app.QueryAsync(db => db.EventActivities.Where(a => a.EventId == e.Id).Select(a => a.Summary).ToListAsync()));
    }

    [Fact]
    public async Task An_editor_of_the_event_who_cannot_edit_its_details_cannot_change_its_questions()
    {
        var (_, owner) = await app.LoggedInAsync("Organiser");
        var e = await app.PublicEventAsync(await app.OrganisationAsync(), "Run", "london", new DateTime(2027, 5, 1, 9, 0, 0), admin: owner);
        var (editor, editorUser) = await app.LoggedInAsync("Editor");
        await app.AddMemberAsync(e.Id, editorUser, EventRole.Editor);

        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"/events/{e.Id}/questions")).StatusCode);
    }
}
