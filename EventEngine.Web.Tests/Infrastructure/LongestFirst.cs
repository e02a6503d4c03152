using Xunit.Abstractions;

[assembly: TestCollectionOrderer("EventEngine.Web.Tests.Infrastructure.LongestFirst", "EventEngine.Web.Tests")]

namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>
/// Marks a test class that takes much longer than the others (tens of seconds), so it starts first. Classes run in
/// parallel on a few threads; a long class started last runs alone at the end while the other threads idle.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class StartsFirstAttribute : Attribute;

/// <summary>Starts the classes marked <see cref="StartsFirstAttribute"/> before the rest. Only the order changes.</summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => StartsFirst(c) ? 0 : 1).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static bool StartsFirst(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && typeof(LongestFirst).Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
        && type.IsDefined(typeof(StartsFirstAttribute), inherit: false);
}
