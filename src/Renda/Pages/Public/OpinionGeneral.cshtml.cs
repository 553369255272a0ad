using Microsoft.AspNetCore.Mvc;
using Renda.Modules.Opinions;
using Renda.Platform.Auth;
using Renda.Platform.Data;
using Renda.Platform.Ui;

namespace Renda.Pages.Public;

/// <summary>/p/opinion: the general form, for the congress this installation serves.</summary>
public sealed class OpinionGeneralModel(SubmitOpinion submit, OpinionAttachments attachments, AppDbContext db, ICurrentUser user, Lang lang)
    : PublicOpinionFormPage(submit, attachments, db, user, lang)
{
    public IActionResult OnGet() => Page();

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => SubmitAsync(null, null, ct);
}
