using System.ComponentModel.DataAnnotations;
using EventEngine.Web.Authorization;
using EventEngine.Web.Data;
using EventEngine.Web.Domain;
using EventEngine.Web.Htmx;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace EventEngine.Web.Pages.Events.Manage;

/// <summary>The questions a public event asks people who register: free text or a choice, required or not.</summary>
[RequireEventPermission(EventPermission.EditEvent)]
public class QuestionsModel(AppDbContext db, CurrentEvent current, ActivityLog log, TimeProvider clock) : PageModel
{
    public sealed class QuestionInput
    {
        [Required(ErrorMessage = "Write the question.")]
        [StringLength(RegistrationQuestion.LabelMaxLength, ErrorMessage = "Keep the question under {1} characters.")]
        [Display(Name = "Question")]
        public string? Label { get; set; }

        [Display(Name = "Answer with")]
        public QuestionKind Kind { get; set; }

        [StringLength(2000, ErrorMessage = "Keep the choices under {1} characters.")]
        [Display(Name = "Choices, one per line")]
        public string? Choices { get; set; }

        [Display(Name = "Required")]
        public bool Required { get; set; }
    }

    [BindProperty]
    public QuestionInput Input { get; set; } = new();

    public Event Event { get; private set; } = null!;
    public IReadOnlyList<RegistrationQuestion> Questions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return RedirectToPage("/Events/Manage/Index", new { eventId = current.EventId });
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var choices = (Input.Choices ?? "").Split('\n').Select(PlainText.Tidy).OfType<string>().Distinct().ToList();
        if (!Enum.IsDefined(Input.Kind)) ModelState.AddModelError("Input.Kind", "Choose how people answer.");
        if (Input.Kind == QuestionKind.Choice && choices.Count < 2)
            ModelState.AddModelError("Input.Choices", "Give at least two choices, one per line.");
        if (choices.Count > RegistrationQuestion.MaxChoices)
            ModelState.AddModelError("Input.Choices", $"Offer at most {RegistrationQuestion.MaxChoices} choices.");
        if (choices.Any(c => c.Length > 200)) ModelState.AddModelError("Input.Choices", "Keep each choice under 200 characters.");
        if (Input.Label is not null && PlainText.Tidy(Input.Label) is null) ModelState.AddModelError("Input.Label", "Write the question.");
        if (Questions.Count >= RegistrationQuestion.MaxQuestions)
            ModelState.AddModelError("Input.Label", $"An event asks at most {RegistrationQuestion.MaxQuestions} questions. Remove one first.");
        if (!ModelState.IsValid) return Page();
        var question = new RegistrationQuestion
        {
            Id = Guid.NewGuid(),
            EventId = Event.Id,
            Position = Questions.Count == 0 ? 1 : Questions.Max(q => q.Position) + 1,
            Label = PlainText.Tidy(Input.Label)!,
            Kind = Input.Kind,
            Choices = Input.Kind == QuestionKind.Choice ? choices : [],
            Required = Input.Required,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.RegistrationQuestions.Add(question);
        log.Add(ActivityKind.EventEdited, $"Added the registration question “{question.Label}”");
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Back, "Question added. People registering from now on are asked it.");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid questionId)
    {
        var question = await db.RegistrationQuestions.SingleOrDefaultAsync(q => q.Id == questionId && q.EventId == current.EventId);
        if (question is null) return NotFound();
        db.RegistrationQuestions.Remove(question);
        log.Add(ActivityKind.EventEdited, $"Removed the registration question “{question.Label}” and its answers");
        await db.SaveChangesAsync();
        return this.RedirectWithToast(Back, "Question removed, with its answers.");
    }

    private string Back => Url.Page("/Events/Manage/Questions", new { eventId = current.EventId })!;

    /// <summary>False for a private event: its guests answer on their RSVP page instead.</summary>
    private async Task<bool> LoadAsync()
    {
        Event = await db.Events.AsNoTracking().SingleAsync(e => e.Id == current.EventId);
        Questions = await db.RegistrationQuestions.AsNoTracking().Where(q => q.EventId == Event.Id).OrderBy(q => q.Position).ToListAsync();
        return Event.Visibility == EventVisibility.Public;
    }
}
