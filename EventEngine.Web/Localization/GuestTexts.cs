using System.Globalization;
using EventEngine.Web.Domain;
using NodaTime;

namespace EventEngine.Web.Localization;

/// <summary>
/// Everything a guest reads (the RSVP page and the messages they receive) in one language, with that language's
/// date formats. Host pages stay English. {0}-style holes are filled with the culture's formatting.
/// </summary>
public sealed record GuestTexts
{
    public required Language Language { get; init; }
    public required string Code { get; init; }
    public required string NativeName { get; init; }
    public required CultureInfo Culture { get; init; }
    public bool RightToLeft { get; init; }
    public required string DateFormat { get; init; }

    // The RSVP page
    public required string Invited { get; init; }
    public required string When { get; init; }
    public required string Where { get; init; }
    public required string OpenMap { get; init; }
    public required string AnswerBy { get; init; }
    public required string DeadlinePassed { get; init; }
    public required string Accept { get; init; }
    public required string Decline { get; init; }
    public required string Attending { get; init; }
    public required string NotAttending { get; init; }
    public required string NoAnswerYet { get; init; }
    public required string OnePlusOne { get; init; }
    public required string PlusOnes { get; init; }
    public required string PlusOneName { get; init; }
    public required string PlusOneDietary { get; init; }
    public required string Dietary { get; init; }
    public required string DietaryLabel { get; init; }
    public required string MessageToHosts { get; init; }
    public required string Send { get; init; }
    public required string Update { get; init; }
    public required string Sending { get; init; }
    public required string Saved { get; init; }
    public required string YourAnswer { get; init; }
    public required string With { get; init; }
    public required string YourMessage { get; init; }
    public required string AddToCalendar { get; init; }
    public required string ChangeAnswer { get; init; }
    public required string Privacy { get; init; }
    public required string LanguageLabel { get; init; }
    public required string LinkRevoked { get; init; }
    public required string LinkRevokedHelp { get; init; }

    // Problems, shown at the field
    public required string ChooseAnswer { get; init; }
    public required string AnswerSomeone { get; init; }
    public required string TooManyGuests { get; init; }
    public required string TooLong { get; init; }
    public required string NameNeeded { get; init; }
    public required string Closed { get; init; }
    public required string Stale { get; init; }
    public required string FixBelow { get; init; }

    // Messages
    public required (string Subject, string Body) Invitation { get; init; }
    public required (string Subject, string Body) Reminder { get; init; }
    public required (string Subject, string Body) Broadcast { get; init; }
    public required (string Subject, string Body) Confirmation { get; init; }
    public required string Footer { get; init; }
    public required string StopEmails { get; init; }
    public required string Unsubscribe { get; init; }
    public required string ReplyButton { get; init; }
    public required string ButtonFallback { get; init; }
    /// <summary>The word joining the last two names; in Hebrew it is a prefix (ו), written without a space after it.</summary>
    public required string And { get; init; }
    public required string ReplyHere { get; init; }
    public required string VenueToBeAnnounced { get; init; }

    // A public event's registration: {0} the event, {1} its time (and {2} the new time, for a move)
    public required (string Subject, string Body) RegistrationCancelled { get; init; }
    public required (string Subject, string Body) RegistrationMoved { get; init; }
    public required string SeeRegistration { get; init; }

    public string Direction => RightToLeft ? "rtl" : "ltr";

    /// <summary>"Priya", "Priya and Arjun", "Priya, Arjun and Maya": how a household is greeted.</summary>
    public string Names(IReadOnlyList<string> names) => names.Count <= 1
        ? string.Concat(names)
        : string.Join(", ", names.Take(names.Count - 1)) + (RightToLeft ? $" {And}" : $" {And} ") + names[^1];

    public string Format(string text, params object?[] values) => string.Format(Culture, text, values);

    public string Date(LocalDate date) => date.ToDateTimeUnspecified().ToString(DateFormat, Culture);

    /// <summary>"Tuesday 2 March 2027, 19:00 GMT": a stored instant in the event's zone, in this language.</summary>
    public string Moment(DateTime utc, string zoneId)
    {
        var zoned = Domain.EventTime.InZone(utc, zoneId);
        return $"{Date(zoned.Date)}, {Time(zoned)}";
    }

    public string Time(ZonedDateTime time) => $"{time.TimeOfDay.ToString("HH:mm", Culture)} {time.GetZoneInterval().Name}";

    public static GuestTexts For(Language language) => language switch
    {
        Language.Hebrew => Hebrew,
        Language.Spanish => Spanish,
        _ => English,
    };

    public static IReadOnlyList<GuestTexts> All => [English, Hebrew, Spanish];

    public static readonly GuestTexts English = new()
    {
        Language = Language.English,
        Code = "en",
        NativeName = "English",
        Culture = CultureInfo.GetCultureInfo("en-GB"),
        DateFormat = "dddd d MMMM yyyy",
        Invited = "You're invited",
        When = "When",
        Where = "Where",
        OpenMap = "Open in maps",
        AnswerBy = "Please answer by {0}.",
        DeadlinePassed = "Answers closed on {0}. This is the answer the hosts have; to change it, please contact them.",
        Accept = "Yes, I'll be there",
        Decline = "Sorry, I can't come",
        Attending = "Attending",
        NotAttending = "Not attending",
        NoAnswerYet = "No answer yet",
        OnePlusOne = "You may bring a guest.",
        PlusOnes = "You may bring up to {0} guests.",
        PlusOneName = "Guest {0}: name",
        PlusOneDietary = "Guest {0}: dietary needs",
        Dietary = "Dietary needs or allergies (optional)",
        DietaryLabel = "Dietary needs",
        MessageToHosts = "A message to the hosts (optional)",
        Send = "Send my answer",
        Update = "Update my answer",
        Sending = "Sending…",
        Saved = "Thank you! Your answer has been saved.",
        YourAnswer = "Your answer",
        With = "with {0}",
        YourMessage = "Your message",
        AddToCalendar = "Add to my calendar",
        ChangeAnswer = "Change my answer",
        Privacy = "Only the hosts of this event see your answer.",
        LanguageLabel = "Language",
        LinkRevoked = "This link is no longer valid",
        LinkRevokedHelp = "The hosts have replaced it with a new one. Please ask them for your new link.",
        ChooseAnswer = "Choose whether {0} will attend.",
        AnswerSomeone = "Answer for at least one person.",
        TooManyGuests = "You can bring at most {0}.",
        TooLong = "Keep this under {0} characters.",
        NameNeeded = "Add this guest's name, or clear their dietary needs.",
        Closed = "Answers are closed: the deadline has passed.",
        Stale = "The guests on this invitation have changed. Please check the form and send it again.",
        FixBelow = "Please check the highlighted fields.",
        Invitation = ("You're invited: {{event_name}}",
            "Dear {{names}},\n\nWe would love you to join us for {{event_name}} on {{event_date}} at {{event_time}}.\n\nPlease let us know whether you can come: {{rsvp_link}}"),
        Reminder = ("Reminder: will you join us at {{event_name}}?",
            "Dear {{names}},\n\nWe haven't heard from you yet about {{event_name}} on {{event_date}}. Please let us know whether you can come: {{rsvp_link}}"),
        Broadcast = ("News about {{event_name}}", "Dear {{first_name}},\n\n"),
        Confirmation = ("Your answer for {{event_name}}",
            "Dear {{first_name}},\n\nThank you for answering. The hosts of {{event_name}} ({{event_date}}, {{event_time}}) now have:\n\n{0}\n\nTo change your answer: {{rsvp_link}}"),
        Footer = "You are receiving this because you are on the guest list for {0}.",
        StopEmails = "To stop emails about it: {0}",
        Unsubscribe = "Unsubscribe",
        ReplyButton = "Reply to the invitation",
        ButtonFallback = "If the button doesn't work, open this link:",
        And = "and",
        ReplyHere = "Reply here: {0}",
        VenueToBeAnnounced = "to be announced",
        RegistrationCancelled = ("Cancelled: {0}", "{0} on {1} is cancelled, so your registration is cancelled too. We're sorry. There is nothing you need to do."),
        RegistrationMoved = ("New time: {0}", "{0} has moved from {1} to {2}. Your registration stands. The calendar file attached updates the entry in your calendar."),
        SeeRegistration = "See your registration",
    };

    public static readonly GuestTexts Hebrew = new()
    {
        Language = Language.Hebrew,
        Code = "he",
        NativeName = "עברית",
        Culture = CultureInfo.GetCultureInfo("he-IL"),
        RightToLeft = true,
        DateFormat = "dddd, d בMMMM yyyy",
        Invited = "אתם מוזמנים",
        When = "מתי",
        Where = "איפה",
        OpenMap = "פתיחה במפה",
        AnswerBy = "נא להשיב עד {0}.",
        DeadlinePassed = "מועד המענה הסתיים ב־{0}. זו התשובה שנמסרה למארחים; לשינוי יש לפנות אליהם.",
        Accept = "כן, אגיע",
        Decline = "לא אוכל להגיע",
        Attending = "מגיע/ה",
        NotAttending = "לא מגיע/ה",
        NoAnswerYet = "עדיין אין תשובה",
        OnePlusOne = "אפשר להביא אורח/ת אחד/ת.",
        PlusOnes = "אפשר להביא עד {0} אורחים.",
        PlusOneName = "שם אורח/ת {0}",
        PlusOneDietary = "העדפות תזונה של אורח/ת {0}",
        Dietary = "העדפות תזונה או אלרגיות (לא חובה)",
        DietaryLabel = "העדפות תזונה",
        MessageToHosts = "הודעה למארחים (לא חובה)",
        Send = "שליחת התשובה",
        Update = "עדכון התשובה",
        Sending = "שולח…",
        Saved = "תודה! התשובה נשמרה.",
        YourAnswer = "התשובה שלך",
        With = "יחד עם {0}",
        YourMessage = "ההודעה שלך",
        AddToCalendar = "הוספה ליומן",
        ChangeAnswer = "שינוי התשובה",
        Privacy = "רק מארחי האירוע רואים את התשובה שלך.",
        LanguageLabel = "שפה",
        LinkRevoked = "הקישור הזה כבר אינו בתוקף",
        LinkRevokedHelp = "המארחים החליפו אותו בקישור חדש. נא לבקש מהם את הקישור החדש.",
        ChooseAnswer = "נא לבחור אם {0} מגיע/ה.",
        AnswerSomeone = "נא להשיב לפחות עבור אדם אחד.",
        TooManyGuests = "אפשר להביא עד {0}.",
        TooLong = "עד {0} תווים.",
        NameNeeded = "נא להוסיף את שם האורח/ת, או למחוק את העדפות התזונה.",
        Closed = "לא ניתן עוד להשיב: המועד עבר.",
        Stale = "רשימת המוזמנים בהזמנה השתנתה. נא לבדוק את הטופס ולשלוח שוב.",
        FixBelow = "נא לבדוק את השדות המסומנים.",
        Invitation = ("הזמנה: {{event_name}}",
            "{{names}} שלום,\n\nנשמח לראותך באירוע {{event_name}}, {{event_date}}, בשעה {{event_time}}.\n\nנא לאשר הגעה כאן: {{rsvp_link}}"),
        Reminder = ("תזכורת: {{event_name}}",
            "{{names}} שלום,\n\nעדיין לא קיבלנו ממך תשובה לגבי {{event_name}}, {{event_date}}. נא לאשר הגעה כאן: {{rsvp_link}}"),
        Broadcast = ("עדכון: {{event_name}}", "{{first_name}} שלום,\n\n"),
        Confirmation = ("התשובה שלך: {{event_name}}",
            "{{first_name}} שלום,\n\nתודה על התשובה. אלה הפרטים שנמסרו למארחי {{event_name}} ({{event_date}}, {{event_time}}):\n\n{0}\n\nלשינוי התשובה: {{rsvp_link}}"),
        Footer = "הודעה זו נשלחה אליך כי את/ה ברשימת המוזמנים של {0}.",
        StopEmails = "להפסקת הודעות דוא״ל בנושא: {0}",
        Unsubscribe = "הסרה מרשימת התפוצה",
        ReplyButton = "לאישור הגעה",
        ButtonFallback = "אם הכפתור לא עובד, אפשר לפתוח את הקישור:",
        And = "ו",
        ReplyHere = "לאישור הגעה: {0}",
        VenueToBeAnnounced = "יפורסם בהמשך",
        RegistrationCancelled = ("בוטל: {0}", "{0} ב-{1} בוטל, ולכן גם ההרשמה שלך בוטלה. אנחנו מצטערים. אין צורך לעשות דבר."),
        RegistrationMoved = ("מועד חדש: {0}", "{0} הועבר מ-{1} ל-{2}. ההרשמה שלך בתוקף. קובץ היומן המצורף מעדכן את הרשומה ביומן שלך."),
        SeeRegistration = "לצפייה בהרשמה שלך",
    };

    public static readonly GuestTexts Spanish = new()
    {
        Language = Language.Spanish,
        Code = "es",
        NativeName = "Español",
        Culture = CultureInfo.GetCultureInfo("es-ES"),
        DateFormat = "dddd d 'de' MMMM 'de' yyyy",
        Invited = "Invitación",
        When = "Cuándo",
        Where = "Dónde",
        OpenMap = "Ver en el mapa",
        AnswerBy = "Por favor, responde hasta el {0}.",
        DeadlinePassed = "El plazo para responder terminó el {0}. Esta es la respuesta que tienen los anfitriones; para cambiarla, contacta con ellos.",
        Accept = "Sí, asistiré",
        Decline = "No podré asistir",
        Attending = "Asiste",
        NotAttending = "No asiste",
        NoAnswerYet = "Sin respuesta todavía",
        OnePlusOne = "Puedes venir con un acompañante.",
        PlusOnes = "Puedes venir con hasta {0} acompañantes.",
        PlusOneName = "Nombre del acompañante {0}",
        PlusOneDietary = "Necesidades alimentarias del acompañante {0}",
        Dietary = "Necesidades alimentarias o alergias (opcional)",
        DietaryLabel = "Necesidades alimentarias",
        MessageToHosts = "Un mensaje para los anfitriones (opcional)",
        Send = "Enviar mi respuesta",
        Update = "Actualizar mi respuesta",
        Sending = "Enviando…",
        Saved = "¡Gracias! Tu respuesta se ha guardado.",
        YourAnswer = "Tu respuesta",
        With = "con {0}",
        YourMessage = "Tu mensaje",
        AddToCalendar = "Añadir a mi calendario",
        ChangeAnswer = "Cambiar mi respuesta",
        Privacy = "Solo los anfitriones de este evento ven tu respuesta.",
        LanguageLabel = "Idioma",
        LinkRevoked = "Este enlace ya no es válido",
        LinkRevokedHelp = "Los anfitriones lo han sustituido por uno nuevo. Pídeles tu nuevo enlace.",
        ChooseAnswer = "Indica si {0} asistirá.",
        AnswerSomeone = "Responde al menos por una persona.",
        TooManyGuests = "Puedes traer como máximo {0}.",
        TooLong = "Como máximo {0} caracteres.",
        NameNeeded = "Añade el nombre del acompañante o borra sus necesidades alimentarias.",
        Closed = "Ya no se puede responder: el plazo ha terminado.",
        Stale = "La lista de invitados ha cambiado. Revisa el formulario y envíalo de nuevo.",
        FixBelow = "Revisa los campos marcados.",
        Invitation = ("Invitación: {{event_name}}",
            "Hola, {{names}}:\n\nNos encantaría que nos acompañaras en {{event_name}} el {{event_date}} a las {{event_time}}.\n\nPor favor, dinos si puedes venir: {{rsvp_link}}"),
        Reminder = ("Recordatorio: {{event_name}}",
            "Hola, {{names}}:\n\nTodavía no sabemos si vendrás a {{event_name}} el {{event_date}}. Por favor, responde aquí: {{rsvp_link}}"),
        Broadcast = ("Novedades sobre {{event_name}}", "Hola, {{first_name}}:\n\n"),
        Confirmation = ("Tu respuesta para {{event_name}}",
            "Hola, {{first_name}}:\n\nGracias por responder. Los anfitriones de {{event_name}} ({{event_date}}, {{event_time}}) tienen ahora:\n\n{0}\n\nPara cambiar tu respuesta: {{rsvp_link}}"),
        Footer = "Recibes este mensaje porque estás en la lista de invitados de {0}.",
        StopEmails = "Para dejar de recibir correos sobre este evento: {0}",
        Unsubscribe = "Darse de baja",
        ReplyButton = "Responder a la invitación",
        ButtonFallback = "Si el botón no funciona, abre este enlace:",
        And = "y",
        ReplyHere = "Responde aquí: {0}",
        VenueToBeAnnounced = "por confirmar",
        RegistrationCancelled = ("Cancelado: {0}", "{0} del {1} se ha cancelado, así que tu inscripción también queda cancelada. Lo sentimos. No tienes que hacer nada."),
        RegistrationMoved = ("Nueva fecha: {0}", "{0} se ha trasladado del {1} al {2}. Tu inscripción sigue en pie. El archivo de calendario adjunto actualiza la entrada en tu calendario."),
        SeeRegistration = "Ver tu inscripción",
    };
}
