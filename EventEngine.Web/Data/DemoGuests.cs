using EventEngine.Web.Domain;

namespace EventEngine.Web.Data;

/// <summary>A few hundred plausible wedding guests, the same on every run (fixed random seed).</summary>
public static class DemoGuests
{
    private static readonly string[] FirstNames =
    [
        "Oliver", "Amelia", "Noah", "Isla", "Leo", "Ava", "Arthur", "Mia", "Freya", "George", "Priya", "Arjun", "Aisha",
        "Omar", "Yael", "Noam", "Chloé", "Léa", "Mathis", "Jürgen", "Lena", "Sofía", "Mateo", "Giulia", "Luca", "Siobhán",
        "Cian", "Aoife", "Chidi", "Ngozi", "Thandi", "Sipho", "Hannah", "Ethan", "Grace", "Zoë", "Björn", "Mei", "Kenji",
        "Anaïs", "Ines", "Tomás", "Fatima", "Yusuf", "Eleanor", "Harry", "Rosie", "Finn", "Maya", "Daniel",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Patel", "Sharma", "Khan", "Cohen", "Levi", "Dubois", "Martin",
        "Müller", "Schmidt", "García", "Fernández", "Rossi", "Bianchi", "O'Brien", "Murphy", "Okafor", "Adeyemi", "Nkosi",
        "Dlamini", "van der Berg", "Nakamura", "Chen", "Wong", "Silva", "Haddad", "Evans", "Hughes", "Walsh", "Novak",
    ];

    private static readonly string[] Sides = ["Bride", "Groom", "Both"];
    private static readonly string[] Diets = ["Vegetarian", "Vegan", "Gluten-free", "Nut allergy", "Halal", "Kosher", "Pescatarian", "Lactose intolerant"];
    private static readonly string[] TagPool = ["family", "friends", "work", "university", "school", "neighbours", "ceremony only"];

    // Valid numbers (per libphonenumber) with the last three digits left for variety; most guests live in the UK.
    private static readonly string[] PhonePrefixes =
    [
        "+447400123", "+447400123", "+447400123", "+441212345", "+441212345", "+12015550", "+15062345", "+353850123",
        "+33612345", "+4915123456", "+972502345", "+918123456", "+61412345", "+34612345", "+393123456", "+31612345",
        "+27711234", "+2348021234",
    ];

    public static (List<Household> Households, List<Guest> Guests) Create(Guid eventId, Guid addedBy, DateTime now)
    {
        var random = new Random(2027);
        var households = new List<Household>();
        var guests = new List<Guest>();
        var phones = new HashSet<string>();
        var emails = new HashSet<string>();

        while (guests.Count < 320)
        {
            var lastName = Pick(random, LastNames);
            var size = random.Next(100) switch { < 35 => 1, < 70 => 2, < 85 => 3, < 95 => 4, _ => 5 };
            var side = Pick(random, Sides);
            var status = random.Next(100) switch { < 55 => GuestStatus.Confirmed, < 70 => GuestStatus.Declined, _ => GuestStatus.Invited };
            var tag = Pick(random, TagPool);
            var table = random.Next(100) < 80 ? $"Table {random.Next(1, 31)}" : null;
            Household? household = null;
            if (size > 1)
            {
                household = new Household { Id = Guid.NewGuid(), EventId = eventId, Name = $"The {lastName} family", CreatedAt = now };
                households.Add(household);
            }

            for (var member = 0; member < size; member++)
            {
                var firstName = Pick(random, FirstNames);
                var isAdultContact = member < 2;
                var guest = new Guest
                {
                    Id = Guid.NewGuid(),
                    EventId = eventId,
                    HouseholdId = household?.Id,
                    FirstName = firstName,
                    LastName = lastName,
                    Side = side,
                    Status = random.Next(100) < 85 ? status : GuestStatus.Invited,
                    DietaryNeeds = random.Next(100) < 22 ? Pick(random, Diets) : null,
                    TableName = table,
                    Tags = [tag],
                    AddedById = addedBy,
                    CreatedAt = now.AddMinutes(-guests.Count),
                    UpdatedAt = now,
                };
                if (isAdultContact || random.Next(100) < 30) guest.Phone = UniquePhone(random, phones);
                if (guest.Phone is null || random.Next(100) < 60)
                    guest.Email = UniqueEmail(firstName, lastName, random, emails);
                // The third and later members of a family are its children: the household's link answers for them.
                if (!isAdultContact && household is not null) (guest.IsChild, guest.Phone, guest.Email) = (true, null, null);
                if (size == 1 && random.Next(100) < 30)
                {
                    guest.PlusOnesAllowed = 1;
                    if (guest.Status == GuestStatus.Confirmed && random.Next(100) < 70)
                    {
                        guest.PlusOnesComing = 1;
                        guest.PlusOneNames = [$"{Pick(random, FirstNames)} {Pick(random, LastNames)}"];
                    }
                }
                guests.Add(guest);
            }
        }
        return (households, guests);
    }

    private static string UniquePhone(Random random, HashSet<string> used)
    {
        string phone;
        do phone = Pick(random, PhonePrefixes) + random.Next(0, 1000).ToString("D3");
        while (!used.Add(phone));
        return phone;
    }

    private static string UniqueEmail(string firstName, string lastName, Random random, HashSet<string> used)
    {
        var local = new string($"{firstName}.{lastName}".Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetter(c) || c == '.').ToArray()).ToLowerInvariant();
        string email;
        do email = $"{local}{(used.Count % 3 == 0 ? "" : random.Next(1, 99).ToString())}@{Pick(random, ["example.com", "example.org", "example.net"])}";
        while (!used.Add(email));
        return email;
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
