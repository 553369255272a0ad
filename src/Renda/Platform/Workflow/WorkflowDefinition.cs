using System.Text;
using System.Text.RegularExpressions;
using Renda.Platform.Auth;

namespace Renda.Platform.Workflow;

/// <summary>One row of a transition table: from which states, which action, to which state(s), who may.</summary>
/// <param name="From">The states the action is allowed in (as declared: may be <see cref="WorkflowDefinition.AnyOpen"/> or <see cref="WorkflowDefinition.New"/>).</param>
/// <param name="Targets">One fixed target; several, of which the action's effect chooses one; or none: the state is unchanged.</param>
public sealed record WorkflowTransition(IReadOnlyList<string> From, string Action, IReadOnlyList<string> Targets, IReadOnlyList<string> Roles)
{
    public bool KeepsState => Targets.Count == 0;
    public bool Creates => From.Count == 1 && From[0] == WorkflowDefinition.New;
}

/// <summary>An action the caller may perform now: what the UI shows as a button and the API lists in <c>allowedActions</c>.</summary>
public sealed record AllowedAction(string Action, WorkflowLabel Label, IReadOnlyList<string> Targets, string ActingRole);

/// <summary>The outcome of checking one action against the table, before anything is changed.</summary>
public sealed record WorkflowDecision(WorkflowTransition? Transition, string? ActingRole, WorkflowRefusal? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>The non-generic part of a transition table: names, labels, the diagram.</summary>
public abstract partial class WorkflowDefinition
{
    /// <summary>As a from-state: every state of the table that is not declared <c>Final</c>.</summary>
    public const string AnyOpen = "(any open state)";
    /// <summary>As a from-state: the entity does not exist yet; applied with <see cref="WorkflowEngine.StartAsync{T}"/>.</summary>
    public const string New = "(new)";
    /// <summary>As a target: the action keeps the current state.</summary>
    public const string Unchanged = "(unchanged)";

    private protected readonly List<WorkflowTransition> Rows = [];
    private protected readonly HashSet<string> FinalStates = new(StringComparer.Ordinal);
    private protected readonly Dictionary<string, WorkflowLabel> StateLabels = new(StringComparer.Ordinal);
    private protected readonly Dictionary<string, WorkflowLabel> ActionLabels = new(StringComparer.Ordinal);
    private protected readonly Dictionary<string, WorkflowLabel> RoleLabels = new(StringComparer.Ordinal);
    private readonly Lazy<Table> _table;

    private protected WorkflowDefinition(string name)
    {
        if (!Identifier().IsMatch(name)) throw new ArgumentException($"Workflow name '{name}' must be a snake_case identifier.", nameof(name));
        Name = name;
        _table = new Lazy<Table>(Build, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The workflow's identifier, used in the history table and the audit action (<c>workflow.{name}.{action}</c>).</summary>
    public string Name { get; }

    public IReadOnlyList<WorkflowTransition> Transitions => _table.Value.Rows;

    /// <summary>Every state of the table, in order of first appearance.</summary>
    public IReadOnlyList<string> States => _table.Value.States;

    /// <summary>Every action of the table, in order of first appearance.</summary>
    public IReadOnlyList<string> Actions => _table.Value.Actions;

    public IReadOnlySet<string> OpenStates => _table.Value.Open;

    public bool IsFinal(string state) => FinalStates.Contains(state);

    public WorkflowLabel StateLabel(string state) =>
        _table.Value.StateLabels.TryGetValue(state, out var l) ? l : new WorkflowLabel(state, state);

    public WorkflowLabel ActionLabel(string action) =>
        _table.Value.ActionLabels.TryGetValue(action, out var l) ? l : new WorkflowLabel(action, action);

    public WorkflowLabel RoleLabel(string role) =>
        RoleLabels.TryGetValue(role, out var l) ? l : WorkflowRoles.Label(role);

    /// <summary>Builds and checks the table now (it is otherwise built on first use) and throws if it
    /// is inconsistent: two rows for one (state, action), a state or action without a label, and so on.</summary>
    public void Validate() => _ = _table.Value;

    /// <summary>The table as a Mermaid state diagram, for the module README (a test keeps the two equal).
    /// Actions that keep the state are listed as <c>%%</c> comment lines instead of self-loops.</summary>
    public string ToMermaid()
    {
        var t = _table.Value;
        var sb = new StringBuilder("stateDiagram-v2\n");
        foreach (var row in t.Rows.Where(r => !r.KeepsState))
            foreach (var from in row.From)
                foreach (var to in row.Targets)
                    sb.Append("    ").Append(from == New ? "[*]" : from).Append(" --> ").Append(to).Append(": ").Append(row.Action).Append('\n');
        foreach (var state in t.States.Where(FinalStates.Contains))
            sb.Append("    ").Append(state).Append(" --> [*]\n");
        foreach (var row in t.Rows.Where(r => r.KeepsState))
            sb.Append("    %% ").Append(row.Action).Append(" (state unchanged) in: ").Append(string.Join(", ", row.From)).Append('\n');
        return sb.ToString();
    }

    /// <summary>The <c>```mermaid</c> blocks of a Markdown text (a module README), each as its lines
    /// trimmed and joined with \n, to compare with <see cref="ToMermaid"/> the same way normalized.</summary>
    public static IReadOnlyList<string> MermaidBlocks(string markdown)
    {
        var blocks = new List<string>();
        List<string>? current = null;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (current is null && line.StartsWith("```mermaid", StringComparison.Ordinal)) current = [];
            else if (current is not null && line.StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(string.Join('\n', current));
                current = null;
            }
            else if (current is not null && line.Length > 0) current.Add(line);
        }
        return blocks;
    }

    /// <summary>A Mermaid text with each line trimmed and blank lines dropped.</summary>
    public static string NormalizeMermaid(string mermaid) =>
        string.Join('\n', mermaid.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    /// <summary>The rows whose from-states contain <paramref name="state"/>, <see cref="AnyOpen"/> resolved.</summary>
    private protected IReadOnlyList<WorkflowTransition> RowsIn(string state) =>
        _table.Value.ByState.TryGetValue(state, out var rows) ? rows : [];

    private protected WorkflowTransition? Find(string state, string action) =>
        _table.Value.ByStateAction.GetValueOrDefault((state, action));

    private protected bool Knows(string action) => _table.Value.Actions.Contains(action);

    private protected IReadOnlyList<string> StatesAllowing(string action) =>
        _table.Value.ByStateAction.Keys.Where(k => k.Action == action).Select(k => k.State).ToList();

    private protected void EnsureOpenForChanges()
    {
        if (_table.IsValueCreated) throw new InvalidOperationException($"Workflow '{Name}' is already in use; declare its whole table before using it.");
    }

    private protected void AddRow(IReadOnlyList<string> from, string action, IReadOnlyList<string> targets, string[] roles)
    {
        EnsureOpenForChanges();
        if (from.Count == 0) throw new ArgumentException($"{Name}.{action}: at least one from-state is required.");
        foreach (var s in from)
            if (s != AnyOpen && s != New) CheckState(s);
        if ((from.Contains(AnyOpen) || from.Contains(New)) && from.Count > 1)
            throw new ArgumentException($"{Name}.{action}: {AnyOpen} and {New} stand alone as from-states.");
        if (!Identifier().IsMatch(action) || action.Length > 64) throw new ArgumentException($"{Name}: action '{action}' must be a snake_case identifier of at most 64 characters.");
        foreach (var s in targets) CheckState(s);
        if (from.Contains(New) && targets.Count == 0) throw new ArgumentException($"{Name}.{action}: creating an entity needs a target state.");
        if (targets.Distinct().Count() != targets.Count) throw new ArgumentException($"{Name}.{action}: a target is listed twice.");
        if (roles.Length == 0 || roles.Any(string.IsNullOrWhiteSpace)) throw new ArgumentException($"{Name}.{action}: name the roles that may do it.");
        Rows.Add(new WorkflowTransition(from.ToArray(), action, targets.ToArray(), roles.ToArray()));
    }

    private void CheckState(string s)
    {
        if (!Identifier().IsMatch(s) || s.Length > 32)
            throw new ArgumentException($"{Name}: state '{s}' must be a snake_case identifier of at most 32 characters.");
    }

    private sealed record Table(
        IReadOnlyList<WorkflowTransition> Rows,
        IReadOnlyList<string> States,
        IReadOnlyList<string> Actions,
        IReadOnlySet<string> Open,
        IReadOnlyDictionary<string, IReadOnlyList<WorkflowTransition>> ByState,
        IReadOnlyDictionary<(string State, string Action), WorkflowTransition> ByStateAction,
        IReadOnlyDictionary<string, WorkflowLabel> StateLabels,
        IReadOnlyDictionary<string, WorkflowLabel> ActionLabels);

    private Table Build()
    {
        var problems = new List<string>();
        var states = new List<string>();
        void See(string s) { if (s != AnyOpen && s != New && !states.Contains(s)) states.Add(s); }
        foreach (var r in Rows)
        {
            foreach (var s in r.From) See(s);
            foreach (var s in r.Targets) See(s);
        }
        foreach (var f in FinalStates.Where(f => !states.Contains(f)))
            problems.Add($"final state '{f}' does not occur in the table");
        var open = states.Where(s => !FinalStates.Contains(s)).ToHashSet(StringComparer.Ordinal);
        if (Rows.Any(r => r.From.Contains(AnyOpen)) && open.Count == 0)
            problems.Add($"{AnyOpen} is used but every state is final");

        var byStateAction = new Dictionary<(string, string), WorkflowTransition>();
        var byState = new Dictionary<string, List<WorkflowTransition>>(StringComparer.Ordinal);
        foreach (var r in Rows)
        {
            var from = r.From.Contains(AnyOpen) ? states.Where(open.Contains) : r.From;
            foreach (var s in from)
            {
                if (!byStateAction.TryAdd((s, r.Action), r))
                    problems.Add($"two rows for action '{r.Action}' in state '{s}'");
                if (!byState.TryGetValue(s, out var list)) byState[s] = list = [];
                if (!list.Contains(r)) list.Add(r);
            }
        }

        var stateLabels = new Dictionary<string, WorkflowLabel>(StringComparer.Ordinal);
        foreach (var s in states)
        {
            if (StateLabels.TryGetValue(s, out var l) || WorkflowLabels.States.TryGetValue(s, out l)) stateLabels[s] = l;
            else problems.Add($"state '{s}' has no label: add .State(\"{s}\", zh, en)");
        }
        var actions = Rows.Select(r => r.Action).Distinct().ToList();
        var actionLabels = new Dictionary<string, WorkflowLabel>(StringComparer.Ordinal);
        foreach (var a in actions)
        {
            if (ActionLabels.TryGetValue(a, out var l) || WorkflowLabels.Actions.TryGetValue(a, out l)) actionLabels[a] = l;
            else problems.Add($"action '{a}' has no label: add .Action(\"{a}\", zh, en)");
        }
        if (problems.Count > 0)
            throw new InvalidOperationException($"Workflow '{Name}' is inconsistent: {string.Join("; ", problems)}.");

        return new Table(Rows.ToArray(), states, actions, open,
            byState.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<WorkflowTransition>)kv.Value.ToArray(), StringComparer.Ordinal),
            byStateAction, stateLabels, actionLabels);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();
}

/// <summary>A transition table for entities of type <typeparamref name="T"/>; declare it once, as a
/// static field of the module, so that it reads like DOMAIN.md's table:
/// <code>
/// public static readonly WorkflowDefinition&lt;Opinion&gt; Definition = new WorkflowDefinition&lt;Opinion&gt;("opinion")
///     .On("submitted", "triage", "triaged", Roles.CongressStaff)
///     .On(["submitted", "triaged"], "merge", "merged", Roles.CongressStaff)
///     .On("replied", "rate", ["closed", "in_progress"], Roles.Representative, WorkflowRoles.Submitter)
///     .On(WorkflowDefinition.AnyOpen, "supervise", WorkflowDefinition.Unchanged, Roles.CongressStaff, Roles.Leader)
///     .Final("closed", "merged")
///     .Relationships((o, user) => o.SubmitterId == user.RepresentativeId ? [WorkflowRoles.Submitter] : []);
/// </code>
/// A caller may do an action when it holds any of the row's roles: an account role, or a
/// relationship role that <see cref="Relationships"/> grants for this entity.</summary>
public sealed class WorkflowDefinition<T>(string name) : WorkflowDefinition(name) where T : class, IWorkflowEntity
{
    private Func<T, ICurrentUser, IEnumerable<string>> _relationships = static (_, _) => [];

    /// <summary>A row with one target state, or <see cref="WorkflowDefinition.Unchanged"/>.</summary>
    public WorkflowDefinition<T> On(string from, string action, string to, params string[] roles) =>
        On([from], action, to, roles);

    /// <summary>A row with several from-states and one target state, or <see cref="WorkflowDefinition.Unchanged"/>.</summary>
    public WorkflowDefinition<T> On(string[] from, string action, string to, params string[] roles)
    {
        AddRow(from, action, to == Unchanged ? [] : [to], roles);
        return this;
    }

    /// <summary>A row whose target the action's effect chooses among <paramref name="to"/> (<see cref="WorkflowStep{T}.GoTo"/>).</summary>
    public WorkflowDefinition<T> On(string from, string action, string[] to, params string[] roles) =>
        On([from], action, to, roles);

    public WorkflowDefinition<T> On(string[] from, string action, string[] to, params string[] roles)
    {
        if (to.Length < 2 || to.Contains(Unchanged))
            throw new ArgumentException($"{Name}.{action}: a choice of targets lists two or more states.");
        AddRow(from, action, to, roles);
        return this;
    }

    /// <summary>States where the work is over: excluded from <see cref="WorkflowDefinition.AnyOpen"/>.</summary>
    public WorkflowDefinition<T> Final(params string[] states)
    {
        EnsureOpenForChanges();
        foreach (var s in states) FinalStates.Add(s);
        return this;
    }

    /// <summary>The relationship roles the caller holds on this entity (e.g. <see cref="WorkflowRoles.Submitter"/>
    /// when the caller's RepresentativeId is the entity's submitter).</summary>
    public WorkflowDefinition<T> Relationships(Func<T, ICurrentUser, IEnumerable<string>> roles)
    {
        EnsureOpenForChanges();
        _relationships = roles;
        return this;
    }

    /// <summary>Labels a state that DOMAIN.md's shared table (<see cref="WorkflowLabels.States"/>) lacks, or overrides one.</summary>
    public WorkflowDefinition<T> State(string state, string zh, string en)
    {
        EnsureOpenForChanges();
        StateLabels[state] = new WorkflowLabel(zh, en);
        return this;
    }

    /// <summary>Labels an action (the text of its button), when <see cref="WorkflowLabels.Actions"/> lacks it or says it differently.</summary>
    public WorkflowDefinition<T> Action(string action, string zh, string en)
    {
        EnsureOpenForChanges();
        ActionLabels[action] = new WorkflowLabel(zh, en);
        return this;
    }

    /// <summary>Labels a relationship role for refusal messages ("only the assigned unit may…").</summary>
    public WorkflowDefinition<T> Role(string role, string zh, string en)
    {
        EnsureOpenForChanges();
        RoleLabels[role] = new WorkflowLabel(zh, en);
        return this;
    }

    /// <summary>The actions <paramref name="user"/> may do on <paramref name="entity"/> now, in table order.</summary>
    public IReadOnlyList<AllowedAction> AllowedActions(T entity, ICurrentUser user)
    {
        if (!InJurisdiction(entity, user)) return [];
        var held = HeldRoles(entity, user);
        var list = new List<AllowedAction>();
        foreach (var row in RowsIn(entity.State))
            if (ActingRole(row, held) is { } role)
                list.Add(new AllowedAction(row.Action, ActionLabel(row.Action), row.Targets, role));
        return list;
    }

    /// <summary>Checks <paramref name="action"/> on an existing entity against jurisdiction, state and role,
    /// in that order (jurisdiction first, so that a refusal never tells an outsider the entity's state).</summary>
    public WorkflowDecision Check(T entity, string action, ICurrentUser user) => Check(entity, entity.State, action, user);

    /// <summary>Checks creating <paramref name="entity"/> with <paramref name="action"/> (a row from <see cref="WorkflowDefinition.New"/>).</summary>
    public WorkflowDecision CheckStart(T entity, string action, ICurrentUser user) => Check(entity, New, action, user);

    private WorkflowDecision Check(T entity, string state, string action, ICurrentUser user)
    {
        if (!InJurisdiction(entity, user))
            return Refused(WorkflowRefusal.OutOfJurisdiction());
        var row = Find(state, action);
        if (row is null)
        {
            if (!Knows(action))
                return Refused(WorkflowRefusal.UnknownAction(Name, action));
            var label = state == New ? new WorkflowLabel("新建", "new") : StateLabel(state);
            return Refused(WorkflowRefusal.ActionNotAllowed(state, label, action, ActionLabel(action), StatesAllowing(action)));
        }
        var role = ActingRole(row, HeldRoles(entity, user));
        if (role is null)
            return Refused(WorkflowRefusal.RoleNotAllowed(action, ActionLabel(action), row.Roles, row.Roles.Select(RoleLabel).ToList()));
        return new WorkflowDecision(row, role, null);
    }

    private static WorkflowDecision Refused(WorkflowRefusal r) => new(null, null, r);

    /// <summary>Unscoped callers (null scope: anonymous public endpoints, jobs) pass; a scoped caller
    /// acts only on entities in its jurisdiction or below.</summary>
    public static bool InJurisdiction(T entity, ICurrentUser user) =>
        user.ScopeCode is not { } scope || (entity.JurisdictionCode ?? "").StartsWith(scope, StringComparison.Ordinal);

    private HashSet<string> HeldRoles(T entity, ICurrentUser user)
    {
        var held = new HashSet<string>(user.Roles, StringComparer.Ordinal) { WorkflowRoles.Anyone };
        foreach (var r in _relationships(entity, user)) held.Add(r);
        return held;
    }

    /// <summary>The first of the row's roles the caller holds: recorded in the history as the role it acted in.</summary>
    private static string? ActingRole(WorkflowTransition row, HashSet<string> held) =>
        row.Roles.FirstOrDefault(held.Contains);
}
