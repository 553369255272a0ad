using Npgsql;
using Renda.Platform.Data;

namespace Renda.UnitTests.Data;

public sealed class ConnectionStringTests
{
    [Fact]
    public void PostgreSQL_gets_prepared_statements_and_no_reset_when_the_operator_leaves_them_unset()
    {
        var b = new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString("Host=db;Username=renda;Database=renda"));
        Assert.Equal(DataSetup.PostgresAutoPrepared, b.MaxAutoPrepare);
        Assert.True(b.NoResetOnClose);
        Assert.Equal("db", b.Host);
        Assert.Equal("renda", b.Database);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    [InlineData("host=db;MAX AUTO PREPARE=0;no reset on close=False")]
    public void What_the_operator_sets_wins_however_it_is_spelled(string configured)
    {
        var b = new NpgsqlConnectionStringBuilder(DataSetup.PostgresConnectionString(configured));
        Assert.Equal(0, b.MaxAutoPrepare);
        Assert.False(b.NoResetOnClose);
    }
}
