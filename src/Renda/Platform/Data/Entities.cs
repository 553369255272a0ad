namespace Renda.Platform.Data;

/// <summary>A row that belongs to a jurisdiction. Every query over such rows is scoped to the
/// caller's jurisdiction and below by one global filter in <see cref="AppDbContext"/>.</summary>
public interface IJurisdictionScoped
{
    string JurisdictionCode { get; }
}

/// <summary>A row with an optimistic-concurrency version, bumped on every change.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>Marks a property that holds personal information: it never enters the audit trail's
/// before/after summary, and it is masked wherever it leaves staff eyes.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PersonalInfoAttribute : Attribute;

/// <summary>An entity whose changes are not recorded by the automatic change audit, because an
/// explicit, richer audit entry is written for them (e.g. workflow history).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NotAuditedAttribute : Attribute;
