namespace EventEngine.Web.Domain;

public enum QuestionKind
{
    Text,
    Choice,
}

/// <summary>A question the organiser asks people who register: free text or one of some choices, required or not.</summary>
public class RegistrationQuestion
{
    public const int LabelMaxLength = 200;
    public const int AnswerMaxLength = 1000;
    public const int MaxChoices = 20;
    public const int MaxQuestions = 10;

    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public int Position { get; set; }
    public string Label { get; set; } = "";
    public QuestionKind Kind { get; set; }
    public List<string> Choices { get; set; } = [];
    public bool Required { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>One registration's answer to one question.</summary>
public class RegistrationAnswer
{
    public Guid RegistrationId { get; set; }
    public Guid QuestionId { get; set; }
    public Guid EventId { get; set; }
    public string Value { get; set; } = "";
}
