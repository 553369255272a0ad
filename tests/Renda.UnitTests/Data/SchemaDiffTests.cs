using Renda.Platform.Data;

namespace Renda.UnitTests.Data;

public sealed class SchemaDiffTests
{
    private const string Existing = """
        CREATE TABLE "a" (
            "id" INTEGER NOT NULL
        );

        CREATE INDEX "IX_a_id" ON "a" ("id");
        """;

    [Fact]
    public void Only_new_statements_come_out_as_written_and_a_changed_table_as_a_comment()
    {
        const string model = """
            CREATE TABLE "a" (
                "id" INTEGER NOT NULL,
                "name" TEXT NULL
            );

            CREATE INDEX   "IX_a_id" ON "a" ("id");

            CREATE TABLE "b" (
                "id" INTEGER NOT NULL
            );
            """;

        var diff = SchemaScript.Diff(model, [Existing]);

        Assert.Contains("CREATE TABLE \"b\" (\n    \"id\" INTEGER NOT NULL\n);", diff.ReplaceLineEndings("\n"));
        Assert.Contains("-- Table a changed", diff);
        Assert.DoesNotContain("CREATE INDEX", diff);
        Assert.DoesNotContain("\nCREATE TABLE \"a\"", diff.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_model_the_scripts_already_hold_gives_nothing()
    {
        Assert.Equal("", SchemaScript.Diff(Existing, [Existing]));
    }
}
