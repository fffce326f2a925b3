using Federation.Clients.Results;
using Microsoft.AspNetCore.Components.Forms;

namespace Federation.Portal.ComputeAccess;

/// <summary>
/// A hub's refusal of a compute form, said where it belongs: each reason next to the field of <typeparamref name="TForm"/>
/// its key names ("requestedHours", "eligibility[1]", "resources[0].resourceId"), the rest above the form.
/// </summary>
public static class FormRefusal<TForm>
{
    /// <summary>The property of <typeparamref name="TForm"/> a hub's error key is about, or null.</summary>
    public static string? FieldOf(string errorKey)
    {
        var end = errorKey.IndexOfAny(['[', '.']);
        var key = end >= 0 ? errorKey[..end] : errorKey;
        return typeof(TForm).GetProperties().FirstOrDefault(p => p.Name.Equals(key, StringComparison.OrdinalIgnoreCase))?.Name;
    }

    /// <summary>
    /// Shows <paramref name="answer"/>'s reasons; fields in <paramref name="hidden"/> have no input to show them by, so
    /// theirs go above the form. A refusal without reasons is said in <paramref name="otherwise"/>.
    /// </summary>
    public static void Show<T>(ApiResult<T> answer, EditContext form, ValidationMessageStore messages, List<string> general, string otherwise,
        params string[] hidden)
    {
        foreach (var (key, reasons) in answer.Errors)
        {
            if (FieldOf(key) is { } field && !hidden.Contains(field))
            {
                messages.Add(form.Field(field), reasons);
            }
            else
            {
                general.AddRange(reasons);
            }
        }

        if (answer.Errors.Count == 0)
        {
            general.Add(answer.Detail ?? otherwise);
        }

        form.NotifyValidationStateChanged();
    }
}
