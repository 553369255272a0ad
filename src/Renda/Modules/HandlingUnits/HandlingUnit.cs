using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Renda.Platform.Data;

namespace Renda.Modules.HandlingUnits;

/// <summary>A government department or a township government.</summary>
public enum HandlingUnitKind { Department = 1, TownshipGovernment = 2 }

/// <summary>承办单位: a body that must answer opinions and suggestions assigned to it.</summary>
public sealed class HandlingUnit : IJurisdictionScoped
{
    public long Id { get; set; }
    /// <summary>The county for a county department, the township for a township government.</summary>
    public string JurisdictionCode { get; set; } = "";
    public string Name { get; set; } = "";
    public HandlingUnitKind Kind { get; set; }
}

internal sealed class HandlingUnitConfiguration : IEntityTypeConfiguration<HandlingUnit>
{
    public void Configure(EntityTypeBuilder<HandlingUnit> e)
    {
        e.ToTable("handling_units");
        e.Property(u => u.JurisdictionCode).HasMaxLength(12);
        e.Property(u => u.Name).HasMaxLength(100);
        e.HasIndex(u => new { u.JurisdictionCode, u.Name }).IsUnique();
    }
}
