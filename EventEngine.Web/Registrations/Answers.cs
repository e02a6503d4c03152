using EventEngine.Web.Domain;

namespace EventEngine.Web.Registrations;

/// <summary>
/// The answers a registration form sent to the organiser's questions, checked: a required question needs an answer, a
/// choice must be one offered, text is tidied and kept under the limit. Problems are named by the field they belong to.
/// </summary>
public static class Answers
{
    /// <summary>The form field of a question's answer.</summary>
    public static string Field(Guid questionId) => $"Answers[{questionId}]";

    public static (Dictionary<Guid, string> Answers, List<(string Field, string Problem)> Problems) Check(
        IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<Guid, string?> posted)
    {
        var answers = new Dictionary<Guid, string>();
        var problems = new List<(string, string)>();
        foreach (var q in questions)
        {
            var value = PlainText.Tidy(posted.GetValueOrDefault(q.Id));
            if (value is null)
            {
                if (q.Required) problems.Add((Field(q.Id), q.Kind == QuestionKind.Choice ? "Choose an answer." : "Answer this question."));
                continue;
            }
            if (q.Kind == QuestionKind.Choice && !q.Choices.Contains(value))
                problems.Add((Field(q.Id), "Choose one of the answers offered."));
            else if (value.Length > RegistrationQuestion.AnswerMaxLength)
                problems.Add((Field(q.Id), $"Keep the answer under {RegistrationQuestion.AnswerMaxLength} characters."));
            else
                answers[q.Id] = value;
        }
        return (answers, problems);
    }
}
