namespace EventEngine.Web.Tests.Infrastructure;

/// <summary>Waits for something another thread or process does, with a deadline: a regression fails the test instead of hanging the run.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(20);
        }
    }
}
