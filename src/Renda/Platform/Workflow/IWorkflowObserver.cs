using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Platform.Workflow;

/// <summary>A successful action, as an observer sees it: the context to add rows to (unsaved: they are
/// committed with the action), the entity after the effect, and who did what.</summary>
public sealed record WorkflowApplied(AppDbContext Db, string Workflow, IWorkflowEntity Entity, string Action, string From, string To,
    ICurrentUser User, string ActingRole, string? Comment, DateTime Now);

/// <summary>Reacts to workflow actions without being part of their effects (e.g. notifications). Registered
/// in DI; <see cref="WorkflowEngine"/> calls every observer after a successful action's effect and before the
/// save, inside the same transaction. An observer must not save, and should ignore workflows it does not know.</summary>
public interface IWorkflowObserver
{
    Task OnAppliedAsync(WorkflowApplied applied, CancellationToken ct);
}
