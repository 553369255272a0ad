using System.Text.RegularExpressions;

namespace Renda.Platform.Data;

/// <summary>The one masking rule set for personal information leaving staff eyes.</summary>
public static partial class Masking
{
    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***; Latin names keep the first letter.</summary>
    public static string Name(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "";
        return name.Length == 1 ? "*" : name[0] + new string('*', name.Length - 1);
    }

    /// <summary>13812348000 → 138****8000.</summary>
    public static string Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return "";
        return phone.Length < 7 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
    }

    /// <summary>320102199001011234 → 3201**********1234.</summary>
    public static string IdNumber(string? id)
    {
        if (string.IsNullOrEmpty(id)) return "";
        return id.Length < 8 ? new string('*', id.Length) : id[..4] + new string('*', id.Length - 8) + id[^4..];
    }

    /// <summary>Masks mobile phone numbers and ID numbers found inside free text.</summary>
    public static string FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        text = IdPattern().Replace(text, m => IdNumber(m.Value));
        return PhonePattern().Replace(text, m => Phone(m.Value));
    }

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex PhonePattern();
}
