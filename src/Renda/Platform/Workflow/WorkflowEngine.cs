using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Renda.Platform.Audit;
using Renda.Platform.Auth;
using Renda.Platform.Data;

namespace Renda.Platform.Workflow;

/// <summary>One requested action. <paramref name="ExpectedVersion"/> is the version the caller last saw
/// (null: do not check); <paramref name="Data"/> is recorded as JSON in the history row (never put
/// personal information in it: history is shown to staff and, masked, to the public).</summary>
public sealed record WorkflowCommand(string Action, long? ExpectedVersion = null, string? Comment = null, object? Data = null)
{
    public const int MaxCommentLength = 4000;

    public static implicit operator WorkflowCommand(string action) => new(action);
}

/// <summary>What an action's effect sees and may do: change the entity, choose the target state
/// (when the row offers several), set the history data, or refuse.</summary>
public sealed partial class WorkflowStep<T> where T : class, IWorkflowEntity
{
    internal WorkflowStep(T entity, WorkflowTransition transition, string from, string actingRole, ICurrentUser user,
        string? comment, object? data, DateTime now)
    {
        Entity = entity;
        Transition = transition;
        From = from;
        ActingRole = actingRole;
        User = user;
        Comment = comment;
        Data = data;
        Now = now;
        To = transition.KeepsState ? from : transition.Targets.Count == 1 ? transition.Targets[0] : null;
    }

    public T Entity { get; }
    public WorkflowTransition Transition { get; }
    public string Action => Transition.Action;
    /// <summary>The state before the action ("" when it creates the entity).</summary>
    public string From { get; }
    /// <summary>The next state: preset for a row with one target (or unchanged); null until <see cref="GoTo"/> for a row with several.</summary>
    public string? To { get; private set; }
    public IReadOnlyList<string> Targets => Transition.Targets;
    /// <summary>The role the caller acts in (the first of the row's roles it holds).</summary>
    public string ActingRole { get; }
    public ICurrentUser User { get; }
    public string? Comment { get; set; }
    /// <summary>Recorded as JSON in the history row's <c>data</c>.</summary>
    public object? Data { get; set; }
    /// <summary>The engine's clock reading for this action (UTC).</summary>
    public DateTime Now { get; }
    internal WorkflowRefusal? Refusal { get; private set; }

    /// <summary>Chooses the next state among the row's targets. Choosing a state the row does not
    /// offer is a programming error and throws.</summary>
    public void GoTo(string state)
    {
        if (!Transition.Targets.Contains(state))
            throw new InvalidOperationException($"'{Action}' cannot lead to '{state}'; its targets are: {string.Join(", ", Transition.Targets)}.");
        To = state;
    }

    /// <summary>Refuses the action for bad input (400): nothing is saved.</summary>
    public void Invalid(string field, string zh, string en) => Refusal ??= WorkflowRefusal.InvalidInput(field, zh, en);

    /// <summary>Refuses the action for a business rule (409 with <paramref name="code"/> as the problem type): nothing is saved; the attempt is audited as denied.</summary>
    public void Refuse(string code, string zh, string en)
    {
        if (!Slug().IsMatch(code)) throw new ArgumentException($"Refusal code '{code}' must be a kebab-case slug.", nameof(code));
        Refusal ??= new WorkflowRefusal(code, zh, en);
    }

    /// <summary>Refuses the action unless it carries a comment (DOMAIN.md: "reason required").</summary>
    public bool RequireComment()
    {
        if (!string.IsNullOrWhiteSpace(Comment)) return true;
        Invalid("comment", "请填写理由", "A reason is required.");
        return false;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Slug();
}

/// <summary>The one code path that applies a workflow action. It checks jurisdiction, expected version,
/// state and role (in that order); runs the action's effect; then, in one transaction, sets the state,
/// appends the history row and the audit entry, and saves (which bumps the row version; a concurrent
/// change makes the save fail and the result stale). A refused action changes nothing: every pending
/// change in the context is discarded, and a 409-kind refusal is audited with outcome "denied".</summary>
/// <remarks>The engine saves the whole context: a use case makes its other changes (e.g. to a second
/// entity) before or inside the effect, and they are committed with the action or not at all.</remarks>
public sealed class WorkflowEngine(AppDbContext db, TimeProvider clock, IEnumerable<IWorkflowObserver>? observers = null)
{
    private readonly IWorkflowObserver[] _observers = observers?.ToArray() ?? [];

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);
    private readonly AuditTrail _audit = new(db);

    /// <summary>Applies <paramref name="command"/> to an existing entity (tracked by, or attachable to, this context).</summary>
    public Task<WorkflowResult> ApplyAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command, ICurrentUser user,
        Action<WorkflowStep<T>>? effect = null, CancellationToken ct = default) where T : class, IWorkflowEntity =>
        RunAsync(definition, entity, command, user, Wrap(effect), create: false, ct);

    /// <summary>As <see cref="ApplyAsync{T}(WorkflowDefinition{T}, T, WorkflowCommand, ICurrentUser, Action{WorkflowStep{T}}?, CancellationToken)"/>,
    /// with an effect that needs to query (e.g. load the unit it assigns to, or the calendar's holidays).</summary>
    public Task<WorkflowResult> ApplyAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command, ICurrentUser user,
        Func<WorkflowStep<T>, CancellationToken, Task> effect, CancellationToken ct = default) where T : class, IWorkflowEntity =>
        RunAsync(definition, entity, command, user, effect, create: false, ct);

    /// <summary>Creates <paramref name="entity"/> through a row from <see cref="WorkflowDefinition.New"/>
    /// (e.g. <c>submit</c>): inserts it in the row's target state with its first history row and audit entry.</summary>
    public Task<WorkflowResult> StartAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command, ICurrentUser user,
        Action<WorkflowStep<T>>? effect = null, CancellationToken ct = default) where T : class, IWorkflowEntity =>
        RunAsync(definition, entity, command, user, Wrap(effect), create: true, ct);

    /// <summary>As <see cref="StartAsync{T}(WorkflowDefinition{T}, T, WorkflowCommand, ICurrentUser, Action{WorkflowStep{T}}?, CancellationToken)"/>, with an asynchronous effect.</summary>
    public Task<WorkflowResult> StartAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command, ICurrentUser user,
        Func<WorkflowStep<T>, CancellationToken, Task> effect, CancellationToken ct = default) where T : class, IWorkflowEntity =>
        RunAsync(definition, entity, command, user, effect, create: true, ct);

    private static Func<WorkflowStep<T>, CancellationToken, Task>? Wrap<T>(Action<WorkflowStep<T>>? effect) where T : class, IWorkflowEntity =>
        effect is null ? null : (step, _) =>
        {
            effect(step);
            return Task.CompletedTask;
        };

    /// <summary>The entity's history, oldest first.</summary>
    public Task<List<WorkflowHistoryEntry>> HistoryAsync(WorkflowDefinition definition, long entityId, CancellationToken ct = default) =>
        db.WorkflowHistory.AsNoTracking()
            .Where(h => h.Workflow == definition.Name && h.EntityId == entityId)
            .OrderBy(h => h.Id)
            .ToListAsync(ct);

    private async Task<WorkflowResult> RunAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command,
        ICurrentUser user, Func<WorkflowStep<T>, CancellationToken, Task>? effect, bool create, CancellationToken ct) where T : class, IWorkflowEntity
    {
        var from = create ? "" : entity.State;
        WorkflowResult Result(WorkflowRefusal? refusal, string state) => new()
        {
            Action = command.Action.Length <= 64 ? command.Action : command.Action[..64],
            FromState = from,
            State = state,
            Version = entity.Version,
            Refusal = refusal,
        };

        var decision = create ? definition.CheckStart(entity, command.Action, user) : definition.Check(entity, command.Action, user);
        if (decision.Refusal is { Code: WorkflowRefusal.OutOfJurisdictionCode })
            return await RefuseAsync(definition, entity, command, user, from, decision.Refusal, Result, ct);
        if (!create && command.ExpectedVersion is { } expected && expected != entity.Version)
            return Result(WorkflowRefusal.Stale(entity.Version), from);
        if (decision.Refusal is not null)
            return await RefuseAsync(definition, entity, command, user, from, decision.Refusal, Result, ct);

        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        if (comment?.Length > WorkflowCommand.MaxCommentLength)
            return Result(WorkflowRefusal.InvalidInput("comment", $"意见不能超过{WorkflowCommand.MaxCommentLength}字",
                $"The comment may not exceed {WorkflowCommand.MaxCommentLength} characters."), from);

        if (!create && db.Entry(entity).State == EntityState.Detached) db.Attach(entity);
        var now = clock.GetUtcNow().UtcDateTime;
        var step = new WorkflowStep<T>(entity, decision.Transition!, from, decision.ActingRole!, user, comment, command.Data, now);
        try
        {
            if (effect is not null) await effect(step, ct);
            if (step.Refusal is null && step.To is null)
                throw new InvalidOperationException(
                    $"'{definition.Name}.{step.Action}' leads to one of {string.Join(", ", step.Targets)}; its effect must choose one with GoTo.");
        }
        catch
        {
            Discard(create ? entity : null);
            throw;
        }
        if (step.Refusal is { } refused)
            return await RefuseAsync(definition, entity, command, user, from, refused, Result, ct);

        if (step.Comment is { Length: > WorkflowCommand.MaxCommentLength })
            step.Comment = step.Comment[..WorkflowCommand.MaxCommentLength];
        var to = step.To!;
        entity.State = to;
        var history = new WorkflowHistoryEntry
        {
            Workflow = definition.Name,
            FromState = from,
            Action = step.Action,
            ToState = to,
            Actor = user.UserName ?? "anonymous",
            ActorRole = step.ActingRole,
            At = now,
            Comment = step.Comment,
            Data = step.Data is null ? null : JsonSerializer.Serialize(step.Data, DataJson),
            JurisdictionCode = entity.JurisdictionCode,
        };
        try
        {
            if (create) await InsertAsync(definition, entity, history, user, () => NotifyObserversAsync(definition, entity, step, from, to, user, ct), ct);
            else
            {
                // Marked even when the state stays: every action bumps the version (so a concurrent
                // action on the same row is detected) and the row's UPDATE carries the version check.
                db.Entry(entity).Property(nameof(IWorkflowEntity.State)).IsModified = true;
                history.EntityId = entity.Id;
                db.WorkflowHistory.Add(history);
                await NotifyObserversAsync(definition, entity, step, from, to, user, ct);
                db.ChangeTracker.DetectChanges();
                var changed = ChangeAudit.Values(db.Entry(entity));
                changed.Remove("state");
                RecordAudit(definition, entity, step.Action, from, to, user, changed.Count > 0 ? changed : null);
                db.AuditedExplicitly.Add(entity);
                await db.SaveChangesAsync(ct);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            Discard(null);
            return Result(WorkflowRefusal.Stale(null), from);
        }
        catch
        {
            Discard(create ? entity : null);
            throw;
        }
        return Result(null, to);
    }

    /// <summary>Inserts the new entity, then its history (which needs the generated id), in one transaction.</summary>
    private async Task InsertAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowHistoryEntry history, ICurrentUser user,
        Func<Task> observe, CancellationToken ct) where T : class, IWorkflowEntity
    {
        await using var tx = db.Database.CurrentTransaction is null ? await db.BeginWriteTransactionAsync(ct) : null;
        if (db.Entry(entity).State == EntityState.Detached) db.Add(entity);
        // The insert's audit record is chained with the action's by the second save: one append, one take of the
        // audit head's lock, held from there to the commit only.
        // In a transaction of its own a failed save rolls all of it back, so EF's savepoint around each save (two
        // round trips apiece) would buy nothing; in the caller's transaction they stay (the caller may go on).
        using var savepoints = tx is not null ? db.WithoutSavepoints() : null;
        try
        {
            db.DeferChainAppend = true;
            await db.SaveChangesAsync(ct);
            db.DeferChainAppend = false;
            history.EntityId = entity.Id;
            db.WorkflowHistory.Add(history);
            await observe();
            RecordAudit(definition, entity, history.Action, "", history.ToState, user);
            await db.SaveChangesAsync(ct);
            db.CommitGuard();
        }
        catch
        {
            db.DropCarriedAudit();
            throw;
        }
        finally
        {
            db.DeferChainAppend = false;
        }
        if (tx is not null) await tx.CommitAsync(ct);
    }

    /// <summary>Tells the observers about a successful action (its effect applied, the state set), inside the
    /// action's transaction: what they add to the context is saved with it, or not at all.</summary>
    private async Task NotifyObserversAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowStep<T> step, string from, string to,
        ICurrentUser user, CancellationToken ct) where T : class, IWorkflowEntity
    {
        if (_observers.Length == 0) return;
        var applied = new WorkflowApplied(db, definition.Name, entity, step.Action, from, to, user, step.ActingRole, step.Comment, step.Now);
        foreach (var o in _observers) await o.OnAppliedAsync(applied, ct);
    }

    private async Task<WorkflowResult> RefuseAsync<T>(WorkflowDefinition<T> definition, T entity, WorkflowCommand command,
        ICurrentUser user, string from, WorkflowRefusal refusal, Func<WorkflowRefusal?, string, WorkflowResult> result,
        CancellationToken ct) where T : class, IWorkflowEntity
    {
        Discard(entity: null);
        if (refusal.IsDenial && definition.Actions.Contains(command.Action))
        {
            _audit.Record(new AuditRecord(
                AuditActions.Workflow(definition.Name, command.Action),
                typeof(T).Name,
                entity.Id == 0 ? "" : entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(new { from, refused = refusal.Code }),
                AuditOutcomes.Denied,
                Actor: user.UserName ?? "anonymous",
                JurisdictionCode: entity.JurisdictionCode,
                ActorRole: string.Join(",", user.Roles)));
            await db.SaveChangesAsync(ct);
        }
        return result(refusal, from);
    }

    private void RecordAudit<T>(WorkflowDefinition<T> definition, T entity, string action, string from, string to,
        ICurrentUser user, Dictionary<string, object?>? changed = null) where T : class, IWorkflowEntity =>
        _audit.Record(new AuditRecord(
            AuditActions.Workflow(definition.Name, action),
            typeof(T).Name,
            entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            changed is null ? JsonSerializer.Serialize(new { from, to }) : JsonSerializer.Serialize(new { from, to, changed }),
            AuditOutcomes.Success,
            Actor: user.UserName ?? "anonymous",
            JurisdictionCode: entity.JurisdictionCode,
            ActorRole: string.Join(",", user.Roles)));

    /// <summary>Forgets every unsaved change in the context (and queued audit entries that described them),
    /// so that a refused action leaves the entity, its version and its history as they were.</summary>
    private void Discard(object? entity)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var e in db.ChangeTracker.Entries().ToList())
        {
            switch (e.State)
            {
                case EntityState.Added:
                    e.State = EntityState.Detached;
                    break;
                case EntityState.Modified:
                    e.CurrentValues.SetValues(e.OriginalValues);
                    e.State = EntityState.Unchanged;
                    break;
                case EntityState.Deleted:
                    e.State = EntityState.Unchanged;
                    break;
            }
        }
        if (entity is not null) db.Entry(entity).State = EntityState.Detached;
        db.PendingAudit.Clear();
        db.AuditedExplicitly.Clear();
    }
}
