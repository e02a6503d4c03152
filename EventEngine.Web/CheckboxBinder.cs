using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EventEngine.Web;

/// <summary>
/// Binds bool form values the way a checkbox means them: "true" or "on" is checked, anything else is not.
/// The default binder records a forged value (e.g. 10,000 characters) as an attempted value, and the checkbox
/// tag helper then throws while re-rendering the form; a checkbox has no wrong answer to report anyway.
/// </summary>
public sealed class CheckboxBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        var first = value.FirstValue;
        context.Result = ModelBindingResult.Success(
            string.Equals(first, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(first, "on", StringComparison.OrdinalIgnoreCase));
        return Task.CompletedTask;
    }

    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) ? new CheckboxBinder() : null;
    }
}
